import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EmployeeStatus } from './use-people.ts';

const colors: Record<EmployeeStatus, string> = { probation: 'gold', active: 'green', on_leave: 'blue', left: 'default' };

/** 试用期 / 在职 / 休假 / 离职. */
export function StatusTag(props: { status: EmployeeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[props.status]} style={{ marginInlineEnd: 0 }} data-testid="status-tag">
      {t(`people.statuses.${props.status}`)}
    </Tag>
  );
}
