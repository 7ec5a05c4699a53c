import { useMemo } from 'react';
import { Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { achievementChartOption } from '../../charts/achievement-chart.ts';
import { EChart } from '../../charts/echart.tsx';
import { byCycleEnd } from './performance.ts';
import type { PerformanceFile } from './use-performance.ts';

/**
 * 达成率趋势: achievement % per cycle, labelled with the grade, with the thresholds of the rules
 * that apply to this person as dashed lines, and the rules behind them listed under the chart.
 */
export function FileChartCard(props: { file: PerformanceFile }) {
  const { t } = useTranslation();
  const { results, thresholds } = props.file;
  const option = useMemo(() => {
    const sorted = byCycleEnd(results, (r) => r.cycleCode);
    return achievementChartOption({
      points: sorted.map((r) => ({ label: r.cycleName, achievement: r.achievement, score: r.score, grade: r.grade })),
      thresholds,
      names: { achievement: t('performance.metrics.achievement'), score: t('performance.metrics.score'), grade: t('performance.metrics.grade') },
      gradeScale: sorted.at(-1)?.grades ?? [],
    });
  }, [results, thresholds, t]);
  // one line per rule and value (several rules may share a threshold)
  const listed = [...new Map(thresholds.map((th) => [`${th.ruleName}|${th.metric}|${th.value}`, th])).values()];
  const valueText = (th: (typeof thresholds)[number]) => (th.metric === 'achievement' ? `${th.value}%` : String(th.value));
  return (
    <Card title={t('performance.file.chart')} data-testid="performance-chart-card" styles={{ body: { padding: 12 } }}>
      {results.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('performance.file.resultsEmpty')} data-testid="performance-chart-empty" />
      ) : (
        <EChart option={option} height={280} testId="performance-chart" ariaLabel={t('performance.file.chart')} />
      )}
      {listed.length > 0 && (
        <Space size={[4, 4]} wrap style={{ marginTop: 8 }} data-testid="performance-thresholds">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('performance.file.thresholds')}
          </Typography.Text>
          {listed.map((th) => (
            <Tag key={`${th.ruleName}|${th.metric}|${th.value}`} color="red" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
              {t('performance.file.thresholdBelow', { rule: th.ruleName, metric: t(`performance.metrics.${th.metric}`), value: valueText(th) })}
            </Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}
