import { useState } from 'react';
import { App, Button, Card, Empty, Grid, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { CreateAccountModal } from './create-account-modal.tsx';
import { TokensDrawer } from './tokens-drawer.tsx';
import { useDisableServiceAccount, useServiceAccounts, type ServiceAccount } from './use-integration.ts';

/** 服务账号: machine clients, their token counts and last use; tokens in a drawer. */
export function ServiceAccountsCard() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = !Grid.useBreakpoint().md;
  const accounts = useServiceAccounts();
  const disable = useDisableServiceAccount();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = accounts.data ?? [];
  const open = items.find((a) => a.id === openId) ?? null;

  const runDisable = (a: ServiceAccount) =>
    disable.mutate(a.id, {
      onSuccess: () => void message.success(t('integration.accounts.disabledOk', { name: a.name })),
      onError: (err) => void message.error(errorText(err)),
    });

  const status = (a: ServiceAccount) => (a.disabledAt ? <Tag>{t('integration.accounts.disabled')}</Tag> : <Tag color="green">{t('integration.accounts.active')}</Tag>);
  const lastUsed = (a: ServiceAccount) => (a.lastUsedAt ? dateTime(a.lastUsedAt, lang) : <Typography.Text type="secondary">{t('integration.accounts.never')}</Typography.Text>);
  const actions = (a: ServiceAccount) => (
    <Space size={4} wrap>
      <Button size="small" icon={<KeyOutlined />} onClick={() => setOpenId(a.id)} data-testid={`account-tokens-${a.username}`}>
        {t('integration.accounts.tokens')}
      </Button>
      {!a.disabledAt && (
        <Popconfirm title={t('integration.accounts.confirmDisable', { name: a.name })} okText={t('app.confirm')} cancelText={t('app.cancel')} onConfirm={() => runDisable(a)}>
          <Button size="small" danger data-testid={`account-disable-${a.username}`}>
            {t('integration.accounts.disable')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const columns: ColumnsType<ServiceAccount> = [
    {
      key: 'name',
      title: t('integration.accounts.name'),
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <span>{a.name}</span>
          {a.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.description}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'username', title: t('integration.accounts.username'), render: (_, a) => <Typography.Text code>{a.username}</Typography.Text>, responsive: ['lg'] },
    { key: 'status', title: t('integration.accounts.status'), render: (_, a) => status(a) },
    { key: 'tokens', title: t('integration.accounts.activeTokens'), dataIndex: 'activeTokens', width: 100 },
    { key: 'lastUsedAt', title: t('integration.accounts.lastUsedAt'), render: (_, a) => lastUsed(a), responsive: ['lg'] },
    { key: 'actions', title: '', render: (_, a) => actions(a), width: 180 },
  ];

  let body;
  if (accounts.isPending) body = <Skeleton active />;
  else if (accounts.isError) body = <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('integration.accounts.empty')} />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="accounts-cards">
        {items.map((a) => (
          <Card key={a.id} size="small" title={a.name} extra={status(a)} data-testid="account-card">
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text code>{a.username}</Typography.Text>
              {a.description && <Typography.Text type="secondary">{a.description}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('integration.accounts.activeTokens')} {a.activeTokens} · {t('integration.accounts.lastUsedAt')} {a.lastUsedAt ? dateTime(a.lastUsedAt, lang) : t('integration.accounts.never')}
              </Typography.Text>
              {actions(a)}
            </Space>
          </Card>
        ))}
      </Space>
    );
  } else body = <Table<ServiceAccount> rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} data-testid="accounts-table" />;

  return (
    <Card
      title={t('integration.tabs.accounts')}
      styles={{ body: { padding: phone ? 12 : 24 } }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} aria-label={t('integration.accounts.create')} data-testid="account-create">
          {phone ? null : t('integration.accounts.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('integration.accounts.intro')}</Typography.Paragraph>
      {body}
      <CreateAccountModal open={creating} onClose={() => setCreating(false)} />
      <TokensDrawer account={open} onClose={() => setOpenId(null)} />
    </Card>
  );
}
