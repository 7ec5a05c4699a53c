import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { envelope } from '../../http/errors.ts';
import type { AppDeps } from '../../http/app.ts';
import { CRYPTO_ERROR, WeComCryptoError } from '../../integrations/wecom/wecom.errors.ts';
import { SESSION_COOKIE, requestMeta, setSessionCookies } from '../../http/session.ts';
import { constantTimeEqual } from '../../integrations/wecom/wecom.crypto.ts';
import { AppError } from '../../lib/errors.ts';
import { wecomSignInFailureSchema, type WecomSignInFailure } from '@uplift/contract';
import { safeNext } from './wecom-signin.service.ts';

const STATE_COOKIE = 'uplift_wecom_oauth';
const oauthStart = z.object({ next: z.string().max(2048).optional(), via: z.enum(['client', 'qr']).optional() });
const oauthCallback = z.object({ code: z.string().min(1).max(512), state: z.string().min(1).max(128) });

const signed = z.object({ msg_signature: z.string().min(1).max(128), timestamp: z.string().min(1).max(32), nonce: z.string().min(1).max(128) });
const verify = signed.extend({ echostr: z.string().min(1).max(4096) });

// signature, timestamp and corp id failures say "not from WeCom"; the rest are malformed input
const UNAUTHENTIC = new Set<number>([CRYPTO_ERROR.validateSignature, CRYPTO_ERROR.timestamp, CRYPTO_ERROR.validateCorpId]);

function reject(req: FastifyRequest, reply: FastifyReply, e: unknown) {
  if (!(e instanceof WeComCryptoError)) throw e;
  req.log.warn({ code: e.code, reason: e.message }, 'wecom callback rejected');
  if (e.code === CRYPTO_ERROR.illegalAesKey) return reply.status(503).send(envelope('UNAVAILABLE', '企业微信回调未配置（WECOM_TOKEN、WECOM_AES_KEY）', null, req.id));
  if (UNAUTHENTIC.has(e.code)) return reply.status(401).send(envelope('UNAUTHENTICATED', `回调校验失败（${e.code}）：${e.message}`, { wecomCode: e.code }, req.id));
  return reply.status(400).send(envelope('VALIDATION_FAILED', `回调内容无效（${e.code}）：${e.message}`, { wecomCode: e.code }, req.id));
}

/**
 * WeCom's callback URL, outside the session scope (no cookie, no CSRF; the signature is the
 * authentication). GET answers the URL check with the bare echo; POST takes encrypted XML.
 */
export function wecomRoutes(deps: AppDeps) {
  const callbacks = deps.services.wecom.callbacks;
  return async (app: FastifyInstance) => {
    // XML (or anything) arrives as text, at most 256 KB: WeCom's pushes are small
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body));

    // sign-in inside WeCom: start → WeCom's authorize page → callback with a one-time code
    app.get('/oauth/start', { schema: { tags: ['wecom'], summary: 'Sign in inside WeCom: redirect to OAuth' } }, async (req, reply) => {
      const q = oauthStart.safeParse(req.query).data;
      let started;
      try {
        started = deps.services.wecomSignIn.start(`${req.protocol}://${req.host}`, q?.via ?? 'client');
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        // not set up for a real corp (PUBLIC_URL): the person is told on the sign-in page, the operator in the log
        req.log.warn({ code: e.code, reason: e.message }, 'wecom sign-in unavailable');
        return reply.redirect('/login?wecom=unavailable', 302);
      }
      const { url, state } = started;
      const next = safeNext(q?.next);
      // the state binds the code to this browser (login CSRF); the return path rides along
      void reply.setCookie(STATE_COOKIE, `${state}.${Buffer.from(next).toString('base64url')}`, { path: '/api/wecom/oauth', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, maxAge: 600 });
      return reply.redirect(url, 302);
    });

    // a browser navigation, not an API call: a refusal goes back to the sign-in page with a reason it
    // explains in the reader's language (never a JSON body, never text taken from the address)
    app.get('/oauth/callback', { schema: { tags: ['wecom'], summary: 'Sign in inside WeCom: the OAuth code becomes a session, or /login?wecom=<reason>' } }, async (req, reply) => {
      const refused = (reason: WecomSignInFailure) => reply.redirect(`/login?wecom=${reason}`, 302);
      const q = oauthCallback.safeParse(req.query);
      // no code: the member cancelled the authorisation
      if (!q.success) return refused('cancelled');
      const [state, nextB64] = (req.cookies[STATE_COOKIE] ?? '').split('.');
      // the state binds the code to this browser (login CSRF); it also lapses after ten minutes
      if (!state || !constantTimeEqual(state, q.data.state)) return refused('state');
      void reply.clearCookie(STATE_COOKIE, { path: '/api/wecom/oauth' });
      let s;
      try {
        s = await deps.services.wecomSignIn.finish(q.data.code, requestMeta(req), req.cookies[SESSION_COOKIE] ?? null);
      } catch (e) {
        if (e instanceof AppError) {
          req.log.info({ code: e.code, reason: e.message }, 'wecom sign-in refused');
          const reason = wecomSignInFailureSchema.safeParse((e.details as { reason?: unknown } | null)?.reason);
          return refused(reason.success ? reason.data : 'no_account');
        }
        req.log.error({ err: e }, 'wecom sign-in failed');
        return refused('unavailable');
      }
      setSessionCookies(reply, s, { secure: deps.config.cookieSecure, maxAgeSeconds: deps.config.session.absoluteHours * 3600 });
      return reply.redirect(safeNext(Buffer.from(nextB64 ?? '', 'base64url').toString('utf8')), 302);
    });

    app.get('/callback', { schema: { tags: ['wecom'], summary: 'WeCom callback URL verification (echostr)', hide: true } }, async (req, reply) => {
      const q = verify.safeParse(req.query);
      if (!q.success) return reply.status(400).send(envelope('VALIDATION_FAILED', 'msg_signature, timestamp, nonce, echostr are required', null, req.id));
      try {
        const echo = callbacks.verifyUrl({ msgSignature: q.data.msg_signature, timestamp: q.data.timestamp, nonce: q.data.nonce, echostr: q.data.echostr });
        // exactly the plaintext: no quotes, no newline (SPEC §7.1)
        return reply.type('text/plain; charset=utf-8').send(echo);
      } catch (e) {
        return reject(req, reply, e);
      }
    });

    app.post('/callback', { schema: { tags: ['wecom'], summary: 'WeCom encrypted event push', hide: true } }, async (req, reply) => {
      const q = signed.safeParse(req.query);
      if (!q.success) return reply.status(400).send(envelope('VALIDATION_FAILED', 'msg_signature, timestamp, nonce are required', null, req.id));
      if (typeof req.body !== 'string' || req.body.length === 0) return reply.status(400).send(envelope('VALIDATION_FAILED', 'empty body', null, req.id));
      try {
        const out = await callbacks.receive({ msgSignature: q.data.msg_signature, timestamp: q.data.timestamp, nonce: q.data.nonce }, req.body);
        if (out.status === 'duplicate') req.log.info({ event: out.event.event ?? out.event.msgType }, 'wecom callback repeated: already processed');
        // a card click is carried out now, within WeCom's 5 s (the drain takes it should this fail), and what it set off is delivered
        else if (out.event.event === 'template_card_event') {
          await deps.services.wecomCards.drain().catch((err: unknown) => req.log.error({ err }, 'card click not carried out yet: the drain retries'));
          void deps.kickDelivery();
        }
        return reply.type(out.reply ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8').send(out.reply);
      } catch (e) {
        return reject(req, reply, e);
      }
    });
  };
}
