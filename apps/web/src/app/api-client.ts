import { errorCodes, type ErrorCode, type FieldIssue } from '@uplift/contract';

/** Anything that can check an unknown response body and type it: the contract's zod schemas. */
export type Parser<T> = { parse(data: unknown): T };

const CSRF_COOKIE = 'uplift_csrf';
const CSRF_HEADER = 'x-csrf-token';

/** A failed API call, carrying the server's error envelope (or NETWORK when there was none). */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK';
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | null;

  constructor(init: { code: ErrorCode | 'NETWORK'; status: number; message: string; details: unknown; requestId: string | null }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
  }

  /** Field problems from a validation failure (`details.issues`), else none. */
  get issues(): FieldIssue[] {
    const d = this.details;
    if (typeof d !== 'object' || d === null || !('issues' in d) || !Array.isArray(d.issues)) return [];
    return d.issues.filter((i): i is FieldIssue => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string');
  }

  /** `details.retryAfterSeconds` of a RATE_LIMITED answer, else null. */
  get retryAfterSeconds(): number | null {
    const d = this.details;
    if (typeof d === 'object' && d !== null && 'retryAfterSeconds' in d && typeof d.retryAfterSeconds === 'number') return d.retryAfterSeconds;
    return null;
  }
}

/** True when the error means "not signed in (any more)": the UI goes to the login page. */
export function isAuthError(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED');
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Bytes sent so far of an upload; total is null when the browser cannot tell. */
export type UploadProgress = { loaded: number; total: number | null };

/** A file the server sent: its bytes and the name from Content-Disposition (null without one). */
export type Download = { blob: Blob; fileName: string | null };

export type Api = {
  get<T>(path: string, parser: Parser<T>, query?: Query): Promise<T>;
  post<T>(path: string, parser: Parser<T>, body?: unknown): Promise<T>;
  patch<T>(path: string, parser: Parser<T>, body?: unknown): Promise<T>;
  put<T>(path: string, parser: Parser<T>, body?: unknown): Promise<T>;
  delete<T>(path: string, parser: Parser<T>): Promise<T>;
  /** Posts a multipart form, reporting how much of it has been sent (big files take a while). */
  upload<T>(path: string, parser: Parser<T>, form: FormData, opts?: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal }): Promise<T>;
  /** Fetches a file (a template, an error report); failures are ApiErrors like any call. */
  download(path: string, query?: Query): Promise<Download>;
  /** Remembers the CSRF token of the current session, for when the cookie cannot be read. */
  setCsrfToken(token: string | null): void;
};

/** Reads one cookie from a `document.cookie` string. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

const knownCodes = new Set<string>(errorCodes);

/**
 * The file name of a Content-Disposition header: RFC 5987 `filename*=UTF-8''…` (how non-ASCII
 * names such as 员工导入模板.xlsx arrive) wins over a plain `filename="…"`.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // a malformed escape: try the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] ?? plain?.[1]?.trim();
  return name ? name : null;
}

async function toApiError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('x-request-id');
  const body: unknown = await res.json().catch(() => null);
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null) {
    const e = body.error as Record<string, unknown>;
    if (typeof e.code === 'string' && knownCodes.has(e.code)) {
      return new ApiError({
        code: e.code as ErrorCode,
        status: res.status,
        message: typeof e.message === 'string' ? e.message : res.statusText,
        details: e.details ?? null,
        requestId: typeof e.requestId === 'string' ? e.requestId : requestId,
      });
    }
  }
  return new ApiError({ code: res.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED', status: res.status, message: `HTTP ${res.status}`, details: null, requestId });
}

/**
 * The JSON API client: same-origin cookies, the CSRF header on writes, the error envelope turned
 * into ApiError, and every response checked against the contract schema it should match.
 */
export function createApi(deps: { fetch: typeof fetch; cookies: () => string; xhr?: () => XMLHttpRequest }): Api {
  let csrfFallback: string | null = null;

  const networkError = (cause: unknown) =>
    new ApiError({ code: 'NETWORK', status: 0, message: cause instanceof Error ? cause.message : String(cause), details: null, requestId: null });

  function writeHeaders(): Record<string, string> {
    const csrf = readCookie(deps.cookies(), CSRF_COOKIE) ?? csrfFallback;
    return csrf ? { [CSRF_HEADER]: csrf } : {};
  }

  async function send(path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await deps.fetch(path, { credentials: 'same-origin', ...init });
    } catch (cause) {
      throw networkError(cause);
    }
    if (!res.ok) throw await toApiError(res);
    return res;
  }

  async function request<T>(method: string, path: string, parser: Parser<T>, body: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...(method !== 'GET' ? writeHeaders() : {}) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await send(path, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
    return parser.parse(await res.json());
  }

  // fetch cannot report upload progress, so uploads go through XMLHttpRequest when there is one
  function xhrUpload(make: () => XMLHttpRequest, path: string, form: FormData, opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal }): Promise<Response> {
    return new Promise((resolve, reject) => {
      const xhr = make();
      xhr.open('POST', path);
      xhr.withCredentials = true;
      xhr.setRequestHeader('accept', 'application/json');
      for (const [k, v] of Object.entries(writeHeaders())) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
      xhr.onload = () => {
        const requestId = xhr.getResponseHeader('x-request-id');
        resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers: requestId ? { 'x-request-id': requestId } : {} }));
      };
      xhr.onerror = () => reject(networkError(new Error('upload failed')));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(form);
    });
  }

  async function upload<T>(path: string, parser: Parser<T>, form: FormData, opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {}): Promise<T> {
    if (!deps.xhr) {
      const res = await send(path, { method: 'POST', headers: { accept: 'application/json', ...writeHeaders() }, body: form, signal: opts.signal ?? null });
      return parser.parse(await res.json());
    }
    const res = await xhrUpload(deps.xhr, path, form, opts);
    if (!res.ok) throw await toApiError(res);
    return parser.parse(await res.json());
  }

  return {
    get: (path, parser, query) => request('GET', withQuery(path, query), parser, undefined),
    post: (path, parser, body) => request('POST', path, parser, body ?? {}),
    patch: (path, parser, body) => request('PATCH', path, parser, body ?? {}),
    put: (path, parser, body) => request('PUT', path, parser, body ?? {}),
    delete: (path, parser) => request('DELETE', path, parser, undefined),
    upload,
    download: async (path, query) => {
      const res = await send(withQuery(path, query), { method: 'GET' });
      return { blob: await res.blob(), fileName: fileNameFromDisposition(res.headers.get('content-disposition')) };
    },
    setCsrfToken: (token) => {
      csrfFallback = token;
    },
  };
}
