import { Button, List, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pipActionLabels, type PipTodo } from '@uplift/contract';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { OverdueCheckinList, OverdueEvaluationList, UPCOMING_DAYS, UpcomingCheckinList } from '../checkins/agenda.tsx';
import { hasCheckins, meetingsOpen } from '../checkins/checkin-rules.ts';
import { useUpcomingCheckins } from '../checkins/use-checkins.ts';
import { useCandidates } from '../performance/use-candidates.ts';
import { PlanRow, TodoRow } from '../pip/plan-rows.tsx';
import { usePips, usePipTodos } from '../pip/use-pips.ts';
import { QuerySection, Section } from './mobile-section.tsx';
import { planOpen } from './workbench.ts';

const footer = { marginTop: 8 } as const;
const byId = (x: { id: string }) => x.id;
const todoKey = (x: PipTodo) => `${x.kind}:${x.planId}:${x.refId ?? ''}`;
/** How many candidates the workbench lists before "see all". */
const CANDIDATES_SHOWN = 5;

/** 待审批: plans whose approval step waits on the caller, each with approve / reject opening the plan's dialog at once. */
export function ApprovalsSection(props: { hideWhenEmpty: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const navigate = useNavigate();
  const todos = usePipTodos();
  const decide = (x: PipTodo, action: 'approve' | 'reject') => () => void navigate(`/pips/${x.planId}?decide=${action}`);
  return (
    <QuerySection
      id="approvals"
      title={t('mobile.sections.approvals')}
      query={todos}
      pick={(d) => d.items.filter((x) => x.kind === 'approve')}
      empty={t('mobile.empty.approvals')}
      hideWhenEmpty={props.hideWhenEmpty}
      rowKey={todoKey}
      renderItem={(x) => (
        <TodoRow
          todo={x}
          footer={
            <Space style={footer} wrap>
              <Button size="small" type="primary" icon={<CheckOutlined />} onClick={decide(x, 'approve')} data-testid="m-approve" data-plan={x.planId}>
                {pipActionLabels.approve[lang]}
              </Button>
              <Button size="small" danger icon={<CloseOutlined />} onClick={decide(x, 'reject')} data-testid="m-reject" data-plan={x.planId}>
                {pipActionLabels.reject[lang]}
              </Button>
            </Space>
          }
        />
      )}
    />
  );
}

/** 待我处理: everything else that waits on the caller (acknowledge, goals, minutes, evaluations, appeals…), each linking to its place. */
export function TodosSection() {
  const { t } = useTranslation();
  const todos = usePipTodos();
  return <QuerySection id="todos" title={t('mobile.sections.todos')} query={todos} pick={(d) => d.items.filter((x) => x.kind !== 'approve')} empty={t('mobile.empty.todos')} rowKey={todoKey} renderItem={(x) => <TodoRow todo={x} />} />;
}

/** 我的改进计划: the caller's own plans with their state and, while one runs, the next meeting. */
export function MinePlansSection(props: { hideWhenEmpty: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const plans = usePips('mine');
  const upcoming = useUpcomingCheckins(UPCOMING_DAYS);
  return (
    <QuerySection
      id="mine"
      title={t('mobile.sections.mine')}
      query={plans}
      pick={(d) => d.items}
      empty={t('mobile.empty.mine')}
      hideWhenEmpty={props.hideWhenEmpty}
      rowKey={byId}
      renderItem={(p) => {
        const next = upcoming.data?.items.find((c) => c.planId === p.id && c.role === 'employee') ?? null;
        const meets = hasCheckins(p.state) && planOpen(p.state) && upcoming.isSuccess;
        return (
          <PlanRow
            p={p}
            footer={
              meets &&
              (next ? (
                <Link to={`/pips/${p.id}#checkin-${next.id}`} style={{ display: 'block', ...footer }} data-testid="m-next-checkin" data-id={next.id}>
                  {t('mobile.nextCheckin', { when: `${dateTime(next.scheduledAt, lang)} ${t(`checkins.kinds.${next.kind}`)}` })}
                </Link>
              ) : (
                <Typography.Text type="secondary" style={{ display: 'block', ...footer }} data-testid="m-no-checkin">
                  {t('mobile.noCheckin')}
                </Typography.Text>
              ))
            }
          />
        );
      }}
    />
  );
}

/** 近期面谈: the caller's meetings of the next two weeks, as employee, manager or HRBP. */
export function UpcomingSection() {
  const { t } = useTranslation();
  return (
    <Section id="upcoming" title={t('mobile.sections.upcoming')}>
      <UpcomingCheckinList />
    </Section>
  );
}

/** 团队改进计划: the manager's reports' plans under way; a running one offers 发起面谈 (the plan page's ad hoc dialog, opened). */
export function TeamSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const plans = usePips('team');
  return (
    <QuerySection
      id="team"
      title={t('mobile.sections.team')}
      extra={<Link to="/pips?view=team">{t('mobile.all')}</Link>}
      query={plans}
      pick={(d) => d.items.filter((p) => planOpen(p.state))}
      empty={t('mobile.empty.team')}
      rowKey={byId}
      renderItem={(p) => (
        <PlanRow
          p={p}
          footer={
            meetingsOpen(p.state) && (
              <Button size="small" icon={<PlusOutlined />} style={footer} onClick={() => void navigate(`/pips/${p.id}?adhoc=1`)} data-testid="m-adhoc" data-plan={p.id}>
                {t('mobile.adhoc')}
              </Button>
            )
          }
        />
      )}
    />
  );
}

/** 逾期事项 for HR and HRBPs: minutes and evaluations past their deadline. */
export function OverdueSection() {
  const { t } = useTranslation();
  return (
    <Section id="overdue" title={t('mobile.sections.overdue')}>
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        {t('checkins.agenda.overdueMinutes')}
      </Typography.Text>
      <OverdueCheckinList />
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        {t('checkins.agenda.overdueEvaluations')}
      </Typography.Text>
      <OverdueEvaluationList />
    </Section>
  );
}

/** 预警名单: the first open candidates in the caller's scope, each opening on /candidates, with the total. */
export function CandidatesSection() {
  const { t } = useTranslation();
  const candidates = useCandidates({ status: 'open', ruleId: null, unitId: null });
  const total = candidates.data?.pages[0]?.total ?? 0;
  return (
    <QuerySection
      id="candidates"
      title={t('mobile.sections.candidates')}
      extra={
        <Link to="/candidates" data-testid="m-candidates-all">
          {total > 0 ? t('mobile.allCount', { count: total }) : t('mobile.all')}
        </Link>
      }
      query={candidates}
      pick={(d) => (d.pages[0]?.items ?? []).slice(0, CANDIDATES_SHOWN)}
      empty={t('mobile.empty.candidates')}
      rowKey={byId}
      renderItem={(c) => (
        <List.Item>
          <Link to={`/candidates?open=${c.id}`} style={{ display: 'block', width: '100%', minWidth: 0, wordBreak: 'break-word' }} data-testid="m-candidate" data-id={c.id}>
            <Typography.Text strong>{c.employee.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {c.employee.unitName} · {c.rule.name}
            </Typography.Text>
          </Link>
        </List.Item>
      )}
    />
  );
}
