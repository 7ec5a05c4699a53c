import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Me, changePasswordRequestSchema, errorEnvelopeSchema, loginRequestSchema, okSchema, sessionResponseSchema } from '@uplift/contract';
import { SESSION_COOKIE, auditContext, clearSessionCookies, requestMeta, requireActor, setSessionCookies } from '../../http/session.ts';
import type { AppDeps } from '../../http/app.ts';
import { loadAccess } from '../access/access.ts';

/** Sign-in, sign-out, who am I, change password. */
export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { auth } = deps.services;
  const cookie = { secure: deps.config.cookieSecure, maxAgeSeconds: deps.config.session.absoluteHours * 3600 };
  /** The user as /auth/me shows them: roles from grants, own employee record, derived manager. */
  async function withAccess(user: Me): Promise<Me> {
    const access = await loadAccess(deps.database.db, { ...user, sessionId: '', csrfToken: '' });
    return { ...user, roles: [...access.roles], employeeId: access.employeeId, isManager: access.isManager };
  }
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { rateLimit: { max: deps.config.login.ratePerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with username and password; sets the session cookie',
          body: loginRequestSchema,
          response: { 200: sessionResponseSchema, 401: errorEnvelopeSchema, 429: errorEnvelopeSchema },
        },
      },
      async (req, reply) => {
        const s = await auth.login(req.body, requestMeta(req), req.cookies[SESSION_COOKIE] ?? null);
        setSessionCookies(reply, s, cookie);
        return { user: await withAccess(s.user), csrfToken: s.csrfToken };
      },
    );

    app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 200: okSchema } } }, async (req, reply) => {
      if (req.actor) await auth.logout(req.actor, auditContext(req));
      clearSessionCookies(reply);
      return { ok: true as const };
    });

    app.get(
      '/auth/me',
      { schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token for writes', response: { 200: sessionResponseSchema, 401: errorEnvelopeSchema } } },
      async (req) => {
        const actor = requireActor(req);
        const { sessionId: _s, csrfToken, ...user } = actor;
        return { user: await withAccess(user), csrfToken };
      },
    );

    app.post(
      '/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change own password; ends all other sessions and rotates this one',
          body: changePasswordRequestSchema,
          response: { 200: sessionResponseSchema, 400: errorEnvelopeSchema, 422: errorEnvelopeSchema },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const s = await auth.changePassword(actor, req.body, requestMeta(req));
        setSessionCookies(reply, s, cookie);
        return { user: await withAccess(s.user), csrfToken: s.csrfToken };
      },
    );
  };
}
