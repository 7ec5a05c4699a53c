import { useState } from 'react';
import { App, Button, Card, Drawer, Empty, Grid, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { webhookDeliveryStatuses } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { deliveryStatusColor } from './integration.ts';
import { useDeliveries, useRetryDelivery, type WebhookDelivery, type WebhookSubscription } from './use-integration.ts';

type Filter = WebhookDelivery['status'] | 'all';

/** The delivery log of a subscription, filtered by status, newest first; retry a delivery that gave up. */
export function DeliveriesDrawer(props: { subscription: WebhookSubscription | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = !Grid.useBreakpoint().md;
  const [filter, setFilter] = useState<Filter>('all');
  const { subscription } = props;
  const log = useDeliveries(subscription?.id ?? null, filter === 'all' ? null : filter);
  const retry = useRetryDelivery();
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  const runRetry = (d: WebhookDelivery) =>
    retry.mutate(d.id, {
      onSuccess: () => {
        void message.success(t('integration.deliveries.retried'));
        void log.refetch();
      },
      onError: (err) => void message.error(errorText(err)),
    });

  const row = (d: WebhookDelivery) => (
    <Card
      key={d.id}
      size="small"
      data-testid="delivery"
      title={
        <Space size={6} wrap>
          <Tag color={deliveryStatusColor(d.status)}>{t(`integration.deliveries.status.${d.status}`)}</Tag>
          <Typography.Text code>{d.event}</Typography.Text>
        </Space>
      }
      extra={
        d.status === 'dead' && (
          <Button size="small" loading={retry.isPending && retry.variables === d.id} onClick={() => runRetry(d)} data-testid="delivery-retry">
            {t('integration.deliveries.retry')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dateTime(d.createdAt, lang)} · {t('integration.deliveries.attempts')} {d.attempts}
          {d.lastStatusCode !== null && ` · ${t('integration.deliveries.lastStatus')} ${d.lastStatusCode}`}
        </Typography.Text>
        {d.status === 'pending' && d.attempts > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('integration.deliveries.nextAttemptAt')} {dateTime(d.nextAttemptAt, lang)}
          </Typography.Text>
        )}
        {d.lastError && (
          <Typography.Text type="danger" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {d.lastError}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 11 }} copyable={{ text: d.eventId }}>
          {d.eventId}
        </Typography.Text>
      </Space>
    </Card>
  );

  const options = [{ value: 'all' as const, label: t('integration.deliveries.all') }, ...webhookDeliveryStatuses.map((s) => ({ value: s, label: t(`integration.deliveries.status.${s}`) }))];
  let body;
  if (log.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (log.isError) body = <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />;
  else if (items.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('integration.deliveries.empty')} />;
  else
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="deliveries">
        {items.map(row)}
      </Space>
    );

  return (
    <Drawer
      open={subscription !== null}
      onClose={() => {
        setFilter('all');
        props.onClose();
      }}
      title={subscription ? t('integration.deliveries.title', { name: subscription.name }) : ''}
      size={phone ? '100%' : 640}
      styles={{ body: { padding: phone ? 12 : 24 } }}
      destroyOnHidden
    >
      {phone ? (
        <Select<Filter> value={filter} onChange={setFilter} options={options} style={{ width: '100%', marginBottom: 12 }} data-testid="deliveries-filter" />
      ) : (
        <Segmented<Filter> value={filter} onChange={setFilter} options={options} style={{ marginBottom: 12 }} data-testid="deliveries-filter" />
      )}
      {body}
      {log.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('app.loadMore')}
          </Button>
        </div>
      )}
    </Drawer>
  );
}
