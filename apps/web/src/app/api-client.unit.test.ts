import { describe, expect, it } from 'vitest';
import { okSchema } from '@uplift/contract';
import { ApiError, createApi, isAuthError, readCookie } from './api-client.ts';

type Call = { url: string; init: RequestInit };

function fakeApi(respond: (call: Call) => Response, cookies = '') {
  const calls: Call[] = [];
  const api = createApi({
    fetch: async (input, init) => {
      const call = { url: String(input), init: init ?? {} };
      calls.push(call);
      return respond(call);
    },
    cookies: () => cookies,
  });
  return { api, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const header = (call: Call | undefined, name: string) => new Headers(call?.init.headers).get(name);

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('a=1; uplift_csrf=abc%3D; b=2', 'uplift_csrf')).toBe('abc=');
    expect(readCookie('xuplift_csrf=1', 'uplift_csrf')).toBeNull();
    expect(readCookie('', 'uplift_csrf')).toBeNull();
  });
});

describe('createApi', () => {
  it('sends the CSRF cookie as x-csrf-token on writes, not on reads', async () => {
    const { api, calls } = fakeApi(() => json(200, { ok: true }), 'uplift_csrf=tok-1');
    await api.get('/api/x', okSchema, { limit: 20, cursor: undefined, unread: 'true' });
    await api.post('/api/y', okSchema, { a: 1 });
    expect(calls[0]?.url).toBe('/api/x?limit=20&unread=true');
    expect(header(calls[0], 'x-csrf-token')).toBeNull();
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(header(calls[1], 'x-csrf-token')).toBe('tok-1');
    expect(calls[1]?.init.body).toBe('{"a":1}');
  });

  it('sends DELETE with the CSRF header and without a body', async () => {
    const { api, calls } = fakeApi(() => json(200, { ok: true }), 'uplift_csrf=tok-2');
    await api.delete('/api/access/grants/g-1', okSchema);
    expect(calls[0]?.init.method).toBe('DELETE');
    expect(header(calls[0], 'x-csrf-token')).toBe('tok-2');
    expect(header(calls[0], 'content-type')).toBeNull();
    expect(calls[0]?.init.body).toBeNull();
  });

  it('falls back to the token of the last session when the cookie is unreadable', async () => {
    const { api, calls } = fakeApi(() => json(200, { ok: true }));
    api.setCsrfToken('from-me');
    await api.post('/api/auth/logout', okSchema);
    expect(header(calls[0], 'x-csrf-token')).toBe('from-me');
    expect(calls[0]?.init.body).toBe('{}');
  });

  it('turns the error envelope into an ApiError with field issues', async () => {
    const { api } = fakeApi(() =>
      json(400, { error: { code: 'VALIDATION_FAILED', message: 'body.newPassword: 太短', details: { issues: [{ path: 'body.newPassword', message: '太短' }] }, requestId: 'req-1' } }),
    );
    const err = await api.post('/api/auth/password', okSchema, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect([e.code, e.status, e.requestId, e.message]).toEqual(['VALIDATION_FAILED', 400, 'req-1', 'body.newPassword: 太短']);
    expect(e.issues).toEqual([{ path: 'body.newPassword', message: '太短' }]);
  });

  it('reads retryAfterSeconds of RATE_LIMITED and recognises the 401 codes', async () => {
    const { api } = fakeApi((c) =>
      c.url.includes('login')
        ? json(429, { error: { code: 'RATE_LIMITED', message: '稍后再试', details: { retryAfterSeconds: 900 }, requestId: 'r' } })
        : json(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期', details: null, requestId: 'r' } }),
    );
    const limited = (await api.post('/api/auth/login', okSchema, {}).catch((e: unknown) => e)) as ApiError;
    expect(limited.retryAfterSeconds).toBe(900);
    expect(isAuthError(limited)).toBe(false);
    const expired = await api.get('/api/auth/me', okSchema).catch((e: unknown) => e);
    expect(isAuthError(expired)).toBe(true);
  });

  it('reports an unreachable server as NETWORK and a non-envelope failure by status', async () => {
    const down = createApi({ fetch: () => Promise.reject(new TypeError('Failed to fetch')), cookies: () => '' });
    expect(((await down.get('/api/x', okSchema).catch((e: unknown) => e)) as ApiError).code).toBe('NETWORK');
    const { api } = fakeApi(() => new Response('<html>bad gateway</html>', { status: 502 }));
    const err = (await api.get('/api/x', okSchema).catch((e: unknown) => e)) as ApiError;
    expect([err.code, err.status]).toEqual(['INTERNAL', 502]);
  });

  it('rejects a response that does not match the contract', async () => {
    const { api } = fakeApi(() => json(200, { ok: 'yes' }));
    await expect(api.get('/api/x', okSchema)).rejects.toThrow();
  });
});
