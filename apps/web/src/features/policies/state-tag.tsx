import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PolicyState } from '@uplift/contract';
import { stateColors } from './policies.ts';

export function PolicyStateTag(props: { state: PolicyState }) {
  const { t } = useTranslation();
  return (
    <Tag color={stateColors[props.state]} data-testid="policy-state" data-state={props.state}>
      {t(`policies.states.${props.state}`)}
    </Tag>
  );
}
