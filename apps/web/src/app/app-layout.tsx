import { Suspense, useState } from 'react';
import { Button, Drawer, Grid, Layout, theme, Typography } from 'antd';
import { MenuOutlined, RiseOutlined } from '@ant-design/icons';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { UserMenu } from '../features/auth/user-menu.tsx';
import { useSession } from '../features/auth/use-session.ts';
import { InboxBell } from '../features/inbox/inbox-bell.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { FullPageSpin } from './full-page-spin.tsx';
import { NavMenu } from './nav-menu.tsx';

const HEADER_HEIGHT = 56;

/** The signed-in shell: header (bell, language, user), side menu on desktop, drawer on phones. */
export function AppLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const session = useSession();
  const [drawerOpen, setDrawerOpen] = useState(false);
  if (session.data?.status !== 'signed-in') return null;
  const { user } = session.data;
  const locked = user.mustChangePassword;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: HEADER_HEIGHT,
          lineHeight: `${HEADER_HEIGHT}px`,
          display: 'flex',
          alignItems: 'center',
          gap: 4,
          paddingInline: phone ? 8 : 20,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        {phone && !locked && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} onClick={() => setDrawerOpen(true)} data-testid="nav-drawer-open" />}
        <Link to="/inbox" style={{ display: 'flex', alignItems: 'center', gap: 8, marginInlineEnd: 'auto', minWidth: 0 }}>
          <RiseOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
          <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }} data-testid="app-name">
            {t('app.name')}
          </Typography.Text>
        </Link>
        {!locked && <InboxBell />}
        <LanguageSwitch compact={phone} />
        <UserMenu user={user} compact={phone} />
      </Layout.Header>
      <Layout>
        {!phone && !locked && (
          <Layout.Sider width={208} theme="light" style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}`, paddingTop: 8 }}>
            <NavMenu user={user} />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {phone && (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={260} title={t('app.name')} styles={{ body: { padding: 8 } }}>
          <NavMenu user={user} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
