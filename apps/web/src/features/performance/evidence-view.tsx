import { useMemo } from 'react';
import { Empty, List, Rate, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { DEFAULT_GRADES, type Evidence } from '@uplift/contract';
import { EChart } from '../../charts/echart.tsx';
import { evidenceChartOption } from '../../charts/evidence-chart.ts';
import { dateTime, localize } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { byCycleEnd, isBelow, numberText, percentText, ruleMeasure, type Metric } from './performance.ts';

type EvidenceCycle = Evidence['cycles'][number];

function metricText(metric: Metric, v: number | string | null): string {
  if (metric === 'achievement') return percentText(typeof v === 'number' ? v : null);
  if (metric === 'score') return numberText(typeof v === 'number' ? v : null);
  return v === null ? '—' : String(v);
}

/**
 * The facts a candidate was raised on: the rule (name, version, wording), the cycles and their
 * values as a small chart and a table (values below the threshold in red), the feedback items.
 */
export function EvidenceView(props: { evidence: Evidence; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const e = props.evidence;
  const measure = useMemo(() => ruleMeasure(e.rule.params), [e.rule.params]);
  const cycles = useMemo(() => byCycleEnd(e.cycles, (c) => c.code), [e.cycles]);
  const chartMetric = measure && measure.metric !== 'grade' && typeof measure.threshold === 'number' ? measure.metric : null;
  const option = useMemo(
    () =>
      chartMetric === null || !measure || cycles.length === 0
        ? null
        : evidenceChartOption({
            bars: cycles.map((c) => ({ label: c.name, value: c[chartMetric] })),
            threshold: typeof measure.threshold === 'number' ? measure.threshold : null,
            suffix: chartMetric === 'achievement' ? '%' : '',
            name: t(`performance.metrics.${chartMetric}`),
            thresholdLabel: t('performance.evidence.threshold'),
          }),
    [chartMetric, measure, cycles, t],
  );
  const below = (metric: Metric, v: number | string | null) => measure !== null && measure.metric === metric && isBelow(metric, v, measure.threshold, DEFAULT_GRADES);
  const cell = (metric: Metric) => (_: unknown, c: EvidenceCycle) => {
    const v = c[metric];
    return <Typography.Text type={below(metric, v) ? 'danger' : undefined}>{metricText(metric, v)}</Typography.Text>;
  };
  const columns: ColumnsType<EvidenceCycle> = [
    { key: 'cycle', title: t('performance.columns.cycle'), render: (_, c) => c.name },
    { key: 'achievement', title: t('performance.metrics.achievement'), render: cell('achievement'), align: 'right' },
    { key: 'score', title: t('performance.metrics.score'), render: cell('score'), align: 'right' },
    { key: 'grade', title: t('performance.metrics.grade'), render: cell('grade'), align: 'center' },
  ];
  const valueSuffix = measure?.metric === 'achievement' ? '%' : '';

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="evidence">
      <div>
        <Typography.Text strong data-testid="evidence-description">
          {localize(e.description, lang)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }} data-testid="evidence-rule">
          {t('performance.evidence.rule', { name: e.rule.name, version: e.rule.version })}
          {e.value !== null && ` · ${t('performance.evidence.value')} ${numberText(e.value)}${valueSuffix}`}
          {!props.compact && ` · ${t('performance.evidence.evaluatedAt')} ${dateTime(e.evaluatedAt, lang)}`}
        </Typography.Text>
      </div>
      {option && <EChart option={option} height={props.compact ? 160 : 200} testId="evidence-chart" ariaLabel={t('performance.evidence.chart')} />}
      {cycles.length > 0 && (
        <Table<EvidenceCycle> rowKey="code" size="small" columns={columns} dataSource={cycles} pagination={false} scroll={{ x: 'max-content' }} data-testid="evidence-cycles" />
      )}
      {e.feedback.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('performance.evidence.feedback')}</Typography.Text>}
          dataSource={e.feedback}
          data-testid="evidence-feedback"
          renderItem={(f) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }}>
              <Space size={8} wrap>
                <Typography.Text>{f.date}</Typography.Text>
                <Typography.Text strong>{f.customer}</Typography.Text>
                <Rate disabled value={f.rating} style={{ fontSize: 12 }} />
              </Space>
              <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-word' }}>{f.text}</Typography.Paragraph>
            </List.Item>
          )}
        />
      )}
      {cycles.length === 0 && e.feedback.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('performance.evidence.none')} />}
    </Space>
  );
}
