import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PipOutcome } from '@uplift/contract';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import type { PipOutcomeRecord } from './use-outcomes.ts';

export const outcomeColor: Record<PipOutcome, string> = { passed: 'green', extended: 'gold', not_passed: 'red' };
const statusColor = { proposed: 'blue', returned: 'orange', confirmed: 'green' } as const;

/** One round of the final review: the outcome and note, who proposed, confirmed or returned it and when, and the employee's receipt. */
export function OutcomeRound(props: { outcome: PipOutcomeRecord; showAck?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const o = props.outcome;
  const small = { display: 'block', fontSize: 12 } as const;
  return (
    <div data-testid="outcome-round" data-id={o.id} data-status={o.status} data-outcome={o.outcome} style={{ minWidth: 0, wordBreak: 'break-word' }}>
      <Space size={[6, 4]} wrap>
        <Typography.Text strong>{t('outcomes.round', { n: o.round })}</Typography.Text>
        <Tag color={outcomeColor[o.outcome]} data-testid="outcome-round-value">
          {t(`outcomes.values.${o.outcome}`)}
        </Tag>
        <Tag color={statusColor[o.status]}>{t(`outcomes.statuses.${o.status}`)}</Tag>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }} data-testid="outcome-round-note">
        {o.note}
      </Typography.Paragraph>
      {o.extension && <Typography.Text style={{ display: 'block' }}>{t('outcomes.extension', { end: o.extension.plannedEnd, previous: o.extension.previousEnd, reason: o.extension.reason })}</Typography.Text>}
      {o.followUps.length > 0 && <Typography.Text style={{ display: 'block' }}>{t('outcomes.followUpsList', { list: o.followUps.map((f) => t(`outcomes.followUps.${f}`)).join(t('outcomes.listSep')) })}</Typography.Text>}
      <Typography.Text type="secondary" style={small}>
        {t('outcomes.proposedBy', { name: o.proposed.name, at: dateTime(o.proposed.at, lang) })}
      </Typography.Text>
      {o.confirmed && (
        <Typography.Text type="secondary" style={small}>
          {t('outcomes.confirmedBy', { name: o.confirmed.name, at: dateTime(o.confirmed.at, lang) })}
        </Typography.Text>
      )}
      {o.returned && (
        <Typography.Text type="warning" style={small} data-testid="outcome-round-returned">
          {t('outcomes.returnedBy', { name: o.returned.name, at: dateTime(o.returned.at, lang), comment: o.returned.comment })}
        </Typography.Text>
      )}
      {props.showAck !== false && o.status === 'confirmed' && o.outcome !== 'extended' && (
        <Typography.Text type={o.acknowledgment ? 'success' : 'secondary'} style={small} data-testid="outcome-round-ack" data-acknowledged={o.acknowledgment !== null}>
          {o.acknowledgment
            ? o.acknowledgment.refused
              ? t('outcomes.refused', { name: o.acknowledgment.witness?.name ?? '', at: dateTime(o.acknowledgment.at, lang) })
              : t('outcomes.acknowledged', { at: dateTime(o.acknowledgment.at, lang) })
            : t('outcomes.awaitingAck')}
        </Typography.Text>
      )}
    </div>
  );
}
