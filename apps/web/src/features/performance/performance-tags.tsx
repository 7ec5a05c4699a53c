import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CandidateStatus } from './performance.ts';

const candidateColors: Record<CandidateStatus, string> = { open: 'red', dismissed: 'default', converted: 'blue', closed: 'green' };

/** 待处理 / 已排除 / 已转 PIP / 已关闭. */
export function CandidateStatusTag(props: { status: CandidateStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={candidateColors[props.status]} style={{ marginInlineEnd: 0 }} data-testid="candidate-status" data-status={props.status}>
      {t(`performance.candidateStatuses.${props.status}`)}
    </Tag>
  );
}

/** 进行中 / 已关闭. */
export function CycleStatusTag(props: { status: 'open' | 'closed' }) {
  const { t } = useTranslation();
  return (
    <Tag color={props.status === 'open' ? 'processing' : 'default'} style={{ marginInlineEnd: 0 }} data-testid="cycle-status" data-status={props.status}>
      {t(`performance.cycleStatuses.${props.status}`)}
    </Tag>
  );
}

const sentimentColors = { positive: 'green', neutral: 'default', negative: 'red' } as const;

/** 正面 / 中性 / 负面. */
export function SentimentTag(props: { sentiment: keyof typeof sentimentColors }) {
  const { t } = useTranslation();
  return (
    <Tag color={sentimentColors[props.sentiment]} style={{ marginInlineEnd: 0 }} data-testid="sentiment" data-sentiment={props.sentiment}>
      {t(`performance.sentiments.${props.sentiment}`)}
    </Tag>
  );
}
