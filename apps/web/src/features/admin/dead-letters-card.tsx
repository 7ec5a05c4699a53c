import { App, Button, Card, Empty, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useDeadLetters, useRetryDeadLetter, type DeadLetter } from './use-system.ts';


/** 死信: notification deliveries that gave up, with a retry per row. */
export function DeadLettersCard() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const dead = useDeadLetters();
  const retry = useRetryDeadLetter();
  const items = dead.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<DeadLetter> = [
    { key: 'channel', title: t('system.dead.channel'), dataIndex: 'channel', width: 90 },
    { key: 'kind', title: t('system.dead.kind'), render: (_, d) => <Typography.Text code>{d.kind}</Typography.Text>, responsive: ['sm'] },
    { key: 'attempts', title: t('system.dead.attempts'), dataIndex: 'attempts', width: 90, responsive: ['md'] },
    { key: 'lastError', title: t('system.dead.lastError'), render: (_, d) => <Typography.Text type="danger" ellipsis={{ tooltip: d.lastError }} style={{ maxWidth: 260 }}>{d.lastError ?? '—'}</Typography.Text> },
    { key: 'updatedAt', title: t('system.dead.updatedAt'), render: (_, d) => dateTime(d.updatedAt, lang), responsive: ['lg'] },
    {
      key: 'retry',
      title: '',
      width: 80,
      render: (_, d) => (
        <Button
          size="small"
          loading={retry.isPending && retry.variables === d.id}
          onClick={() => retry.mutate(d.id, { onSuccess: () => void message.success(t('system.dead.retried')), onError: (err) => void message.error(errorText(err)) })}
          data-testid="dead-letter-retry"
        >
          {t('system.dead.retry')}
        </Button>
      ),
    },
  ];

  let body;
  if (dead.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (dead.isError) body = <ErrorAlert error={dead.error} onRetry={() => void dead.refetch()} />;
  else if (items.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('system.dead.empty')} data-testid="dead-letters-empty" />;
  else body = <Table<DeadLetter> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} data-testid="dead-letters" />;

  return (
    <Card title={t('system.dead.title')}>
      <Typography.Paragraph type="secondary">{t('system.dead.description')}</Typography.Paragraph>
      {body}
      {dead.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void dead.fetchNextPage()} loading={dead.isFetchingNextPage}>
            {t('app.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
