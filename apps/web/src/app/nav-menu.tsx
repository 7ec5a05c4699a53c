import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { AimOutlined, AlertOutlined, ApartmentOutlined, AppstoreOutlined, BookOutlined, FileProtectOutlined, ApiOutlined, AuditOutlined, CalendarOutlined, CloudUploadOutlined, ControlOutlined, IdcardOutlined, InboxOutlined, PartitionOutlined, SafetyOutlined, ScheduleOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { templateReaderRoles } from '../features/templates/template-roles.ts';
import type { Me } from '@uplift/contract';
import { grantAdminRoles, hasAnyRole, hrRoles, ownRecordOnly } from '../features/auth/session.ts';
import { policyReaderRoles } from '../features/policies/policies.ts';

type Item = Required<MenuProps>['items'][number];

/**
 * The app's sections for this user: 组织架构 and 人员 for everyone (我的档案 for someone who may
 * see only their own record), 预警名单 for the HR roles and managers, 预警规则 and 考核周期 for the HR
 * roles, 数据导入 for the HR roles (the page asks the server which types each may import), 角色授权 for sys_admin and group HR, the rest of 系统管理 for sys_admin.
 */
export function NavMenu(props: { user: Me; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { user } = props;
  const admin = user.roles.includes('sys_admin');
  const grants = hasAnyRole(user, grantAdminRoles);
  const own = ownRecordOnly(user);
  const importer = hasAnyRole(user, hrRoles);
  // 预警名单 for HR and managers (the server decides whose candidates each sees); rules and cycles for HR
  const candidates = importer || user.isManager === true;
  const peopleKey = own ? `/people/${own}` : '/people';

  const adminItems: Item[] = [
    ...(grants ? [{ key: '/admin/grants', icon: <SafetyOutlined />, label: <span data-testid="nav-admin-grants">{t('nav.grants')}</span> }] : []),
    // service accounts, API tokens and webhooks: the same two roles as grants
    ...(grants ? [{ key: '/admin/integration', icon: <ApiOutlined />, label: <span data-testid="nav-admin-integration">{t('nav.integration')}</span> }] : []),
    ...(admin
      ? [
          { key: '/admin/users', icon: <TeamOutlined />, label: <span data-testid="nav-admin-users">{t('nav.users')}</span> },
          { key: '/admin/system', icon: <AuditOutlined />, label: <span data-testid="nav-admin-system">{t('nav.system')}</span> },
        ]
      : []),
  ];
  const items: Item[] = [
    { key: '/inbox', icon: <InboxOutlined />, label: <span data-testid="nav-inbox">{t('nav.inbox')}</span> },
    // 工作台: what the WeCom app menu opens; on the web too, for a phone
    { key: '/m', icon: <AppstoreOutlined />, label: <span data-testid="nav-workbench">{t('mobile.nav')}</span> },
    { key: '/org', icon: <ApartmentOutlined />, label: <span data-testid="nav-org">{t('nav.org')}</span> },
    own
      ? { key: peopleKey, icon: <IdcardOutlined />, label: <span data-testid="nav-people">{t('nav.myRecord')}</span> }
      : { key: peopleKey, icon: <UserOutlined />, label: <span data-testid="nav-people">{t('nav.people')}</span> },
    ...(user.employeeId ? [{ key: '/my/policies', icon: <BookOutlined />, label: <span data-testid="nav-my-policies">{t('policies.nav.mine')}</span> }] : []),
    ...(hasAnyRole(user, policyReaderRoles) ? [{ key: '/policies', icon: <FileProtectOutlined />, label: <span data-testid="nav-policies">{t('policies.nav.policies')}</span> }] : []),
    // 改进计划 for everyone: my plan, my team's, all in scope, and what waits on me
    { key: '/pips', icon: <AimOutlined />, label: <span data-testid="nav-pips">{t('pip.nav')}</span> },
    ...(candidates ? [{ key: '/candidates', icon: <AlertOutlined />, label: <span data-testid="nav-candidates">{t('performance.nav.candidates')}</span> }] : []),
    ...(importer
      ? [
          { key: '/rules', icon: <ControlOutlined />, label: <span data-testid="nav-rules">{t('performance.nav.rules')}</span> },
          { key: '/cycles', icon: <CalendarOutlined />, label: <span data-testid="nav-cycles">{t('performance.nav.cycles')}</span> },
        ]
      : []),
    ...(hasAnyRole(user, templateReaderRoles) ? [{ key: '/templates', icon: <PartitionOutlined />, label: <span data-testid="nav-templates">{t('templates.nav')}</span> }] : []),
    // the working-day calendar: HR reads it for deadlines, sys_admin and group HR keep it
    ...(importer || admin ? [{ key: '/calendar', icon: <ScheduleOutlined />, label: <span data-testid="nav-calendar">{t('calendar.nav')}</span> }] : []),
    ...(importer ? [{ key: '/imports', icon: <CloudUploadOutlined />, label: <span data-testid="nav-imports">{t('nav.imports')}</span> }] : []),
    ...(adminItems.length > 0 ? [{ key: 'admin', label: t('nav.admin'), type: 'group' as const, children: adminItems }] : []),
  ];
  const keys = ['/inbox', '/m', '/org', '/people', '/my/policies', '/policies', '/candidates', '/rules', '/cycles', '/templates', '/calendar', '/imports', '/admin/grants', '/admin/integration', '/admin/users', '/admin/system'];
  const section = keys.find((k) => pathname === k || pathname.startsWith(`${k}/`));
  const selected = section === '/people' ? peopleKey : section;
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
