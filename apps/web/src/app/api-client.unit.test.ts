import { describe, expect, it } from 'vitest';
import { okSchema } from '@uplift/contract';
import { ApiError, createApi, fileNameFromDisposition, isAuthError, readCookie, type UploadProgress } from './api-client.ts';

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

  it('sends PUT with the CSRF header and a JSON body', async () => {
    const { api, calls } = fakeApi(() => json(200, { ok: true }), 'uplift_csrf=tok-3');
    await api.put('/api/performance/rules/r-1', okSchema, { name: 'x' });
    expect(calls[0]?.init.method).toBe('PUT');
    expect(header(calls[0], 'x-csrf-token')).toBe('tok-3');
    expect(header(calls[0], 'content-type')).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"name":"x"}');
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

describe('fileNameFromDisposition', () => {
  it('prefers the RFC 5987 name, falls back to the plain one', () => {
    expect(fileNameFromDisposition(`attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('员工导入模板.xlsx')}`)).toBe('员工导入模板.xlsx');
    expect(fileNameFromDisposition('attachment; filename="errors.xlsx"')).toBe('errors.xlsx');
    expect(fileNameFromDisposition('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A; filename=\"ok.xlsx\"")).toBe('ok.xlsx');
    expect(fileNameFromDisposition('inline')).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});

/** Just enough of XMLHttpRequest for createApi's upload: records what was sent, answers on demand. */
class FakeXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  withCredentials = false;
  status = 0;
  responseText = '';
  aborted = false;
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  getResponseHeader(k: string) {
    return this.responseHeaders[k] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.();
  }
}

describe('upload and download', () => {
  function xhrApi(cookies = 'uplift_csrf=tok-9') {
    const made: FakeXhr[] = [];
    const api = createApi({
      fetch: () => Promise.reject(new Error('not used')),
      cookies: () => cookies,
      xhr: () => {
        const x = new FakeXhr();
        made.push(x);
        return x as unknown as XMLHttpRequest;
      },
    });
    return { api, made };
  }

  it('posts the form through XHR with the CSRF header and reports progress', async () => {
    const { api, made } = xhrApi();
    const seen: UploadProgress[] = [];
    const form = new FormData();
    form.append('type', 'employees');
    const done = api.upload('/api/imports', okSchema, form, { onProgress: (p) => seen.push(p) });
    const xhr = made[0];
    if (!xhr) throw new Error('no request was made');
    expect([xhr.method, xhr.url, xhr.headers['x-csrf-token'], xhr.body]).toEqual(['POST', '/api/imports', 'tok-9', form]);
    xhr.upload.onprogress?.({ loaded: 50, total: 100, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 70, total: 0, lengthComputable: false });
    xhr.answer(201, { ok: true });
    await expect(done).resolves.toEqual({ ok: true });
    expect(seen).toEqual([{ loaded: 50, total: 100 }, { loaded: 70, total: null }]);
  });

  it('turns a refused upload into an ApiError with its details, and a cancel into an AbortError', async () => {
    const { api, made } = xhrApi();
    const refused = api.upload('/api/imports', okSchema, new FormData()).catch((e: unknown) => e);
    made[0]?.answer(400, { error: { code: 'VALIDATION_FAILED', message: '缺少必填列：工号', details: { importError: 'MISSING_COLUMNS', headers: ['编号'] }, requestId: 'req-7' } });
    const err = (await refused) as ApiError;
    expect([err.code, err.status, err.message, err.requestId]).toEqual(['VALIDATION_FAILED', 400, '缺少必填列：工号', 'req-7']);
    expect(err.details).toEqual({ importError: 'MISSING_COLUMNS', headers: ['编号'] });

    const controller = new AbortController();
    const cancelled = api.upload('/api/imports', okSchema, new FormData(), { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(made[1]?.aborted).toBe(true);
    expect(((await cancelled) as DOMException).name).toBe('AbortError');

    const offline = api.upload('/api/imports', okSchema, new FormData()).catch((e: unknown) => e);
    made[2]?.onerror?.();
    expect(((await offline) as ApiError).code).toBe('NETWORK');
  });

  it('downloads a file with the name the server gave it, and reports a refused download', async () => {
    const { api, calls } = fakeApi((c) =>
      c.url.includes('forbidden')
        ? json(403, { error: { code: 'FORBIDDEN', message: '没有权限', details: null, requestId: 'r' } })
        : new Response('PK', { status: 200, headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('员工模板.xlsx')}` } }),
    );
    const file = await api.download('/api/imports/types/employees/template', { lang: 'zh-CN' });
    expect(calls[0]?.url).toBe('/api/imports/types/employees/template?lang=zh-CN');
    expect(file.fileName).toBe('员工模板.xlsx');
    expect(await file.blob.text()).toBe('PK');
    const err = (await api.download('/api/forbidden').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('FORBIDDEN');
  });
});
