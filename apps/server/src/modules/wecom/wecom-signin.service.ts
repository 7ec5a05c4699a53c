import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employees } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import { oauthAuthorizeUrl, qrLoginUrl, type WecomClient } from '../../integrations/wecom/wecom.client.ts';
import { ERRCODE, WeComApiError } from '../../integrations/wecom/wecom.errors.ts';
import type { Audit } from '../audit/audit.service.ts';
import type { WecomSignInFailure } from '@uplift/contract';
import type { Auth, RequestMeta } from '../auth/auth.service.ts';

export type WecomSignInDeps = {
  db: Db;
  audit: Audit;
  auth: Auth;
  client: WecomClient;
  authorizeBase: (origin: string) => string;
  qrLoginBase: (origin: string) => string;
  publicBase: () => string | null;
  /** Live WeCom only redirects to the app's registered trusted domain: PUBLIC_URL must say which. */
  requirePublicUrl: boolean;
};

/** A same-site path to return to after sign-in; anything else (//host, \\, absolute URLs) becomes "/". */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : '/';
}

/**
 * Sign-in inside WeCom: OAuth code → auth/getuserinfo → userid → the employee's account →
 * the same session as a password sign-in (auth.signInAs, method "wecom").
 */
export function createWecomSignIn(deps: WecomSignInDeps) {
  /** The authorize URL and its state; `origin` is the browser's (used when PUBLIC_URL is not set, so cookies match). */
  function start(origin: string, via: 'client' | 'qr' = 'client'): { url: string; state: string } {
    const configured = deps.publicBase();
    if (!configured && deps.requirePublicUrl) throw new AppError('UNAVAILABLE', '请设置 PUBLIC_URL（企业微信应用的可信域名），才能在企业微信内登录');
    const base = configured ?? origin;
    // [a-zA-Z0-9] only, ≤128 (SPEC §8.1)
    const state = randomBytes(24).toString('hex');
    const common = { corpId: deps.client.corpId, agentId: deps.client.agentId, redirectUri: `${base}/api/wecom/oauth/callback`, state };
    // inside the WeCom client: in-app OAuth; in a desktop browser: scan a QR code with the app
    const url = via === 'qr' ? qrLoginUrl({ loginBase: deps.qrLoginBase(origin), ...common }) : oauthAuthorizeUrl({ authorizeBase: deps.authorizeBase(origin), ...common });
    return { url, state };
  }

  async function finish(code: string, meta: RequestMeta, previousToken: string | null) {
    let userid: string | undefined;
    try {
      userid = (await deps.client.getUserInfo(code)).userid;
    } catch (e) {
      if (e instanceof WeComApiError && e.errcode === ERRCODE.invalidCode) throw new AppError('UNAUTHENTICATED', '企业微信登录码无效或已使用，请从应用重新打开', { reason: 'invalid_code' });
      throw e;
    }
    // non-members come back with an openid only
    if (!userid) return refuse(null, meta, 'not_member', '不是本企业的成员，无法登录');
    const [row] = await deps.db
      .select({ userId: employees.userId, status: employees.status })
      .from(employees)
      .where(sql`lower(${employees.wecomUserId}) = ${userid.toLowerCase()}`);
    if (!row?.userId || row.status === 'left') return refuse(userid, meta, 'no_account', '该企业微信成员没有可用的 Uplift 账号，请联系 HR 开通');
    return deps.auth.signInAs(row.userId, 'wecom', meta, previousToken);
  }

  async function refuse(userid: string | null, meta: RequestMeta, reason: WecomSignInFailure, message: string): Promise<never> {
    await deps.db.transaction(async (tx) => {
      await deps.audit.append(tx, { actorId: null, actorLabel: userid ? `wecom:${userid}` : 'wecom', requestId: meta.requestId }, { action: 'auth.login_failed', entityType: 'user', entityId: null, after: { method: 'wecom', wecomUserId: userid, ip: meta.ip } });
    });
    throw new AppError('FORBIDDEN', message, { reason });
  }

  return { start, finish };
}

export type WecomSignIn = ReturnType<typeof createWecomSignIn>;
