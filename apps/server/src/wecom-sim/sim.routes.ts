import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { constantTimeEqual } from '../integrations/wecom/wecom.crypto.ts';
import { envelope } from '../http/errors.ts';
import { adminActions, runAdminAction, type AdminAction } from './sim.admin.ts';
import { appchatRoutes } from './sim.appchat.ts';
import { menuRoutes } from './sim.menu.ts';
import { contactRoutes } from './sim.contacts.ts';
import { errmsg, SimError } from './sim.errors.ts';
import { messageRoutes } from './sim.messages.ts';
import { oaRoutes } from './sim.oa.ts';
import { authorize, oauthRoutes } from './sim.oauth.ts';
import { renderPhone, renderPicker } from './sim.phone.ts';
import { checkToken, issueToken } from './sim.token.ts';
import type { SimContext, SimRoute } from './sim.types.ts';
import { SIM_ADMIN_HEADER } from './sim.credentials.ts';

const routes: Record<string, SimRoute> = { ...messageRoutes, ...contactRoutes, ...oaRoutes, ...appchatRoutes, ...oauthRoutes, ...menuRoutes };

export type SimPluginDeps = {
  ctx: SimContext;
  /** Seeds contacts from the org on first use. */
  ensureSeeded(): Promise<void>;
  reseed(): Promise<Record<string, unknown>>;
  adminKey: string;
  /** The authorize stand-in lets anyone pick who they are: open only in demo mode, else it needs the admin key. */
  openAuthorize: boolean;
};

/** The member whose phone the browser shows: the simulated client's signed-in user for OAuth. */
const PHONE_COOKIE = 'wecom_sim_user';

/** The admin key, compared in constant time. */
const isAdmin = (req: FastifyRequest, key: string) => {
  const given = req.headers[SIM_ADMIN_HEADER];
  return typeof given === 'string' && constantTimeEqual(key, given);
};

/** Takes the next queued fault matching this path, if any. */
function takeFault(ctx: SimContext, path: string): number | null {
  const f = ctx.state.faults.find((x) => x.path === null || x.path === path);
  if (!f) return null;
  if (--f.remaining <= 0) ctx.state.faults.splice(ctx.state.faults.indexOf(f), 1);
  return f.errcode;
}

function answer(reply: FastifyReply, ip: string, e: unknown) {
  if (!(e instanceof SimError)) throw e;
  const msg = errmsg(e.errcode, ip, e.detail);
  // one trace shows these headers next to the body (SPEC §1, UNCONFIRMED as a rule)
  return reply.header('error-code', String(e.errcode)).header('error-msg', msg).send({ errcode: e.errcode, errmsg: msg, ...e.extra });
}

function parseBody(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new SimError(47001, 'Warning: wrong json format.');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SimError(47001);
  return v as Record<string, unknown>;
}

