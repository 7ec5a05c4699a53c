import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Database } from '../db/client.ts';
import type { Logger } from '../lib/logger.ts';

/** A job: its name, payload schema, optional cron, and an idempotent handler (pg-boss retries). */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  /** 5-field cron in the business time zone; the job is scheduled once per cluster. */
  cron?: string;
  retryLimit?: number;
  handler(payload: z.infer<S>): Promise<void>;
};

export type Jobs = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Enqueue a job. Never inside a database transaction: PGlite has one connection. */
  send(name: string, payload?: object, options?: { singletonKey?: string; singletonSeconds?: number }): Promise<void>;
  healthy(): Promise<boolean>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

/** Starts pg-boss 10 on either driver: PGlite through `executeSql`, PostgreSQL through its own pool. */
export function createJobs(options: {
  database: Database;
  databaseUrl: string | null;
  definitions: JobDefinition[];
  timeZone: string;
  log: Logger;
  /** Workers off: the node only enqueues (tests that drive handlers directly). */
  work?: boolean;
}): Jobs {
  const { database, definitions, log } = options;
  const common = { schema: 'pgboss', maintenanceIntervalSeconds: 120 };
  const boss =
    database.kind === 'pglite' || !options.databaseUrl
      ? new PgBoss({ ...common, db: { executeSql: database.executeSql } })
      : new PgBoss({ ...common, connectionString: options.databaseUrl, max: 4, application_name: 'uplift-jobs' });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  const byName = new Map(definitions.map((d) => [d.name, d]));
  let started = false;

  return {
    async start() {
      await boss.start();
      for (const def of definitions) {
        await boss.createQueue(def.name, { name: def.name, retryLimit: def.retryLimit ?? 5, retryBackoff: true, retryDelay: 5 });
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: options.timeZone });
        if (options.work !== false) {
          await boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async (jobs) => {
            for (const job of jobs) {
              const parsed = def.payload.safeParse(job.data ?? {});
              if (!parsed.success) {
                log.error({ job: def.name, id: job.id, issues: parsed.error.issues }, 'job payload rejected');
                continue;
              }
              await def.handler(parsed.data);
            }
          });
        }
      }
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
    async send(name, payload = {}, opts = {}) {
      const def = byName.get(name);
      if (!def) throw new Error(`unknown job ${name}`);
      await boss.send(name, payload, opts);
    },
    async healthy() {
      if (!started) return false;
      try {
        await database.executeSql('select count(*) from pgboss.version');
        return true;
      } catch {
        return false;
      }
    },
  };
}
