import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { migrate, openPglite, openPostgres, type Database } from './db/client.ts';
import { lockDataDir } from './db/lock.ts';
import { buildApp, type App } from './http/app.ts';
import { createJobs, type Jobs } from './jobs/boss.ts';
import { JOB, platformJobs } from './jobs/definitions.ts';
import type { Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import { firstStart } from './seed/first-start.ts';
import { createServices, type Services } from './services.ts';
import { appMenu } from './integrations/wecom/wecom.menu.ts';

export const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type RunningServer = {
  app: App;
  url: string;
  database: Database;
  services: Services;
  jobs: Jobs;
  firstStart: { username: string; password: string; demoAccounts: Record<string, string> | null } | null;
  stop(): Promise<void>;
};

/** Opens the database named by the config: PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR/pg under a lock. */
export async function openDatabase(config: Config): Promise<{ database: Database; release(): void }> {
  if (config.databaseUrl) return { database: await openPostgres(config.databaseUrl), release: () => {} };
  const lock = lockDataDir(config.dataDir);
  try {
    return { database: await openPglite(path.join(config.dataDir, 'pg')), release: lock.release };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/** Boot: database → migrations → services → pg-boss → HTTP. `stop` reverses it gracefully. */
export async function startServer(opts: { config: Config; clock: Clock; log: Logger; listen?: boolean; webDist?: string | null }): Promise<RunningServer> {
  const { config, clock, log } = opts;
  const { database, release } = await openDatabase(config);
  try {
    await migrate(database);
    const services = createServices({ config, database, clock, log, wecomChannel: true });
    const created = await firstStart({ db: database.db, clock, services, demo: config.demo, timeZone: config.businessTimeZone });
    // an import cut off by a crash or kill never committed its merge: show it as failed
    await services.imports.recoverInterrupted({ all: database.kind === 'pglite' });
    const jobs = createJobs({ database, databaseUrl: config.databaseUrl, definitions: platformJobs({ config, database, services, log }), timeZone: config.businessTimeZone, log });
    await jobs.start();
    const kick = (job: string) => jobs.send(job, {}, { singletonKey: 'drain', singletonSeconds: 1 }).catch((err: unknown) => log.warn({ err, job }, 'could not enqueue delivery'));
    // more often than the cron's minute, when asked: one queued tick at a time
    const ticker = config.tickSeconds
      ? setInterval(() => void jobs.send(JOB.tick, {}, { singletonKey: 'tick', singletonSeconds: config.tickSeconds! }).catch((err: unknown) => log.warn({ err }, 'could not enqueue the tick')), config.tickSeconds * 1000)
      : null;
    ticker?.unref();
    const kickDelivery = async () => {
      await Promise.all([kick(JOB.deliverNotifications), kick(JOB.deliverWebhooks)]);
    };
    const app = await buildApp({ config, database, clock, log, jobs, services, kickDelivery, webDist: opts.webDist === undefined ? defaultWebDist : opts.webDist });
    let url = '';
    if (opts.listen !== false) {
      url = await app.listen({ port: config.port, host: config.host });
      services.wecom.setSelfUrl(app.server.address() as AddressInfo);
      // the app's menu opens Uplift's pages inside WeCom (skipped where links have no public address)
      const base = services.wecom.linkBase();
      if (base) void services.wecom.client.createMenu(appMenu(base)).catch((err: unknown) => log.warn({ err }, 'could not set the WeCom app menu'));
    }
    if (created) void kickDelivery();
    let stopping: Promise<void> | null = null;
    return {
      app,
      url,
      database,
      services,
      jobs,
      firstStart: created,
      stop: () =>
        (stopping ??= (async () => {
          // stop accepting and wait for in-flight requests; keep-alive sockets that finish a
          // response during the wait are closed as soon as they go idle, not at their timeout
          if (ticker) clearInterval(ticker);
          const idle = setInterval(() => app.server.closeIdleConnections(), 50);
          await app.close().finally(() => clearInterval(idle));
          await services.imports.stop();
          await jobs.stop();
          await database.close();
          release();
        })()),
    };
  } catch (e) {
    await database.close().catch(() => {});
    release();
    throw e;
  }
}
