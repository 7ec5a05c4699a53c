import { useState } from 'react';
import { Badge, Button, Card, Empty, List, Skeleton, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors.tsx';
import { hasAnyRole, hrRoles } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { OverdueLists, UpcomingCheckins } from '../checkins/agenda.tsx';
import { AwayCard } from './away-card.tsx';
import { InitiateModal } from './initiate-modal.tsx';
import { PlanRow, TodoRow } from './plan-rows.tsx';
import { usePips, usePipTodos } from './use-pips.ts';

type View = 'todos' | 'mine' | 'team' | 'all' | 'overdue';

function PlanList(props: { view: Exclude<View, 'todos' | 'overdue'> }) {
  const { t } = useTranslation();
  const plans = usePips(props.view);
  if (plans.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (plans.isError) return <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} />;
  if (plans.data.items.length === 0) return <Empty description={t('pip.empty')} data-testid="pips-empty" />;
  return <List dataSource={plans.data.items} renderItem={(p) => <PlanRow p={p} />} data-testid={`pips-${props.view}`} />;
}

function TodoList() {
  const { t } = useTranslation();
  const todos = usePipTodos();
  if (todos.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (todos.isError) return <ErrorAlert error={todos.error} onRetry={() => void todos.refetch()} />;
  if (todos.data.items.length === 0) return <Empty description={t('pip.todosEmpty')} data-testid="todos-empty" />;
  return <List dataSource={todos.data.items} renderItem={(x) => <TodoRow todo={x} />} data-testid="pip-todos" />;
}

/**
 * /pips, 改进计划: what waits on me, my own plan, my team's plans (managers) and all plans in
 * scope (HR), with the coming check-ins under the to-dos and, for HR and HRBPs, the overdue
 * minutes and evaluations. Managers and HR start a plan here; the server decides who sees what. Below,
 * 外出代理: the caller's standing delegation while away.
 */
export function PipsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const [initiating, setInitiating] = useState(false);
  const todos = usePipTodos();
  const user = session.data?.status === 'signed-in' ? session.data.user : null;
  if (!user) return null;
  const hr = hasAnyRole(user, hrRoles);
  const manager = user.isManager === true;
  const views: View[] = ['todos', ...(user.employeeId ? (['mine'] as const) : []), ...(manager ? (['team'] as const) : []), ...(hr || user.roles.includes('auditor') ? (['all'] as const) : []), ...(hr ? (['overdue'] as const) : [])];
  const asked = params.get('view') as View | null;
  const view: View = asked && views.includes(asked) ? asked : views[0]!;
  const count = todos.data?.items.length ?? 0;
  return (
    <>
      <Card
        title={t('pip.title')}
        extra={
          (hr || manager) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setInitiating(true)} data-testid="pip-initiate">
              {t('pip.initiate')}
            </Button>
          )
        }
        styles={{ body: { paddingTop: 0 } }}
      >
        <Tabs
          activeKey={view}
          onChange={(k) => setParams({ view: k }, { replace: true })}
          items={views.map((v) => ({
            key: v,
            label: (
              <span data-testid={`pip-tab-${v}`}>
                {t(`pip.tabs.${v}`)}
                {v === 'todos' && count > 0 && <Badge count={count} size="small" style={{ marginInlineStart: 4 }} />}
              </span>
            ),
            children:
              v === 'todos' ? (
                <>
                  <TodoList />
                  {user.employeeId && <UpcomingCheckins />}
                </>
              ) : v === 'overdue' ? (
                <OverdueLists />
              ) : (
                <PlanList view={v} />
              ),
          }))}
        />
        <InitiateModal open={initiating} onClose={() => setInitiating(false)} />
      </Card>
      {user.employeeId && <AwayCard employeeId={user.employeeId} />}
    </>
  );
}
