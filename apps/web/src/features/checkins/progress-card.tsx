import { useMemo } from 'react';
import { Card, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/echart.tsx';
import { progressCurveOption } from '../../charts/progress-curve.ts';
import { ErrorAlert } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import type { Pip } from '../pip/use-pips.ts';
import { useCheckins, useEvaluations } from './use-checkins.ts';

/** 进展曲线: each goal's percent across the minutes and the manager's evaluations, with a line per evaluation. */
export function ProgressCard(props: { plan: Pip }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const p = props.plan;
  const checkins = useCheckins(p.id);
  const evaluations = useEvaluations(p.id);
  const option = useMemo(
    () =>
      checkins.data && (evaluations.data || evaluations.isError)
        ? progressCurveOption(p.goals, checkins.data.items, evaluations.data?.items ?? [], {
            percent: t('checkins.curve.percent'),
            evaluations: t('checkins.curve.evaluations'),
            checkin: t('checkins.curve.checkin'),
            evaluation: t('checkins.curve.evaluation'),
            formatAt: (iso) => dateTime(iso, lang),
          })
        : null,
    [p.goals, checkins.data, evaluations.data, evaluations.isError, t, lang],
  );
  return (
    <Card size="small" title={t('checkins.curve.title')} data-testid="progress-card">
      {/* without the evaluations the minutes' progress still draws; the failure is said above it */}
      {evaluations.isError && !checkins.isError && <ErrorAlert error={evaluations.error} onRetry={() => void evaluations.refetch()} />}
      {checkins.isError ? (
        <ErrorAlert error={checkins.error} onRetry={() => void checkins.refetch()} />
      ) : checkins.isPending || evaluations.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : option === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkins.curve.empty')} data-testid="progress-empty" />
      ) : (
        <EChart option={option} height={280} testId="progress-chart" ariaLabel={t('checkins.curve.aria')} />
      )}
    </Card>
  );
}