/** The simulated `qyapi` under a prefix: one catch-all for /cgi-bin (unknown paths 404 with an empty body), OAuth and the admin API. */
export function simPlugin(deps: SimPluginDeps) {
  const { ctx } = deps;
  return async (app: FastifyInstance) => {
    // bodies arrive as text: WeCom answers bad JSON with an errcode, not an HTTP 400
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    app.route({
      method: ['GET', 'POST'],
      url: '/cgi-bin/*',
      schema: { hide: true },
      handler: async (req: FastifyRequest<{ Params: { '*': string }; Querystring: Record<string, string> }>, reply) => {
        const path = `/cgi-bin/${req.params['*']}`;
        const route = routes[path];
        const isToken = path === '/cgi-bin/gettoken';
        if ((!route && !isToken) || (route && route.method !== req.method) || (isToken && req.method !== 'GET')) return reply.status(404).send('');
        const query = req.query;
        try {
          await deps.ensureSeeded();
          if (isToken) {
            const fault = takeFault(ctx, path);
            if (fault !== null) throw new SimError(fault);
            return { errcode: 0, errmsg: 'ok', ...issueToken(ctx.state, query) };
          }
          // the token is checked before anything in the body (SPEC §1)
          const scope = checkToken(ctx.state, query);
          const fault = takeFault(ctx, path);
          if (fault !== null) throw new SimError(fault);
          const body = req.method === 'POST' ? parseBody(req.body) : {};
          const result = await route!.handler({ path, query, body, scope, ip: req.ip }, ctx);
          return { errcode: 0, errmsg: 'ok', ...result };
        } catch (e) {
          return answer(reply, req.ip, e);
        }
      },
    });

    // the in-client OAuth page and the browser QR sign-in: "the phone" is the userid or the phone-view cookie
    const signIn = (via: 'client' | 'qr') => async (req: FastifyRequest<{ Querystring: Record<string, string> }>, reply: FastifyReply) => {
      if (!deps.openAuthorize && !isAdmin(req, deps.adminKey)) {
        return reply.status(403).send(envelope('FORBIDDEN', '模拟器的登录页只在演示模式下开放', null, req.id));
      }
      const userid = req.query.userid ?? req.cookies[PHONE_COOKIE];
      if (!userid) return reply.status(400).send(envelope('VALIDATION_FAILED', 'userid: 模拟的企业微信客户端里登录的成员（或先在 /wecom-sim/phone 选择一位）', null, req.id));
      try {
        await deps.ensureSeeded();
        return reply.redirect(authorize(ctx.state, req.query, userid, via), 302);
      } catch (e) {
        if (!(e instanceof SimError)) throw e;
        return reply.status(400).send(envelope('VALIDATION_FAILED', errmsg(e.errcode, req.ip, e.detail), { errcode: e.errcode }, req.id));
      }
    };
    app.get('/connect/oauth2/authorize', { schema: { hide: true } }, signIn('client'));
    app.get('/wwlogin/sso/login', { schema: { hide: true } }, signIn('qr'));

    app.get('/phone', { schema: { hide: true } }, async (req: FastifyRequest<{ Querystring: { userid?: string; q?: string } }>, reply) => {
      if (!deps.openAuthorize && !isAdmin(req, deps.adminKey)) return reply.status(403).send(envelope('FORBIDDEN', '模拟器的手机视图只在演示模式下开放', null, req.id));
      await deps.ensureSeeded();
      const base = `${req.routeOptions.url?.replace(/\/phone$/, '') ?? ''}`;
      const userid = req.query.userid?.toLowerCase();
      if (!userid) return reply.type('text/html; charset=utf-8').send(renderPicker(ctx.state, req.query.q ?? '', base));
      const u = ctx.state.users.get(userid);
      if (!u) return reply.status(404).send(envelope('NOT_FOUND', `模拟企业里没有成员 ${userid}`, null, req.id));
      void reply.setCookie(PHONE_COOKIE, u.userid, { path: base || '/', httpOnly: true, sameSite: 'lax' });
      return reply.type('text/html; charset=utf-8').send(renderPhone(ctx.state, u, base));
    });

    app.post('/phone/click', { schema: { hide: true } }, async (req, reply) => {
      if (!deps.openAuthorize && !isAdmin(req, deps.adminKey)) return reply.status(403).send(envelope('FORBIDDEN', '模拟器的手机视图只在演示模式下开放', null, req.id));
      const form = new URLSearchParams(typeof req.body === 'string' ? req.body : '');
      const input = { msgid: form.get('msgid') ?? '', userid: form.get('userid') ?? '', key: form.get('key') ?? '' };
      if (!input.msgid || !input.userid || !input.key) return reply.status(400).send(envelope('VALIDATION_FAILED', 'msgid, userid, key 都是必填', null, req.id));
      await deps.ensureSeeded();
      await runAdminAction(ctx, 'click', input);
      const base = `${req.routeOptions.url?.replace(/\/phone\/click$/, '') ?? ''}`;
      return reply.redirect(`${base}/phone?userid=${encodeURIComponent(input.userid)}`, 303);
    });

    app.get('/admin/:view', { schema: { hide: true } }, async (req: FastifyRequest<{ Params: { view: string } }>, reply) => {
      if (!isAdmin(req, deps.adminKey)) return reply.status(401).send(envelope('UNAUTHENTICATED', `模拟器管理接口需要 ${SIM_ADMIN_HEADER} 请求头`, null, req.id));
      await deps.ensureSeeded();
      const s = ctx.state;
      const views: Record<string, () => unknown> = {
        messages: () => [...s.messages.values()],
        deliveries: () => s.deliveries,
        pushes: () => s.pushes,
        schedules: () => [...s.schedules.values()],
        chats: () => [...s.chats.values()],
        stats: () => ({ gettokenCalls: s.gettokenCalls, departments: s.departments.size, users: s.users.size, faults: s.faults }),
      };
      const view = views[req.params.view];
      if (!view) return reply.status(404).send(envelope('NOT_FOUND', `没有这个视图：${req.params.view}`, null, req.id));
      return { [req.params.view]: view() };
    });

    app.post('/admin/:action', { schema: { hide: true } }, async (req: FastifyRequest<{ Params: { action: string } }>, reply) => {
      if (!isAdmin(req, deps.adminKey)) return reply.status(401).send(envelope('UNAUTHENTICATED', `模拟器管理接口需要 ${SIM_ADMIN_HEADER} 请求头`, null, req.id));
      const action = req.params.action;
      if (!(action in adminActions)) return reply.status(404).send(envelope('NOT_FOUND', `没有这个操作：${action}`, null, req.id));
      try {
        const body = typeof req.body === 'string' && req.body !== '' ? (JSON.parse(req.body) as unknown) : {};
        if (action === 'reseed') return await deps.reseed();
        await deps.ensureSeeded();
        return await runAdminAction(ctx, action as Exclude<AdminAction, 'reseed'>, body);
      } catch (e) {
        if (e instanceof ZodError || e instanceof SyntaxError) return reply.status(400).send(envelope('VALIDATION_FAILED', e.message, null, req.id));
        throw e;
      }
    });
  };
}
