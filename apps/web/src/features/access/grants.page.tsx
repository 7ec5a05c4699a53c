import { App, Button, Card, Empty, Grid, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useSession } from '../auth/use-session.ts';
import { GrantForm } from './grant-form.tsx';
import { useGrants, useRevokeGrant, type Grant } from './use-grants.ts';

const isRole = (r: string): r is Role => (roles as readonly string[]).includes(r);

/** /admin/grants: who holds which role over which part of the group; granting and revoking. */
export function GrantsPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = !Grid.useBreakpoint().md;
  const session = useSession();
  const grants = useGrants();
  const revoke = useRevokeGrant();
  if (session.data?.status !== 'signed-in') return null;
  const sysAdmin = session.data.user.roles.includes('sys_admin');
  const items = grants.data ?? [];

  const runRevoke = (g: Grant) =>
    revoke.mutate(g.id, {
      onSuccess: () => void message.success(t('grants.revoked', { username: g.username })),
      onError: (err) => void message.error(errorText(err)),
    });

  const roleTag = (g: Grant) => <Tag color="blue">{isRole(g.role) ? t(`roles.${g.role}`) : g.role}</Tag>;
  const scope = (g: Grant) => g.unitName ?? <Typography.Text type="secondary">{t('grants.wholeGroup')}</Typography.Text>;
  const action = (g: Grant) => (
    <Popconfirm title={t('grants.confirmRevoke', { username: g.username })} okText={t('app.confirm')} cancelText={t('app.cancel')} onConfirm={() => runRevoke(g)}>
      <Button size="small" danger data-testid={`grant-revoke-${g.username}-${g.role}`}>
        {t('grants.revoke')}
      </Button>
    </Popconfirm>
  );

  const columns: ColumnsType<Grant> = [
    { key: 'username', title: t('grants.username'), dataIndex: 'username' },
    { key: 'role', title: t('grants.role'), render: (_, g) => roleTag(g) },
    { key: 'unit', title: t('grants.unit'), render: (_, g) => scope(g) },
    { key: 'createdAt', title: t('grants.createdAt'), render: (_, g) => dateTime(g.createdAt, lang), responsive: ['lg'] },
    { key: 'actions', title: t('users.actions'), render: (_, g) => action(g), width: 96 },
  ];

  let body;
  if (grants.isPending) body = <Skeleton active />;
  else if (grants.isError) body = <ErrorAlert error={grants.error} onRetry={() => void grants.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('grants.empty')} />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="grants-cards">
        {items.map((g) => (
          <Card key={g.id} size="small" data-testid="grant-card" title={g.username} extra={action(g)}>
            <Space size={4} wrap>
              {roleTag(g)}
              {scope(g)}
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {dateTime(g.createdAt, lang)}
            </Typography.Text>
          </Card>
        ))}
      </Space>
    );
  } else body = <Table<Grant> rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} data-testid="grants-table" />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('grants.add')} styles={{ body: { padding: phone ? 12 : 24, paddingBottom: 0 } }}>
        <GrantForm sysAdmin={sysAdmin} />
      </Card>
      <Card title={t('grants.title')} styles={{ body: { padding: phone ? 12 : 24 } }}>
        {body}
      </Card>
    </Space>
  );
}
