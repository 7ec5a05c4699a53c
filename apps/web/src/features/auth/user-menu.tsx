import { Avatar, Button, Dropdown } from 'antd';
import { LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@uplift/contract';
import { useLogout } from './use-session.ts';

/** The avatar menu in the header: account settings and sign out. */
export function UserMenu(props: { user: Me; compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'account', icon: <SettingOutlined />, label: <span data-testid="account-link">{t('nav.account')}</span> },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('nav.logout')}</span>, disabled: logout.isPending },
        ],
        onClick: ({ key }) => {
          if (key === 'account') void navigate('/account');
          if (key === 'logout') logout.mutate();
        },
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }} aria-label={props.user.displayName}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
        {!props.compact && <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>{props.user.displayName}</span>}
      </Button>
    </Dropdown>
  );
}
