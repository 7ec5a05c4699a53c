import { App, Button, Card, Empty, Skeleton, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime, fileSize } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useBackups, useCreateBackup, type Backup } from './use-system.ts';

/** 备份: the encrypted backups on disk, the schedule, and "back up now". */
export function BackupsCard() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const backups = useBackups();
  const create = useCreateBackup();

  const run = () =>
    create.mutate(undefined, {
      onSuccess: (b) => void message.success(t('system.backups.done', { file: b.file })),
      onError: (err) => void message.error(errorText(err)),
    });

  const columns: ColumnsType<Backup> = [
    { key: 'file', title: t('system.backups.file'), render: (_, b) => <Typography.Text style={{ wordBreak: 'break-all', fontSize: 13 }}>{b.file}</Typography.Text> },
    { key: 'size', title: t('system.backups.size'), render: (_, b) => fileSize(b.bytes), width: 90 },
    { key: 'createdAt', title: t('system.backups.createdAt'), render: (_, b) => dateTime(b.createdAt, lang), responsive: ['sm'] },
  ];

  let body;
  if (backups.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (backups.isError) body = <ErrorAlert error={backups.error} onRetry={() => void backups.refetch()} />;
  else {
    body = (
      <>
        <Typography.Paragraph type="secondary">{t('system.backups.schedule', { cron: backups.data.cron, retain: backups.data.retain })}</Typography.Paragraph>
        {backups.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('system.backups.empty')} />
        ) : (
          <Table<Backup> rowKey="file" size="small" columns={columns} dataSource={backups.data.items} pagination={false} data-testid="backups-table" />
        )}
      </>
    );
  }

  return (
    <Card
      title={t('system.backups.title')}
      extra={
        <Button icon={<CloudUploadOutlined />} loading={create.isPending} onClick={run} data-testid="backup-now">
          {t('system.backups.run')}
        </Button>
      }
    >
      <Spin spinning={create.isPending} description={t('system.backups.running')}>
        {body}
      </Spin>
    </Card>
  );
}
