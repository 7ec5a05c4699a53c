// Part of npm run bench: the people list under scope at group scale (BENCH_EMPLOYEES, default
// 100,000) on the embedded database (or PostgreSQL with BENCH_DATABASE_URL).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { migrate, openPglite, openPostgres } from '../apps/server/src/db/client.ts';
import { users } from '../apps/server/src/db/schema/index.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { manualClock } from '../apps/server/src/lib/clock.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { createServices } from '../apps/server/src/services.ts';
import { loadDemoGroup } from '../apps/server/src/seed/demo-group.ts';
import { loadAccess } from '../apps/server/src/modules/access/access.ts';
import { hashPassword } from '../apps/server/src/modules/auth/password.ts';
import { scratchPostgres } from './support/scratch-db.ts';

const N = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-bench-people-'));
const scratch = process.env.BENCH_DATABASE_URL ? await scratchPostgres(process.env.BENCH_DATABASE_URL, 'people') : null;
const database = scratch ? await openPostgres(scratch.url) : await openPglite(path.join(dir, 'pg'));
await migrate(database);
const clock = manualClock();
const config = loadConfig({ UPLIFT_SECRET: 'bench-secret-0123456789-0123456789-abc', DATA_DIR: dir, LOG_LEVEL: 'silent' });
const services = createServices({ config, database, clock, log: createLogger('silent') });
const { db } = database;
console.log(`\nPeople at scale on ${database.kind}: ${N} employees\n`);

let t0 = performance.now();
const passwordHash = await hashPassword('Uplift#2026');
await db.transaction((tx) => loadDemoGroup(tx, { clock, crypto: services.fieldCrypto, passwordHash, employees: N }));
console.log(`${'load demo group (one transaction)'.padEnd(48)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms`);

async function actorOf(username: string) {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return loadAccess(db, { ...services.auth.toMe(u!), sessionId: '', csrfToken: '' });
}

for (const who of ['hr', 'hrhead', 'hrbp', 'manager']) {
  const access = await actorOf(who);
  const runs = 20;
  t0 = performance.now();
  let page = await services.people.list(access, { sort: 'employeeNo', limit: 50 });
  for (let i = 1; i < runs; i++) page = await services.people.list(access, { sort: 'employeeNo', limit: 50 });
  const first = (performance.now() - t0) / runs;
  // walk 20 pages deep with the keyset cursor
  t0 = performance.now();
  let cursor = (await services.people.list(access, { sort: 'name', limit: 50 })).nextCursor;
  for (let i = 0; i < 20 && cursor; i++) cursor = (await services.people.list(access, { sort: 'name', limit: 50, cursor })).nextCursor;
  const deep = (performance.now() - t0) / 20;
  t0 = performance.now();
  await services.people.list(access, { sort: 'employeeNo', limit: 50, q: '王' });
  const text = performance.now() - t0;
  console.log(`${`people list as ${who} (total ${page.total})`.padEnd(48)} first page ${first.toFixed(1)} ms · next pages ${deep.toFixed(1)} ms · text search ${text.toFixed(0)} ms`);
}
const hr = await actorOf('hr');
t0 = performance.now();
const tree = await services.org.tree(hr);
console.log(`${`org tree with head counts (${tree.length} units)`.padEnd(48)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms`);

await database.close();
await scratch?.drop();
rmSync(dir, { recursive: true, force: true });
