import { z } from 'zod';
import type { Clock } from '../../lib/clock.ts';
import { ERRCODE, WeComApiError, WeComProtocolError } from './wecom.errors.ts';

/** Which secret a call's token comes from (SPEC §1.1): the app's own, or the 通讯录同步 secret. */
export type TokenScope = 'app' | 'contact';

export type WecomHttpDeps = {
  /** Resolved per call: in simulator mode the server's own address is known only once it listens. */
  baseUrl: () => string;
  corpId: string;
  secrets: { app: string; contact: string | null };
  clock: Clock;
  /** Waits between retries; tests inject one that returns at once and records the delays. */
  sleep: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
};

type Query = Record<string, string | number | undefined>;
export type CallOptions = { scope?: TokenScope; query?: Query; body?: unknown };

const envelope = z.object({ errcode: z.number().int(), errmsg: z.string() });
const tokenResponse = z.object({ access_token: z.string().min(1).max(512), expires_in: z.number().int().positive() });

/** Refresh this long before the token's end (SPEC §2 recommendation). */
export const REFRESH_MARGIN_MS = 300_000;
const BUSY_RETRIES = 3;
const FREQ_RETRIES = 2;
const BUSY_DELAY_MS = 200;
const FREQ_DELAY_MS = 2_000;

type CachedToken = { token: string; refreshAt: number };

/**
 * The transport under the typed client: adds `access_token` to the query (the only place
 * WeCom reads it), decides on `errcode` alone, caches one token per secret with single-flight
 * refresh, drops and refetches once on 40014/42001, retries −1 with backoff and backs off on
 * 45009/45033. Every failure is a typed error naming the path, never the token.
 */
export function createWecomHttp(deps: WecomHttpDeps) {
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const cache = new Map<TokenScope, CachedToken>();
  const inflight = new Map<TokenScope, Promise<string>>();
  let tokenFetches = 0;

  function secretOf(scope: TokenScope): string {
    // without a contact secret, contact reads use the app's token (visibility range applies)
    return scope === 'contact' ? (deps.secrets.contact ?? deps.secrets.app) : deps.secrets.app;
  }
  const keyOf = (scope: TokenScope): TokenScope => (scope === 'contact' && deps.secrets.contact === null ? 'app' : scope);

  async function raw(method: 'GET' | 'POST', path: string, query: Query, body: unknown): Promise<{ errcode: number; errmsg: string; json: unknown }> {
    const url = new URL(`${deps.baseUrl()}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new WeComProtocolError(path, `request failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await res.text();
    if (res.status !== 200) throw new WeComProtocolError(path, `HTTP ${res.status}`, res.status);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WeComProtocolError(path, 'response is not JSON', res.status);
    }
    const env = envelope.safeParse(json);
    if (!env.success) throw new WeComProtocolError(path, 'response has no errcode/errmsg envelope', res.status);
    return { ...env.data, json };
  }

  /** Runs `attempt` again on −1 (busy) and 45009/45033 (frequency), with growing waits. */
  async function withBackoff<T>(attempt: () => Promise<T>): Promise<T> {
    let busy = 0;
    let freq = 0;
    for (;;) {
      try {
        return await attempt();
      } catch (e) {
        if (!(e instanceof WeComApiError)) throw e;
        if (e.errcode === ERRCODE.busy && busy < BUSY_RETRIES) {
          await deps.sleep(BUSY_DELAY_MS * 2 ** busy++);
          continue;
        }
        if ((e.errcode === ERRCODE.freqOutOfLimit || e.errcode === ERRCODE.concurrencyOutOfLimit) && freq < FREQ_RETRIES) {
          await deps.sleep(FREQ_DELAY_MS * 2 ** freq++);
          continue;
        }
        throw e;
      }
    }
  }

  async function fetchToken(scope: TokenScope): Promise<string> {
    const path = '/cgi-bin/gettoken';
    return withBackoff(async () => {
      tokenFetches++;
      const r = await raw('GET', path, { corpid: deps.corpId, corpsecret: secretOf(scope) }, undefined);
      if (r.errcode !== 0) throw new WeComApiError(r.errcode, r.errmsg, path);
      const t = tokenResponse.safeParse(r.json);
      if (!t.success) throw new WeComProtocolError(path, 'gettoken answered without access_token/expires_in');
      // a token handed out again late in its life (SPEC §2, UNCONFIRMED) keeps at least half of
      // what is left, so the last minutes do not turn into a gettoken per call
      const lifeMs = t.data.expires_in * 1000;
      cache.set(keyOf(scope), { token: t.data.access_token, refreshAt: deps.clock.now().getTime() + lifeMs - Math.min(REFRESH_MARGIN_MS, lifeMs / 2) });
      return t.data.access_token;
    });
  }

  /** The cached token, refreshed ahead of expiry; concurrent callers share one gettoken. */
  async function token(scope: TokenScope): Promise<string> {
    const key = keyOf(scope);
    const cached = cache.get(key);
    if (cached && deps.clock.now().getTime() < cached.refreshAt) return cached.token;
    let pending = inflight.get(key);
    if (!pending) {
      pending = fetchToken(scope).finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    return pending;
  }

  /** Forgets a token WeCom rejected, unless a newer one already replaced it. */
  function drop(scope: TokenScope, rejected: string) {
    const key = keyOf(scope);
    if (cache.get(key)?.token === rejected) cache.delete(key);
  }

  /** One API call: validated response on errcode 0, WeComApiError otherwise. */
  async function call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, opts: CallOptions = {}): Promise<z.infer<S>> {
    const scope = opts.scope ?? 'app';
    let refreshed = false;
    return withBackoff(async () => {
      for (;;) {
        const t = await token(scope);
        const r = await raw(method, path, { ...opts.query, access_token: t }, opts.body);
        if ((r.errcode === ERRCODE.invalidAccessToken || r.errcode === ERRCODE.accessTokenExpired) && !refreshed) {
          refreshed = true;
          drop(scope, t);
          continue;
        }
        if (r.errcode !== 0) throw new WeComApiError(r.errcode, r.errmsg, path);
        const parsed = schema.safeParse(r.json);
        if (!parsed.success) throw new WeComProtocolError(path, `unexpected response shape: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        return parsed.data;
      }
    });
  }

  return {
    call,
    token,
    /** How many gettoken requests were made (for tests and metrics). */
    get tokenFetches() {
      return tokenFetches;
    },
  };
}

export type WecomHttp = ReturnType<typeof createWecomHttp>;
