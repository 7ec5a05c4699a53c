import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './change-password-form.tsx';
import { useSession } from './use-session.ts';

/** /account: who I am, and changing my password (forced first when required). */
export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.data?.status !== 'signed-in') return null;
  const { user } = session.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 880, margin: '0 auto', display: 'flex' }}>
      {user.mustChangePassword && <Alert type="warning" showIcon title={t('account.mustChange')} data-testid="must-change-password" />}
      <Card title={t('account.profile')} data-testid="account-profile">
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 96 } }}
          items={[
            { key: 'username', label: t('account.username'), children: user.username },
            { key: 'displayName', label: t('account.displayName'), children: user.displayName },
            {
              key: 'roles',
              label: t('account.roles'),
              children: user.roles.length === 0 ? <Tag>{t('roles.none')}</Tag> : user.roles.map((r) => <Tag color="blue" key={r}>{t(`roles.${r}`)}</Tag>),
            },
          ]}
        />
      </Card>
      <Card title={t('account.changePassword')}>
        <ChangePasswordForm username={user.username} />
      </Card>
    </Space>
  );
}
