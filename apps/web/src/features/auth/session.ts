import type { Me, Role } from '@uplift/contract';
import { isAppPath } from '../../app/open-link.ts';

/** Why there is no session: the login page words its notice after it. */
export type SignedOutReason = 'unauthenticated' | 'expired' | 'logout';

export type Session = { status: 'signed-in'; user: Me } | { status: 'signed-out'; reason: SignedOutReason };

export const sessionKey = ['session'] as const;

/** The roles that write people records (each within its scope; the server decides). */
export const hrRoles = ['group_hr', 'hr_head', 'hrbp'] as const satisfies readonly Role[];
/** The roles that manage role grants. */
export const grantAdminRoles = ['sys_admin', 'group_hr'] as const satisfies readonly Role[];

/** True when the user holds any of `roles`. */
export function hasAnyRole(user: Pick<Me, 'roles'>, roles: readonly Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/**
 * The employee id of a user who may see nothing but their own record (no granted role, no
 * reports); null for everyone else. Their "人员" is "我的档案".
 */
export function ownRecordOnly(user: Pick<Me, 'roles' | 'employeeId' | 'isManager'>): string | null {
  if (user.roles.length > 0 || user.isManager === true) return null;
  return user.employeeId ?? null;
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
