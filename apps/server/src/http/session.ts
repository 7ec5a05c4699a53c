import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@uplift/contract';
import { AppError } from '../lib/errors.ts';
import type { AuthCache } from '../modules/auth/auth-cache.ts';
import type { Actor, Auth, RequestMeta } from '../modules/auth/auth.service.ts';
import type { AuditContext } from '../modules/audit/audit.service.ts';

export const SESSION_COOKIE = 'uplift_sid';
export const CSRF_COOKIE = 'uplift_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  // module augmentation needs an interface
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
    /** Sessions and access kept between requests (null where nothing is cached). */
    authCache: AuthCache | null;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie on every /api request and enforces CSRF on state-changing ones:
 * the header must echo the session's token (double submit; the cookie alone proves nothing).
 */
export function installSessions(app: FastifyInstance, auth: Auth): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('authCache', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    req.authCache = auth.cache;
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return;
    const resolved = await auth.resolve(raw);
    if (resolved === 'expired') req.sessionExpired = true;
    else req.actor = resolved;
    if (req.actor && !SAFE.has(req.method) && req.headers[CSRF_HEADER] !== req.actor.csrfToken) {
      throw new AppError('CSRF_FAILED', `缺少或错误的 ${CSRF_HEADER} 请求头：页面已过期，请刷新后重试`);
    }
  });
}

/** The signed-in caller, or 401 (SESSION_EXPIRED when a session lapsed, so the UI can say so). */
export function requireActor(req: FastifyRequest): Actor {
  if (req.actor) return req.actor;
  throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
}

/** The caller if they hold one of `roles`, else 403. */
export function requireRole(req: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(req);
  if (!roles.some((r) => actor.roles.includes(r))) {
    throw new AppError('FORBIDDEN', `需要以下角色之一：${roles.join(', ')}`);
  }
  return actor;
}

export function auditContext(req: FastifyRequest): AuditContext {
  return { actorId: req.actor?.id ?? null, actorLabel: req.actor?.username ?? 'anonymous', requestId: req.id };
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: req.id };
}

/** Sets the session cookie (httpOnly) and the CSRF cookie (readable by the web app). */
export function setSessionCookies(reply: FastifyReply, s: { token: string; csrfToken: string }, opts: { secure: boolean; maxAgeSeconds: number }): void {
  const base = { path: '/', sameSite: 'lax' as const, secure: opts.secure, maxAge: opts.maxAgeSeconds };
  void reply.setCookie(SESSION_COOKIE, s.token, { ...base, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, s.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
