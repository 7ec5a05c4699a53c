import type { HTMLAttributes } from 'react';
import { Button, Card, Empty, Grid, Popover, Space, Table, Tag, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { byCycleEnd, correctionChanges, numberText, percentText } from './performance.ts';
import { CycleStatusTag } from './performance-tags.tsx';
import type { PerformanceResult } from './use-performance.ts';

const none = '—';
const knownFields = ['score', 'target', 'achievement', 'grade', 'comment'] as const;

/** The corrections of a result, newest first: when, by whom, why, and each field's before → after. */
function CorrectionHistory(props: { result: PerformanceResult }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const fieldLabel = (f: string) => {
    const known = knownFields.find((k) => k === f);
    return known ? t(`performance.fields.${known}`) : f;
  };
  return (
    <div style={{ maxWidth: 'min(360px, calc(100vw - 48px))' }} data-testid="correction-history">
      {[...props.result.corrections].reverse().map((c, i) => (
        <div key={`${c.at}-${i}`} style={{ paddingBlock: 6, borderTop: i === 0 ? 'none' : '1px solid rgba(5,5,5,0.06)' }} data-testid="correction">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dateTime(c.at, lang)} · {c.by ?? t('performance.file.system')}
          </Typography.Text>
          <div style={{ wordBreak: 'break-word' }}>
            {t('performance.file.correctionReason')}: {c.reason}
          </div>
          {correctionChanges(c).map((ch) => (
            <div key={ch.field} style={{ fontSize: 13 }}>
              <Typography.Text type="secondary">{fieldLabel(ch.field)}</Typography.Text> {ch.from} → {ch.to}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

function CorrectedTag(props: { result: PerformanceResult }) {
  const { t } = useTranslation();
  if (props.result.corrections.length === 0) return null;
  return (
    <Popover title={t('performance.file.corrections')} content={<CorrectionHistory result={props.result} />} trigger="click">
      <Tag color="orange" style={{ cursor: 'pointer', marginInlineEnd: 0 }} data-testid="result-corrected">
        {t('performance.file.corrected')}
      </Tag>
    </Popover>
  );
}

/**
 * 考核结果: one row per cycle, newest first, with the "已更正" history; a list on phones. HR who may
 * edit enter a result for a cycle or correct one.
 */
export function ResultsCard(props: { results: readonly PerformanceResult[]; canEdit: boolean; onEnter: (cycleId: string | null) => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const phone = !Grid.useBreakpoint().md;
  const rows = byCycleEnd(props.results, (r) => r.cycleCode).reverse();
  const source = (r: PerformanceResult) => t(`performance.sources.${r.source}`);

  const columns: ColumnsType<PerformanceResult> = [
    {
      key: 'cycle',
      title: t('performance.columns.cycle'),
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{r.cycleName}</span>
          {r.cycleStatus === 'open' && <CycleStatusTag status="open" />}
        </Space>
      ),
    },
    { key: 'score', title: t('performance.metrics.score'), align: 'right', render: (_, r) => numberText(r.score) },
    { key: 'target', title: t('performance.columns.target'), align: 'right', render: (_, r) => numberText(r.target), responsive: ['lg'] },
    { key: 'achievement', title: t('performance.metrics.achievement'), align: 'right', render: (_, r) => <span data-testid="result-achievement-value">{percentText(r.achievement)}</span> },
    { key: 'grade', title: t('performance.metrics.grade'), align: 'center', render: (_, r) => r.grade ?? none },
    { key: 'evaluator', title: t('performance.columns.evaluator'), render: (_, r) => r.evaluatorName ?? none, responsive: ['lg'] },
    { key: 'comment', title: t('performance.columns.comment'), render: (_, r) => r.comment ?? none, ellipsis: true },
    {
      key: 'source',
      title: t('performance.columns.source'),
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{source(r)}</span>
          <CorrectedTag result={r} />
        </Space>
      ),
    },
    ...(props.canEdit
      ? [
          {
            key: 'actions',
            title: '',
            width: 72,
            render: (_: unknown, r: PerformanceResult) => (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => props.onEnter(r.cycleId)} data-testid="result-correct">
                {t('performance.file.correct')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  let body;
  if (rows.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('performance.file.resultsEmpty')} data-testid="results-empty" />;
  else if (phone) {
    body = (
      <div data-testid="results-list">
        {rows.map((r, i) => (
          <div key={r.id} style={{ padding: '10px 0', borderTop: i === 0 ? 'none' : `1px solid ${token.colorBorderSecondary}` }} data-testid="result-row" data-cycle={r.cycleCode}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <Typography.Text strong style={{ minWidth: 0, wordBreak: 'break-word' }}>
                {r.cycleName}
              </Typography.Text>
              <Space size={4}>
                <CorrectedTag result={r} />
                {props.canEdit && (
                  <Button size="small" type="link" icon={<EditOutlined />} onClick={() => props.onEnter(r.cycleId)} data-testid="result-correct">
                    {t('performance.file.correct')}
                  </Button>
                )}
              </Space>
            </div>
            <Typography.Text style={{ display: 'block', fontSize: 13 }}>
              {t('performance.metrics.achievement')} <span data-testid="result-achievement-value">{percentText(r.achievement)}</span> · {t('performance.metrics.grade')} {r.grade ?? none} · {t('performance.metrics.score')} {numberText(r.score)}
              {r.target !== null && ` / ${numberText(r.target)}`}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.evaluatorName ?? none} · {source(r)}
            </Typography.Text>
            {r.comment && <Typography.Paragraph style={{ margin: 0, fontSize: 13, wordBreak: 'break-word' }}>{r.comment}</Typography.Paragraph>}
          </div>
        ))}
      </div>
    );
  } else {
    body = (
      <Table<PerformanceResult>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        onRow={(r) => ({ 'data-testid': 'result-row', 'data-cycle': r.cycleCode }) as HTMLAttributes<HTMLElement>}
        data-testid="results-table"
      />
    );
  }

  return (
    <Card
      title={t('performance.file.results')}
      data-testid="performance-results"
      extra={
        props.canEdit && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => props.onEnter(null)} data-testid="result-enter">
            {t('performance.file.enter')}
          </Button>
        )
      }
    >
      {body}
    </Card>
  );
}
