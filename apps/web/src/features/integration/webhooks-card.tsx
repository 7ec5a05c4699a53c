import { useState } from 'react';
import { App, Button, Card, Empty, Grid, Popconfirm, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { DeliveriesDrawer } from './deliveries-drawer.tsx';
import { labelKey, urlHost } from './integration.ts';
import { SecretModal } from './secret-modal.tsx';
import { useDeleteWebhook, useUpdateWebhook, useWebhooks, type WebhookSubscription } from './use-integration.ts';
import { WebhookFormModal } from './webhook-form-modal.tsx';

/** Webhook subscriptions: events, pause / resume, edit, delete, and the delivery log of each. */
export function WebhooksCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = !Grid.useBreakpoint().md;
  const webhooks = useWebhooks();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const [form, setForm] = useState<{ editing: WebhookSubscription | null } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [logId, setLogId] = useState<string | null>(null);
  const items = webhooks.data ?? [];
  const logOf = items.find((s) => s.id === logId) ?? null;

  const toggle = (s: WebhookSubscription) =>
    update.mutate(
      { id: s.id, patch: { active: !s.active } },
      {
        onSuccess: () => void message.success(t(s.active ? 'integration.webhooks.pausedOk' : 'integration.webhooks.resumedOk', { name: s.name })),
        onError: (err) => void message.error(errorText(err)),
      },
    );
  const runDelete = (s: WebhookSubscription) =>
    remove.mutate(s.id, {
      onSuccess: () => void message.success(t('integration.webhooks.deleted', { name: s.name })),
      onError: (err) => void message.error(errorText(err)),
    });

  const events = (s: WebhookSubscription) => (
    <Space size={4} wrap>
      {s.events.map((e) => (
        <Tag key={e} title={e}>
          {t(`integration.events.${labelKey(e)}`)}
        </Tag>
      ))}
    </Space>
  );
  const counts = (s: WebhookSubscription) =>
    (s.pending > 0 || s.dead > 0) && (
      <Space size={4} wrap>
        {s.pending > 0 && <Tag color="gold">{`${t('integration.webhooks.pending')} ${s.pending}`}</Tag>}
        {s.dead > 0 && <Tag color="red">{`${t('integration.webhooks.dead')} ${s.dead}`}</Tag>}
      </Space>
    );
  const activeSwitch = (s: WebhookSubscription) => (
    <Switch
      size="small"
      checked={s.active}
      loading={update.isPending && update.variables.id === s.id}
      onChange={() => toggle(s)}
      checkedChildren={t('integration.webhooks.active')}
      unCheckedChildren={t('integration.webhooks.paused')}
      data-testid="webhook-active"
    />
  );
  const actions = (s: WebhookSubscription) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => setLogId(s.id)} data-testid="webhook-deliveries">
        {t('integration.webhooks.deliveries')}
      </Button>
      <Button size="small" onClick={() => setForm({ editing: s })} data-testid="webhook-edit">
        {t('integration.webhooks.edit')}
      </Button>
      <Popconfirm title={t('integration.webhooks.confirmDelete', { name: s.name })} okText={t('app.confirm')} cancelText={t('app.cancel')} onConfirm={() => runDelete(s)}>
        <Button size="small" danger data-testid="webhook-delete">
          {t('integration.webhooks.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );

  const columns: ColumnsType<WebhookSubscription> = [
    {
      key: 'name',
      title: t('integration.webhooks.name'),
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span>{s.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {s.url}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'events', title: t('integration.webhooks.events'), render: (_, s) => events(s), responsive: ['lg'] },
    { key: 'active', title: t('integration.webhooks.active'), render: (_, s) => activeSwitch(s), width: 96 },
    { key: 'counts', title: '', render: (_, s) => counts(s), width: 150 },
    { key: 'actions', title: '', render: (_, s) => actions(s), width: 220 },
  ];

  let body;
  if (webhooks.isPending) body = <Skeleton active />;
  else if (webhooks.isError) body = <ErrorAlert error={webhooks.error} onRetry={() => void webhooks.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('integration.webhooks.empty')} />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="webhooks-cards">
        {items.map((s) => (
          <Card key={s.id} size="small" title={s.name} extra={activeSwitch(s)} data-testid="webhook-card">
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              <Typography.Text type="secondary" ellipsis={{ tooltip: s.url }}>
                {urlHost(s.url)}
              </Typography.Text>
              {events(s)}
              {counts(s)}
              {actions(s)}
            </Space>
          </Card>
        ))}
      </Space>
    );
  } else body = <Table<WebhookSubscription> rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} data-testid="webhooks-table" />;

  return (
    <Card
      title={t('integration.tabs.webhooks')}
      styles={{ body: { padding: phone ? 12 : 24 } }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ editing: null })} aria-label={t('integration.webhooks.create')} data-testid="webhook-create">
          {phone ? null : t('integration.webhooks.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('integration.webhooks.intro')}</Typography.Paragraph>
      {body}
      <WebhookFormModal open={form !== null} editing={form?.editing ?? null} onClose={() => setForm(null)} onCreated={setSecret} />
      <SecretModal secret={secret} title={t('integration.webhooks.secretTitle')} hint={t('integration.webhooks.secretHint')} onClose={() => setSecret(null)} testId="webhook-secret" />
      <DeliveriesDrawer subscription={logOf} onClose={() => setLogId(null)} />
    </Card>
  );
}
