import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '@uplift/contract';
import { statusColors } from './imports.ts';

/** 校验中 / 有错误 / 待确认 / 已导入 / 已回滚…, coloured by how it stands. */
export function ImportStatusTag(props: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[props.status]} style={{ marginInlineEnd: 0 }} data-testid="import-status" data-status={props.status}>
      {t(`imports.statuses.${props.status}`)}
    </Tag>
  );
}
