import type { ReactNode } from 'react';
import { List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { todoLink } from '../checkins/checkin-rules.ts';
import { PipStateTag } from './pip-tags.tsx';
import type { PipSummary, PipTodo } from './use-pips.ts';

const block = { display: 'block', width: '100%', minWidth: 0 } as const;

/** One plan as a list row that fits a phone (no table); `footer` goes under the link (buttons, the next meeting). */
export function PlanRow(props: { p: PipSummary; footer?: ReactNode }) {
  const { t } = useTranslation();
  const p = props.p;
  return (
    <List.Item>
      <div style={block}>
        <Link to={`/pips/${p.id}`} style={block} data-testid="pip-row" data-id={p.id} data-state={p.state}>
          <Space size={8} wrap>
            <Typography.Text strong>{p.employee.name}</Typography.Text>
            <PipStateTag state={p.state} />
          </Space>
          <Typography.Text type="secondary" style={{ display: 'block', wordBreak: 'break-word' }}>
            {p.employee.employeeNo} · {p.employee.unitName} · {t(`pip.problemTypes.${p.problemType}`)} · {p.plannedStart} – {p.plannedEnd}
          </Typography.Text>
        </Link>
        {props.footer}
      </div>
    </List.Item>
  );
}

/** One to-do, linking to where it is done; `footer` goes under the link (e.g. approve / reject at once). */
export function TodoRow(props: { todo: PipTodo; footer?: ReactNode }) {
  const { t } = useTranslation();
  const x = props.todo;
  return (
    <List.Item>
      <div style={block}>
        <Link to={todoLink(x)} style={block} data-testid="pip-todo" data-kind={x.kind} data-plan={x.planId}>
          <Space size={8} wrap>
            <Typography.Text strong>{t(`pip.todoKinds.${x.kind}`)}</Typography.Text>
            <Typography.Text>{x.employee.name}</Typography.Text>
          </Space>
          <Typography.Text type={x.ageDays >= 3 ? 'danger' : 'secondary'} style={{ display: 'block' }}>
            {t('pip.age', { days: x.ageDays })}
          </Typography.Text>
        </Link>
        {props.footer}
      </div>
    </List.Item>
  );
}
