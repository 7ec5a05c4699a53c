import type { ReactNode } from 'react';
import { List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { todoLink } from '../checkins/checkin-rules.ts';
import { PipStateTag } from './pip-tags.tsx';
import type { PipSummary, PipTodo } from './use-pips.ts';

const block = { display: 'block', width: '100%', minWidth: 0 } as const;

/** A list row that is a link (marked with `data`), fitting a phone; `footer` goes under the link (buttons, the next meeting). */
function LinkRow(props: { to: string; data: Record<`data-${string}`, string>; footer?: ReactNode; children: ReactNode }) {
  return (
    <List.Item>
      <div style={block}>
        <Link to={props.to} style={block} {...props.data}>
          {props.children}
        </Link>
        {props.footer}
      </div>
    </List.Item>
  );
}

/** One plan: who, its state, unit, problem and period. */
export function PlanRow(props: { p: PipSummary; footer?: ReactNode }) {
  const { t } = useTranslation();
  const p = props.p;
  return (
    <LinkRow to={`/pips/${p.id}`} data={{ 'data-testid': 'pip-row', 'data-id': p.id, 'data-state': p.state }} footer={props.footer}>
      <Space size={8} wrap>
        <Typography.Text strong>{p.employee.name}</Typography.Text>
        <PipStateTag state={p.state} />
      </Space>
      <Typography.Text type="secondary" style={{ display: 'block', wordBreak: 'break-word' }}>
        {p.employee.employeeNo} · {p.employee.unitName} · {t(`pip.problemTypes.${p.problemType}`)} · {p.plannedStart} – {p.plannedEnd}
      </Typography.Text>
    </LinkRow>
  );
}

/** One to-do with its age, linking to where it is done. */
export function TodoRow(props: { todo: PipTodo; footer?: ReactNode }) {
  const { t } = useTranslation();
  const x = props.todo;
  return (
    <LinkRow to={todoLink(x)} data={{ 'data-testid': 'pip-todo', 'data-kind': x.kind, 'data-plan': x.planId }} footer={props.footer}>
      <Space size={8} wrap>
        <Typography.Text strong>{t(`pip.todoKinds.${x.kind}`)}</Typography.Text>
        <Typography.Text>{x.employee.name}</Typography.Text>
      </Space>
      <Typography.Text type={x.ageDays >= 3 ? 'danger' : 'secondary'} style={{ display: 'block' }}>
        {t('pip.age', { days: x.ageDays })}
      </Typography.Text>
    </LinkRow>
  );
}
