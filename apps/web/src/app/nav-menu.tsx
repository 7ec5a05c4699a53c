import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { AuditOutlined, InboxOutlined, TeamOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

type Item = Required<MenuProps>['items'][number];

/** The app's sections; 系统管理 only for sys_admin. */
export function NavMenu(props: { admin: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items: Item[] = [
    { key: '/inbox', icon: <InboxOutlined />, label: <span data-testid="nav-inbox">{t('nav.inbox')}</span> },
    ...(props.admin
      ? [
          {
            key: 'admin',
            label: t('nav.admin'),
            type: 'group' as const,
            children: [
              { key: '/admin/users', icon: <TeamOutlined />, label: <span data-testid="nav-admin-users">{t('nav.users')}</span> },
              { key: '/admin/system', icon: <AuditOutlined />, label: <span data-testid="nav-admin-system">{t('nav.system')}</span> },
            ],
          },
        ]
      : []),
  ];
  const selected = ['/inbox', '/admin/users', '/admin/system'].find((k) => pathname === k || pathname.startsWith(`${k}/`));
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        props.onNavigate?.();
        void navigate(key);
      }}
    />
  );
}
