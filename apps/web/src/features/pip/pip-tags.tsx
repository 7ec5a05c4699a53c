import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { pipStateLabels, type PipState } from '@uplift/contract';
import { currentLanguage } from '../../i18n/i18n.ts';

const colors: Record<PipState, string> = {
  draft: 'default',
  pending_approval: 'gold',
  goal_setting: 'blue',
  in_progress: 'processing',
  paused: 'orange',
  final_review: 'purple',
  follow_up: 'volcano',
  closed: 'green',
  archived: 'default',
  cancelled: 'default',
};

/** A plan's state, in the UI language. */
export function PipStateTag(props: { state: PipState }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={colors[props.state]} data-testid="pip-state" data-state={props.state}>
      {pipStateLabels[props.state][currentLanguage(i18n)]}
    </Tag>
  );
}
