import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnitType } from '@uplift/contract';

const colors: Record<OrgUnitType, string> = { group: 'magenta', subsidiary: 'geekblue', business_unit: 'purple', department: 'cyan', team: 'green' };

/** 集团 / 子公司 / 事业部 / 部门 / 小组, each in its own colour. */
export function UnitTypeTag(props: { type: OrgUnitType }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[props.type]} style={{ marginInlineEnd: 0 }}>
      {t(`org.types.${props.type}`)}
    </Tag>
  );
}
