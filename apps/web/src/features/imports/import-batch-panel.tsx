import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space } from 'antd';
import { DownloadOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { useErrorText } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { dateTime } from '../../i18n/format.ts';
import { durationParts } from './imports.ts';
import { ImportErrorsTable } from './import-errors-table.tsx';
import { importFiles, useDownload, useImportAction } from './use-imports.ts';

/** "12 秒" / "1 分 5 秒". */
function useDurationText(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const { minutes, seconds } = durationParts(ms);
    return minutes > 0 ? t('imports.duration.minutes', { minutes, seconds }) : t('imports.duration.seconds', { seconds });
  };
}

/**
 * What can be done with a batch in its state: errors to fix (error file, discard), a preview to
 * confirm (merge, discard), a merged import to roll back, or why there is nothing left to do.
 */
export function ImportBatchPanel(props: { batch: ImportBatch }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const duration = useDurationText();
  const { batch } = props;
  const merge = useImportAction(batch.id, 'merge');
  const discard = useImportAction(batch.id, 'discard');
  const rollback = useImportAction(batch.id, 'rollback');
  const download = useDownload();
  // a refused rollback explains which records changed: it stays on screen, not in a toast
  const [rollbackError, setRollbackError] = useState<unknown>(null);
  const counts = batch.counts;

  const reupload = (
    <Button icon={<UploadOutlined />} onClick={() => void navigate(batch.type === 'org_units' ? '/imports?type=org_units' : '/imports?type=employees')} data-testid="import-reupload">
      {t('imports.batch.reupload')}
    </Button>
  );
  const discardButton = batch.canDiscard && (
    <Popconfirm
      title={t('imports.batch.confirmDiscard')}
      onConfirm={() => discard.mutate(undefined, { onSuccess: () => void message.success(t('imports.batch.discardDone')), onError: (err) => void message.error(errorText(err)) })}
    >
      <Button danger loading={discard.isPending} data-testid="import-discard">
        {t('imports.batch.discard')}
      </Button>
    </Popconfirm>
  );

  switch (batch.status) {
    case 'receiving':
    case 'validating':
    case 'merging':
      return null;
    case 'invalid':
      return (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-panel-invalid">
          <Alert
            type="error"
            showIcon
            title={t('imports.batch.invalidTitle', { rows: counts.errorRows })}
            description={
              <>
                <div>{t('imports.batch.invalidHint')}</div>
                <Space wrap size={8} style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  loading={download.isPending}
                  onClick={() =>
                    download.mutate(
                      { ...importFiles.errorFile(batch.id, lang), fallback: batch.fileName.replace(/\.(xlsx|csv)$/i, '') + '-errors.xlsx' },
                      { onError: (err) => void message.error(errorText(err)) },
                    )
                  }
                  data-testid="import-error-file"
                >
                  {t('imports.batch.errorFile')}
                </Button>
                  {reupload}
                  {discardButton}
                </Space>
              </>
            }
          />
          <ImportErrorsTable id={batch.id} />
        </Space>
      );
    case 'ready':
      return (
        <Alert
          type="success"
          showIcon
          title={t('imports.batch.readyTitle')}
          description={
            <>
              <div>{t('imports.batch.readyText', { create: counts.create, update: counts.update, unchanged: counts.unchanged })}</div>
              <Space wrap size={8} style={{ marginTop: 12 }}>
              {batch.canMerge && (
                <Popconfirm
                  title={t('imports.batch.confirmMerge', { create: counts.create, update: counts.update })}
                  onConfirm={() => merge.mutate(undefined, { onError: (err) => void message.error(errorText(err)) })}
                >
                  <Button type="primary" loading={merge.isPending} data-testid="import-merge">
                    {t('imports.batch.merge')}
                  </Button>
                </Popconfirm>
              )}
              {discardButton}
              </Space>
            </>
          }
          data-testid="import-panel-ready"
        />
      );
    case 'merged':
      return (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-panel-merged">
          <Alert
            type="success"
            showIcon
            title={t('imports.batch.mergedTitle')}
            description={
              <>
                <div>
                  {t('imports.batch.mergedText', {
                    by: batch.mergedBy ?? batch.createdBy.username,
                    time: batch.mergedAt ? dateTime(batch.mergedAt, lang) : '—',
                    create: counts.create,
                    update: counts.update,
                    unchanged: counts.unchanged,
                  })}
                </div>
                {batch.durationMs !== null && <div data-testid="import-duration">{t('imports.batch.duration', { duration: duration(batch.durationMs) })}</div>}
                {batch.canRollback && (
                  <div style={{ marginTop: 12 }}>
                <Popconfirm
                  title={t('imports.batch.rollback')}
                  description={<div style={{ maxWidth: 300 }}>{t('imports.batch.confirmRollback')}</div>}
                  onConfirm={() => {
                    setRollbackError(null);
                    rollback.mutate(undefined, { onSuccess: () => void message.success(t('imports.batch.rollbackDone')), onError: (err) => setRollbackError(err) });
                  }}
                >
                  <Button danger icon={<RollbackOutlined />} loading={rollback.isPending} data-testid="import-rollback">
                    {t('imports.batch.rollback')}
                  </Button>
                </Popconfirm>
                  </div>
                )}
              </>
            }
          />
          {rollbackError !== null && (
            <Alert
              type="error"
              showIcon
              title={t('imports.batch.rollbackFailed')}
              // the server names the records that changed since; that is worth reading in either language
              description={<div style={{ wordBreak: 'break-word' }}>{rollbackError instanceof ApiError && rollbackError.code === 'CONFLICT' ? rollbackError.message : errorText(rollbackError)}</div>}
              closable
              onClose={() => setRollbackError(null)}
              data-testid="import-rollback-error"
            />
          )}
        </Space>
      );
    case 'rolled_back':
      return (
        <Alert
          type="info"
          showIcon
          title={t('imports.batch.rolledBackTitle')}
          description={t('imports.batch.rolledBackText', { by: batch.rolledBackBy ?? '—', time: batch.rolledBackAt ? dateTime(batch.rolledBackAt, lang) : '—' })}
          data-testid="import-panel-rolled_back"
        />
      );
    case 'failed':
      return (
        <Alert
          type="error"
          showIcon
          title={t('imports.batch.failedTitle')}
          description={
            <>
              <div style={{ wordBreak: 'break-word' }} data-testid="import-failure">{batch.failure ?? t('imports.batch.failedUnknown')}</div>
              <div style={{ marginTop: 12 }}>{reupload}</div>
            </>
          }
          data-testid="import-panel-failed"
        />
      );
    case 'discarded':
      return <Alert type="info" showIcon title={t('imports.batch.discardedTitle')} description={reupload} data-testid="import-panel-discarded" />;
    default: {
      const never: never = batch.status;
      return never;
    }
  }
}
