import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Select, Skeleton, Space, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { syncFieldSchema } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useApplySync, usePreviewSync, useSetMasters, useSyncStatus, type SyncMaster, type SyncRun, type SyncStatus } from './use-wecom.ts';
import { SyncDiffView } from './wecom-sync-diff.tsx';

/** 企业微信通讯录同步 (group HR, sys_admin): field masters, preview → apply, the last runs. */
export function WecomSyncCard() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const status = useSyncStatus();
  const setMasters = useSetMasters();
  const preview = usePreviewSync();
  const apply = useApplySync();
  const [run, setRun] = useState<SyncRun | null>(null);

  if (status.isPending) return <Skeleton active />;
  if (status.isError) return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  const fields = status.data.settings.fields;

  const runPreview = () =>
    preview.mutate(undefined, {
      onSuccess: (r) => setRun(r),
      onError: (err) => void message.error(errorText(err)),
    });
  const runApply = (r: SyncRun) =>
    apply.mutate(r.id, {
      onSuccess: (done) => {
        setRun(done);
        void message.success(t('wecom.sync.applied', done.result ?? { linked: 0, updated: 0, leavers: 0 }));
      },
      onError: (err) => {
        if (err instanceof ApiError && err.status === 409) setRun(null);
        void message.error(err instanceof ApiError && err.status === 409 ? t('wecom.sync.stale') : errorText(err));
      },
    });
  const lastRun = (r: SyncStatus['lastApplied']) => (r ? `${dateTime(r.appliedAt ?? r.createdAt, lang)} · ${t('wecom.sync.applied', r.result ?? { linked: 0, updated: 0, leavers: 0 })}` : t('wecom.sync.never'));
  const applicable = run !== null && run.status === 'preview' && run.counts.links + run.counts.updates + run.counts.leavers > 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('wecom.sync.mastersTitle')} size="small">
        <Typography.Paragraph type="secondary">{t('wecom.sync.mastersHint')}</Typography.Paragraph>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          {syncFieldSchema.options.map((f) => (
            <Descriptions.Item key={f} label={t(`wecom.sync.fields.${f}`)}>
              <Select<SyncMaster>
                size="small"
                style={{ minWidth: 150 }}
                value={fields[f]}
                data-testid={`master-${f}`}
                loading={setMasters.isPending}
                options={(['uplift', 'wecom'] as const).map((m) => ({ value: m, label: t(`wecom.sync.masters.${m}`) }))}
                onChange={(m) =>
                  setMasters.mutate(
                    { [f]: m },
                    {
                      onSuccess: () => void message.success(t('wecom.sync.saved', { field: t(`wecom.sync.fields.${f}`), master: t(`wecom.sync.masters.${m}`) })),
                      onError: (err) => void message.error(errorText(err)),
                    },
                  )
                }
              />
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card size="small" title={t('wecom.tabs.sync')} extra={<Button type="primary" icon={<SyncOutlined />} loading={preview.isPending} onClick={runPreview} data-testid="sync-preview">{t('wecom.sync.preview')}</Button>}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('wecom.sync.lastApplied')}>{lastRun(status.data.lastApplied)}</Descriptions.Item>
          <Descriptions.Item label={t('wecom.sync.lastDaily')}>{lastRun(status.data.lastDaily)}</Descriptions.Item>
        </Descriptions>
        {preview.isPending && <Alert type="info" showIcon message={t('wecom.sync.previewing')} />}
        {run && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {run.status === 'applied' && (
              <Alert
                type="success"
                showIcon
                data-testid="sync-result"
                message={t('wecom.sync.applied', run.result ?? { linked: 0, updated: 0, leavers: 0 })}
                description={
                  run.result && run.result.handover.length > 0 ? (
                    <Space direction="vertical" size={2}>
                      <Typography.Text>{t('wecom.sync.handover')}</Typography.Text>
                      {run.result.handover.map((h) => (
                        <Link key={h.employeeId} to={`/people/${h.employeeId}`}>
                          {t('wecom.sync.handoverItem', { name: h.name, no: h.employeeNo, reports: h.reports, leads: h.leads, hrbpOf: h.hrbpOf })}
                        </Link>
                      ))}
                    </Space>
                  ) : undefined
                }
              />
            )}
            <SyncDiffView diff={run.diff} />
            {run.status === 'preview' &&
              (applicable ? (
                <Popconfirm title={t('wecom.sync.confirmApply', run.counts)} onConfirm={() => runApply(run)} okButtonProps={{ 'data-testid': 'sync-apply-confirm' } as Record<string, string>}>
                  <Button type="primary" danger={run.counts.leavers > 0} loading={apply.isPending} data-testid="sync-apply">
                    {apply.isPending ? t('wecom.sync.applying') : t('wecom.sync.apply')}
                  </Button>
                </Popconfirm>
              ) : (
                <Typography.Text type="secondary">{t('wecom.sync.nothing')}</Typography.Text>
              ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}
