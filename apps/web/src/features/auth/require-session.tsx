import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@uplift/contract';
import { ErrorAlert } from '../../app/errors.tsx';
import { FullPageSpin } from '../../app/full-page-spin.tsx';
import { useSession } from './use-session.ts';
import { hasAnyRole, type LoginState } from './session.ts';
import { tryWecomSignIn } from './wecom-browser.ts';

/**
 * Renders its children only with a session: otherwise to /login (inside WeCom, through WeCom
 * sign-in), remembering where the user was going; a user who must change their password goes to
 * /account first.
 */
export function RequireSession(props: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) return <div style={{ padding: 16 }}><ErrorAlert error={session.error} onRetry={() => void session.refetch()} /></div>;
  const s = session.data;
  if (s.status === 'signed-out') {
    const here = `${location.pathname}${location.search}`;
    // inside WeCom nobody types a password: WeCom OAuth signs them in and brings them back here
    const storage = typeof window.sessionStorage === 'undefined' ? null : window.sessionStorage;
    if (s.reason !== 'logout' && tryWecomSignIn(here, { userAgent: navigator.userAgent, storage, now: Date.now(), go: (url) => window.location.assign(url) })) return <FullPageSpin />;
    const state: LoginState = s.reason === 'logout' ? null : { from: here === '/' ? '/inbox' : here, expired: s.reason === 'expired' };
    return <Navigate to="/login" replace state={state} />;
  }
  if (s.user.mustChangePassword && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return props.children;
}

/** Renders its children for holders of any of `roles`, else a "not allowed" page. */
export function RequireRole(props: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.data?.status !== 'signed-in') return null;
  if (!hasAnyRole(session.data.user, props.roles)) {
    return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} data-testid="forbidden" />;
  }
  return props.children;
}
