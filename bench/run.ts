// npm run bench — prints throughput/latency figures of the platform's hot paths on the embedded
// database (or PostgreSQL with BENCH_DATABASE_URL). Figures, not assertions: compare across commits.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate, openPglite, openPostgres, queryRows } from '../apps/server/src/db/client.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { manualClock } from '../apps/server/src/lib/clock.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { createServices } from '../apps/server/src/services.ts';
import { users } from '../apps/server/src/db/schema/index.ts';
import { scratchPostgres } from './support/scratch-db.ts';

const N_USERS = Number(process.env.BENCH_USERS ?? 2000);
const N_NOTIFY = Number(process.env.BENCH_NOTIFICATIONS ?? 100_000);

async function time<T>(label: string, count: number, unit: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms   ${((count / ms) * 1000).toFixed(0).padStart(8)} ${unit}/s`);
  return r;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-bench-'));
const scratch = process.env.BENCH_DATABASE_URL ? await scratchPostgres(process.env.BENCH_DATABASE_URL, 'platform') : null;
const database = scratch ? await openPostgres(scratch.url) : await openPglite(path.join(dir, 'pg'));
console.log(`Uplift platform bench on ${database.kind}: ${N_USERS} accounts, ${N_NOTIFY} notifications\n`);
await migrate(database);
const clock = manualClock();
const config = loadConfig({ UPLIFT_SECRET: 'bench-secret-0123456789-0123456789-abc', DATA_DIR: dir, LOG_LEVEL: 'silent' });
const services = createServices({ config, database, clock, log: createLogger('silent') });
const { db } = database;
const ctx = { actorId: null, actorLabel: 'bench', requestId: null };

const ids = await time('insert accounts (set-based)', N_USERS, 'rows', async () => {
  const now = clock.now();
  const rows = Array.from({ length: N_USERS }, (_, i) => ({ username: `bench${i}`, displayName: `用户${i}`, passwordHash: null, createdAt: now, updatedAt: now }));
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await db.insert(users).values(rows.slice(i, i + 1000)).returning({ id: users.id });
    out.push(...r.map((x) => x.id));
  }
  return out;
});

await time('audit append, one transaction each', 1000, 'records', async () => {
  for (let i = 0; i < 1000; i++) await db.transaction((tx) => services.audit.append(tx, ctx, { action: 'bench.write', entityType: 'bench', entityId: String(i), after: { i } }));
});

const perBatch = Math.max(1, Math.floor(N_NOTIFY / ids.length));
await time(`notify() fan-out (${ids.length} recipients x ${perBatch})`, ids.length * perBatch, 'items', async () => {
  for (let b = 0; b < perBatch; b++) {
    clock.advance(1000);
    await db.transaction((tx) => services.notify.notify(tx, ctx, { recipients: ids, kind: 'bench', dedupeKey: `bench:${b}`, payload: { title: { 'zh-CN': `通知 ${b}` } } }));
  }
});

await time('deliver due outbox rows (in-app)', ids.length * perBatch, 'rows', () => services.notify.deliverDue(500));

const someone = ids[Math.floor(ids.length / 2)]!;
await time('inbox first page x200 (one user)', 200, 'pages', async () => {
  for (let i = 0; i < 200; i++) await services.notify.inbox(someone, { limit: 20, unreadOnly: false, before: null });
});
await time('unread count x200', 200, 'queries', async () => {
  for (let i = 0; i < 200; i++) await services.notify.unreadCount(someone);
});
const n = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`))[0]?.n ?? 0;
await time(`audit verify (${n} records)`, n, 'records', () => services.audit.verify(db));

await database.close();
await scratch?.drop();
rmSync(dir, { recursive: true, force: true });
