import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { metaSchema, wecomSignInFailureSchema, type LoginRequest } from '@uplift/contract';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api-context.tsx';
import { useErrorText } from '../../app/errors.tsx';
import { FullPageSpin } from '../../app/full-page-spin.tsx';
import { LanguageSwitch } from '../../i18n/language-switch.tsx';
import { loginState } from './session.ts';
import { useLogin, useSession } from './use-session.ts';
import { isWecomBrowser, wecomSignInUrl } from './wecom-browser.ts';

/** /login: username and password; back to where the user was going once signed in. */
export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { from, expired } = loginState(location.state);
  // a WeCom sign-in the server refused comes back here as ?wecom=<reason>
  const [params] = useSearchParams();
  const wecomFailure = wecomSignInFailureSchema.safeParse(params.get('wecom')).data ?? null;
  const session = useSession();
  const login = useLogin();
  const errorText = useErrorText();
  const api = useApi();
  // the demo login is shown only where the demo data set is loaded
  const meta = useQuery({ queryKey: ['meta'], queryFn: () => api.get('/api/meta', metaSchema), staleTime: Infinity });

  if (session.data?.status === 'signed-in') return <Navigate to={from ?? '/inbox'} replace />;
  if (session.isPending) return <FullPageSpin />;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', background: 'linear-gradient(180deg, #e6f0ff 0%, #f5f7fa 45%)', padding: '0 16px' }}>
      <div style={{ alignSelf: 'stretch', display: 'flex', justifyContent: 'flex-end', padding: '12px 0' }}>
        <LanguageSwitch />
      </div>
      <div style={{ width: '100%', maxWidth: 380, marginTop: '6vh' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        <Card>
          {wecomFailure && !login.isError && (
            <Alert
              type={wecomFailure === 'cancelled' ? 'info' : 'warning'}
              showIcon
              title={t('login.wecom.title')}
              description={
                <>
                  <div>{t(`login.wecom.${wecomFailure}`)}</div>
                  {/* inside WeCom a second try is one tap (no password there); not when no account would come of it */}
                  {isWecomBrowser(navigator.userAgent) && wecomFailure !== 'no_account' && wecomFailure !== 'not_member' && (
                    <Button size="small" href={wecomSignInUrl(from ?? '/inbox')} style={{ marginTop: 8 }} data-testid="login-wecom-retry">
                      {t('login.wecom.retry')}
                    </Button>
                  )}
                </>
              }
              style={{ marginBottom: 16 }}
              data-testid="login-wecom-failed"
              data-reason={wecomFailure}
            />
          )}
          {expired && !login.isError && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} data-testid="login-expired" />}
          {login.isError && <Alert type="error" showIcon title={errorText(login.error)} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form<LoginRequest> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} disabled={login.isPending}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" size="large" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        {meta.data?.demo && (
        <Card size="small" variant="borderless" style={{ marginTop: 16, background: 'rgba(0,0,0,0.03)' }} data-testid="demo-hint">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('login.demoTitle')} <Typography.Text code style={{ fontSize: 12 }}>admin</Typography.Text> /{' '}
            <Typography.Text code style={{ fontSize: 12 }}>Uplift#2026</Typography.Text>
          </Typography.Text>
        </Card>
        )}
      </div>
    </div>
  );
}
