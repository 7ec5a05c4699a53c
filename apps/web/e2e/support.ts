import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { spawnServer, type SpawnedServer } from '../../server/test/support/spawn-server.ts';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Screenshots land here (gitignored) so a person can look at them. */
export const shotsDir = path.join(webDir, '.tmp');

export const ADMIN = { username: 'admin', password: 'Uplift#2026' } as const;

/** The real server on a fresh data directory with demo data; `stop()` kills it and removes the data. */
export async function startServer(env: Record<string, string> = {}): Promise<{ server: SpawnedServer; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'uplift-e2e-'));
  // due work (an evaluation pushed, a reminder) every 5 s rather than each minute: journeys wait less
  const server = await spawnServer({ DATA_DIR: dataDir, UPLIFT_DEMO: 'true', TICK_SECONDS: '5', ...env });
  return {
    server,
    stop: async () => {
      if (process.env.E2E_SERVER_LOG) console.log(server.output());
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium from the system package. */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(shotsDir, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export function byTestId(page: Page, id: string): Locator {
  return page.locator(`[data-testid="${id}"]`);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** Fills and submits the login form (the page must be on /login). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(password);
  await byTestId(page, 'login-submit').click();
}

/** document.documentElement.scrollWidth: more than the viewport means sideways scrolling. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** If the running test fails, keeps a screenshot of `page` as `.tmp/failed-<name>.png`. */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(async () => {
    await shot(page, `failed-${name}`).catch(() => undefined);
  });
}

/** A signed-in API session for setting up data: cookies and the CSRF token kept between calls. */
export type ApiSession = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
};

/** Signs in through the API (no browser), for arranging what a journey needs. */
export async function apiSignIn(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const cookies = new Map<string, string>();
  let csrf = '';
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json', cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (csrf) headers['x-csrf-token'] = csrf;
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
    keep(res);
    const data: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(data)}`);
    if (typeof data === 'object' && data !== null && 'csrfToken' in data && typeof data.csrfToken === 'string') csrf = data.csrfToken;
    return data as T;
  };
  await call('POST', '/api/auth/login', { username, password });
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body), put: (path, body) => call('PUT', path, body) };
}

/**
 * The real server and a browser for the enclosing describe block, started before its tests and
 * stopped after them. Read `server` and `browser` inside tests and hooks, not at collection time.
 */
export function serverAndBrowser(env: Record<string, string> = {}): { readonly server: SpawnedServer; readonly browser: Browser } {
  let running: { server: SpawnedServer; stop(): Promise<void> } | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    running = await startServer(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });
  return {
    get server() {
      if (!running) throw new Error('the server starts in beforeAll');
      return running.server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
  };
}

/** The WeCom in-app browser on a phone (its user agent says wxwork/…). */
const WECOM_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh ColorScheme/Light';

/**
 * A new phone inside WeCom (Chinese, 375 px, plus `opts`) held by `account`'s member of the
 * simulator: the simulator's OAuth page signs in whoever holds the phone, so opening a page of
 * the app there signs them in with no password. Their userid is their employee number.
 */
export async function openInWecom(browser: Browser, baseUrl: string, account: ApiSession, opts: BrowserContextOptions = {}): Promise<Page> {
  const me = await account.get<{ user: { employeeId: string } }>('/api/auth/me');
  const person = await account.get<{ employeeNo: string }>(`/api/people/${me.user.employeeId}`);
  return openInWecomAs(browser, baseUrl, person.employeeNo, opts);
}

/** The WeCom in-app browser on a phone held by the member whose employee number is `employeeNo` (their WeCom userid, lower-cased). */
export async function openInWecomAs(browser: Browser, baseUrl: string, employeeNo: string, opts: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', userAgent: WECOM_UA, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, ...opts });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/wecom-sim/phone?userid=${encodeURIComponent(employeeNo.toLowerCase())}`);
  return page;
}

/** A new browser context (Chinese, plus `opts`) signed in through the form, on the inbox. */
export async function openSignedIn(browser: Browser, baseUrl: string, user: { username: string; password: string }, opts: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', ...opts });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await signIn(page, user.username, user.password);
  await page.waitForURL('**/inbox');
  return page;
}
