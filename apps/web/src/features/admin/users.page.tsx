import { useState } from 'react';
import { App, Button, Card, Empty, Grid, Modal, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { CreateUserModal } from './create-user-modal.tsx';
import { useSetUserDisabled, useUsers } from './use-users.ts';

/** /admin/users: local accounts, creating them, enabling and disabling them. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const users = useUsers();
  const setDisabled = useSetUserDisabled();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];

  const toggle = (u: UserAccount) =>
    setDisabled.mutate(
      { id: u.id, disabled: !u.disabled },
      {
        onSuccess: () => void message.success(t(u.disabled ? 'users.enabledOk' : 'users.disabledOk', { name: u.displayName })),
        onError: (err) => void message.error(errorText(err)),
      },
    );

  const status = (u: UserAccount) => (
    <Space size={4} wrap>
      {u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
      {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
    </Space>
  );
  const roles = (u: UserAccount) => (u.roles.length === 0 ? <Tag>{t('roles.none')}</Tag> : u.roles.map((r) => <Tag color="blue" key={r}>{t(`roles.${r}`)}</Tag>));
  const action = (u: UserAccount) =>
    u.disabled ? (
      <Button size="small" onClick={() => toggle(u)} data-testid={`user-enable-${u.username}`}>
        {t('users.enable')}
      </Button>
    ) : (
      <Popconfirm title={t('users.confirmDisable', { name: u.displayName })} okText={t('app.confirm')} cancelText={t('app.cancel')} onConfirm={() => toggle(u)}>
        <Button size="small" danger data-testid={`user-disable-${u.username}`}>
          {t('users.disable')}
        </Button>
      </Popconfirm>
    );

  const columns: ColumnsType<UserAccount> = [
    { key: 'username', title: t('users.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    { key: 'roles', title: t('users.roles'), render: (_, u) => roles(u) },
    { key: 'status', title: t('users.status'), render: (_, u) => status(u) },
    { key: 'createdAt', title: t('users.createdAt'), render: (_, u) => dateTime(u.createdAt, lang) },
    { key: 'actions', title: t('users.actions'), render: (_, u) => action(u) },
  ];

  let body;
  if (users.isPending) body = <Skeleton active />;
  else if (users.isError) body = <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('users.empty')} />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="users-cards">
        {items.map((u) => (
          <Card key={u.id} size="small" title={u.displayName} extra={action(u)} data-testid="user-card">
            <Space orientation="vertical" size={4}>
              <Typography.Text type="secondary">{u.username}</Typography.Text>
              <div>{roles(u)}</div>
              {status(u)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('users.createdAt')} {dateTime(u.createdAt, lang)}
              </Typography.Text>
            </Space>
          </Card>
        ))}
      </Space>
    );
  } else body = <Table<UserAccount> rowKey="id" columns={columns} dataSource={items} pagination={false} size="middle" data-testid="users-table" />;

  return (
    <Card
      title={t('users.title')}
      styles={{ body: { padding: phone ? 12 : 24 } }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
          {t('users.create')}
        </Button>
      }
    >
      {body}
      {users.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
            {t('app.loadMore')}
          </Button>
        </div>
      )}
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, password) => {
          setCreating(false);
          void message.success(t('users.created'));
          if (password) setCreated({ name, password });
        }}
      />
      <Modal
        open={created !== null}
        title={t('users.initialPasswordTitle')}
        onOk={() => setCreated(null)}
        onCancel={() => setCreated(null)}
        okText={t('users.done')}
        cancelButtonProps={{ style: { display: 'none' } }}
        mask={{ closable: false }}
      >
        {created && (
          <>
            <Typography.Paragraph>{t('users.initialPasswordHint', { name: created.name })}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: created.password }} code style={{ fontSize: 18 }} data-testid="initial-password">
              {created.password}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </Card>
  );
}
