import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { createJobs, type Jobs } from '../../src/jobs/boss.ts';
import { JOB, platformJobs } from '../../src/jobs/definitions.ts';
import { manualClock, type ManualClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { Channel } from '../../src/modules/notify/notify.channels.ts';
import { firstStart } from '../../src/seed/first-start.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const ADMIN = { username: 'admin', password: 'Uplift#2026' } as const;

export type TestApp = {
  app: App;
  db: TestDatabase;
  clock: ManualClock;
  config: Config;
  services: Services;
  jobs: Jobs | null;
  /** Signs in and returns a client carrying the session cookie and the CSRF header. */
  login(username?: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
  /** With `wecom: true`: the listening address (the WeCom simulator and its callbacks go over HTTP). */
  url: string | null;
  /** Waits the code asked for (WeCom retries and backoff): recorded, and the manual clock moved instead of sleeping. */
  sleeps: number[];
};

export type Client = {
  cookie: string | null;
  csrf: string | null;
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
};

/**
 * The HTTP app on a fresh database with a manual clock, driven through `inject`. The admin
 * account exists (demo password). `jobs: true` starts pg-boss workers too.
 */
export async function createTestApp(opts: { jobs?: boolean; env?: Record<string, string>; channels?: Channel[]; demoGroup?: boolean; demoPerformance?: boolean; wecom?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = manualClock('2026-03-02T01:00:00.000Z');
  const config = loadConfig({ UPLIFT_SECRET: TEST_SECRET, DATA_DIR: db.dataDir, UPLIFT_DEMO: 'true', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '100000', ...opts.env });
  if (db.url) config.databaseUrl = db.url;
  const log = createLogger('silent');
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  // the WeCom channel only where a test runs the simulator over HTTP
  const services = createServices({ config, database: db.database, clock, log, sleep, wecomChannel: opts.wecom ?? false, ...(opts.channels && { extraChannels: opts.channels }) });
  // the demo group's performance data only on request: tests that bring their own cycles stay in control
  await firstStart({ db: db.database.db, clock, services, demo: true, demoGroup: opts.demoGroup ?? false, demoPerformance: opts.demoPerformance ?? false, timeZone: config.businessTimeZone });
  let jobs: Jobs | null = null;
  if (opts.jobs) {
    jobs = createJobs({ database: db.database, databaseUrl: db.url, definitions: platformJobs({ config, database: db.database, services, log }), timeZone: 'UTC', log });
    await jobs.start();
  }
  const j = jobs;
  const app = await buildApp({
    config,
    database: db.database,
    clock,
    log,
    jobs,
    services,
    webDist: null,
    kickDelivery: async () => {
      if (j) await j.send(JOB.deliverNotifications, {}, {});
    },
  });
  await app.ready();
  let url: string | null = null;
  if (opts.wecom) {
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    services.wecom.setSelfUrl(url);
  }

  const client = (cookie: string | null, csrf: string | null): Client => {
    const c: Client = {
      cookie,
      csrf,
      request: async (method, url, body, headers = {}) => {
        const res = await app.inject({
          method,
          url,
          headers: {
            ...(c.cookie ? { cookie: c.cookie } : {}),
            ...(c.csrf && method !== 'GET' ? { 'x-csrf-token': c.csrf } : {}),
            ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { payload: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
        });
        // follow rotations (login, password change) like a browser would
        const set = res.cookies.find((k) => k.name === 'uplift_sid');
        if (set) c.cookie = set.value ? `uplift_sid=${set.value}` : null;
        const csrfCookie = res.cookies.find((k) => k.name === 'uplift_csrf');
        if (csrfCookie) c.csrf = csrfCookie.value || null;
        return res;
      },
    };
    return c;
  };

  return {
    app,
    db,
    clock,
    config,
    services,
    jobs,
    url,
    sleeps,
    /** A fresh client with no cookies, each time. */
    get anonymous() {
      return client(null, null);
    },
    async login(username: string = ADMIN.username, password: string = ADMIN.password) {
      const c = client(null, null);
      const res = await c.request('POST', '/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return c;
    },
    async close() {
      await app.close();
      if (jobs) await jobs.stop();
      await db.destroy();
    },
  };
}

/** Polls `check` until it returns true (for work done by a real job worker), failing after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}
