import { Alert, Button, Card, Col, Grid, Progress, Result, Row, Skeleton, Space, Statistic, Steps, theme, Typography } from 'antd';
import { ArrowLeftOutlined, LoadingOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { ErrorAlert } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { dateTime, fileSize } from '../../i18n/format.ts';
import { ImportBatchPanel } from './import-batch-panel.tsx';
import { ImportStatusTag } from './import-status-tag.tsx';
import { countKeysFor, importSteps, isWorking, progressPercent, stepOf } from './imports.ts';
import { useImportBatch } from './use-imports.ts';

/** 上传 → 校验 → 预览 → 导入 → 完成, with the running phase's progress under it. */
function BatchSteps(props: { batch: ImportBatch }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().sm;
  const { batch } = props;
  const step = stepOf(batch);
  const percent = progressPercent(batch.progress);
  return (
    <>
      <Steps
        size="small"
        current={step.current}
        status={step.status}
        responsive={false}
        titlePlacement={phone ? 'vertical' : 'horizontal'}
        items={importSteps.map((s) => ({ title: s === 'done' && batch.status === 'rolled_back' ? t('imports.steps.rolledBack') : t(`imports.steps.${s}`) }))}
        style={{ marginBottom: 16 }}
        data-testid="import-steps"
        data-current={step.current}
      />
      {isWorking(batch.status) && (
        <div style={{ marginBottom: 16 }} data-testid="import-progress">
          <Typography.Text>
            <LoadingOutlined style={{ marginInlineEnd: 8 }} />
            {t(`imports.batch.phases.${batch.progress?.phase ?? (batch.status === 'merging' ? 'merging' : 'validating')}`)}
            {batch.progress && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {batch.progress.total === null
                  ? t('imports.batch.processed', { done: batch.progress.done })
                  : t('imports.batch.processedOf', { done: batch.progress.done, total: batch.progress.total })}
              </Typography.Text>
            )}
          </Typography.Text>
          <Progress percent={percent ?? 0} status="active" showInfo={percent !== null} />
        </div>
      )}
    </>
  );
}

/** Rows, new, updated, unchanged (the preview before a merge, the result after), or the errors found. */
function BatchCounts(props: { batch: ImportBatch }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { counts } = props.batch;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="import-counts">
      {countKeysFor(props.batch).map((k) => (
        <Col xs={8} sm={6} md={4} key={k}>
          <Statistic
            title={t(`imports.counts.${k}`)}
            value={counts[k]}
            styles={(k === 'errorRows' || k === 'errors') && counts[k] > 0 ? { content: { color: token.colorError } } : undefined}
            data-testid={`import-count-${k}`}
            data-count={counts[k]}
          />
        </Col>
      ))}
    </Row>
  );
}

/** /imports/:id: one import from upload to merge (or rollback); polls while the server works on it. */
export function ImportBatchPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { id = '' } = useParams();
  const batch = useImportBatch(id);
  const phone = !Grid.useBreakpoint().md;
  const back = (
    <Link to="/imports">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }} data-testid="import-back">
        {t('imports.batch.back')}
      </Button>
    </Link>
  );

  if (batch.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (batch.isError) {
    if (batch.error instanceof ApiError && (batch.error.code === 'NOT_FOUND' || (batch.error.code === 'VALIDATION_FAILED' && batch.error.status === 400))) {
      return <Result status="404" title={t('imports.batch.notFound')} subTitle={t('imports.batch.notFoundHint')} extra={back} data-testid="import-not-found" />;
    }
    return <ErrorAlert error={batch.error} onRetry={() => void batch.refetch()} />;
  }
  const b = batch.data;
  const meta = [
    t(`imports.types.${b.type}`),
    b.source ? `${t('imports.batch.source')} ${b.source}` : null,
    fileSize(b.fileSize),
    `${t('imports.batch.createdBy')} ${b.createdBy.username}`,
    dateTime(b.createdAt, lang),
  ].filter((x): x is string => x !== null);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-batch" data-status={b.status}>
      {back}
      <Card
        styles={{ body: { padding: phone ? 12 : 24 } }}
        title={
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }} title={b.fileName} data-testid="import-file-name">
              {b.fileName}
            </span>
            <ImportStatusTag status={b.status} />
          </div>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0, wordBreak: 'break-word' }} data-testid="import-meta">
          {meta.join(' · ')}
        </Typography.Paragraph>
        <BatchSteps batch={b} />
        {b.sameFileMergedAt && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('imports.batch.sameFile', { time: dateTime(b.sameFileMergedAt, lang) })}
            description={b.status === 'ready' ? t('imports.batch.sameFileHint') : undefined}
            data-testid="import-same-file"
          />
        )}
        {b.unmappedHeaders.length > 0 && (b.status === 'ready' || b.status === 'invalid') && (
          <Alert type="info" showIcon style={{ marginBottom: 16, wordBreak: 'break-word' }} title={t('imports.batch.unmapped', { headers: b.unmappedHeaders.join('、') })} data-testid="import-unmapped" />
        )}
        {!isWorking(b.status) && <BatchCounts batch={b} />}
        <ImportBatchPanel batch={b} />
      </Card>
    </Space>
  );
}
