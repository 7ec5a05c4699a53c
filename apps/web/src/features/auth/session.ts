import type { Me } from '@uplift/contract';
import { isAppPath } from '../../app/open-link.ts';

/** Why there is no session: the login page words its notice after it. */
export type SignedOutReason = 'unauthenticated' | 'expired' | 'logout';

export type Session = { status: 'signed-in'; user: Me } | { status: 'signed-out'; reason: SignedOutReason };

export const sessionKey = ['session'] as const;

export function isSysAdmin(session: Session | undefined): boolean {
  return session?.status === 'signed-in' && session.user.roles.includes('sys_admin');
}

/** What the login page is told by whoever sent the user there. */
export type LoginState = { from?: string; expired?: boolean } | null;

/** Reads LoginState from router location state, which is untyped. */
export function loginState(state: unknown): { from: string | null; expired: boolean } {
  if (typeof state !== 'object' || state === null) return { from: null, expired: false };
  const raw = 'from' in state && typeof state.from === 'string' ? state.from : '';
  const from = isAppPath(raw) && !raw.startsWith('/login') ? raw : null;
  return { from, expired: 'expired' in state && state.expired === true };
}
