// Part of npm run bench: the HTTP API at group scale, through the real server in its own process,
// load from autocannon in another; for PGlite, and for PostgreSQL when BENCH_DATABASE_URL is set.
// Each figure is printed against a floor (✓/✗): the floors are PostgreSQL's.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OrgTreeNode } from '@uplift/contract';
import { freePort } from '../apps/server/test/support/spawn-server.ts';
import { DEMO_ADMIN_PASSWORD } from '../apps/server/src/seed/first-start.ts';
import { openPglite, openPostgres } from '../apps/server/src/db/client.ts';
import { copyBaseline } from './support/copy-baseline.ts';
import { describeBound, mergeBound } from './support/merge-bound.ts';
import { CSV_COLUMNS, employeesCsv } from './support/employees-csv.ts';
import { describeTimeline, runImport } from './support/import-run.ts';
import { hammer } from './support/load.ts';
import { memoryOf, seed, signIn, startServer } from './support/server.ts';
import { drivers, line, mark, ms, scratch, type Driver } from './support/target.ts';

const N = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
/** the import's group: the demo layout with few people, so nearly all employees come from the file */
const IMPORT_GROUP = 500;
const FLOOR = { list: 0.2, import: 0.3, rssMb: 400 };
const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** A deep keyset page of the people list as group HR, against a bare Fastify route serving the same body. */
async function listBench(driver: Driver): Promise<void> {
  const target = await scratch(driver, 'list');
  const stops: (() => Promise<unknown>)[] = [target.dispose];
  try {
    const started = performance.now();
    await seed(target, N);
    line(`npm run seed -- --employees ${N}`, driver, ms(performance.now() - started));
    const server = await startServer(target);
    stops.unshift(() => server.kill());
    const hr = await signIn(server.url, 'hr', DEMO_ADMIN_PASSWORD);
    let url = '/api/people?sort=name&limit=50';
    let page = await hr.get<{ nextCursor: string | null }>(url);
    for (let i = 0; i < 20 && page.nextCursor; i++) {
      url = `/api/people?sort=name&limit=50&cursor=${encodeURIComponent(page.nextCursor)}`;
      page = await hr.get(url);
    }
    const bodyFile = path.join(os.tmpdir(), `uplift-bench-body-${process.pid}.json`);
    writeFileSync(bodyFile, JSON.stringify(page));
    stops.push(async () => rmSync(bodyFile, { force: true }));
    const bare = await startBare(bodyFile);
    stops.unshift(async () => bare.proc.kill());

    const api = await hammer(`${server.url}${url}`, { headers: { cookie: hr.cookie }, seconds: SECONDS, connections: CONNECTIONS });
    const base = await hammer(`${bare.url}/api/people`, { seconds: SECONDS, connections: CONNECTIONS });
    if (api.failures > 0 || base.failures > 0) throw new Error(`load run had failed requests: api ${api.failures}, bare ${base.failures}`);
    const ratio = api.rps / base.rps;
    line(
      'people list, page 21 by name, as hr',
      driver,
      `${api.rps.toFixed(0)} req/s (p99 ${api.p99} ms) · bare Fastify ${base.rps.toFixed(0)} req/s · ${(api.bytesPerResponse / 1024).toFixed(0)} KB · ratio ${ratio.toFixed(2)} floor ${FLOOR.list} ${mark(driver, ratio >= FLOOR.list)}`,
    );
  } finally {
    for (const stop of stops) await stop();
  }
}

/** The employee import of N rows (upload → merged) against COPY of the same CSV, and the server's peak memory. */
async function importBench(driver: Driver): Promise<void> {
  const target = await scratch(driver, 'import');
  const stops: (() => Promise<unknown>)[] = [target.dispose];
  try {
    await seed(target, IMPORT_GROUP);
    const server = await startServer(target);
    stops.unshift(() => server.kill());
    const hr = await signIn(server.url, 'hr', DEMO_ADMIN_PASSWORD);
    const units = (await hr.get<{ items: OrgTreeNode[] }>('/api/org/tree')).items;
    const csv = employeesCsv(N, units.filter((u) => u.type === 'department' || u.type === 'team').map((u) => u.code));
    const copyMs = await copyBaseline(csv, CSV_COLUMNS.map(([, column]) => column), target.databaseUrl ? { driver: 'postgres', url: target.databaseUrl } : { driver: 'pglite' });

    const pid = server.proc.pid!;
    const before = memoryOf(pid);
    const run = await runImport(hr, csv, () => memoryOf(pid).rssMb, { type: 'employees', fileName: 'bench-employees.csv' }).catch((e: unknown) => {
      const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
      const state = server.proc.exitCode !== null || server.proc.signalCode !== null ? `exited (${server.proc.exitCode ?? server.proc.signalCode})` : 'still running';
      throw new Error(`import failed: ${e instanceof Error ? e.message : String(e)}${cause}; the server is ${state} and said:\n${server.output().slice(-3000)}`);
    });
    // VmHWM is the process's high-water mark: the import's peak, unless boot already went higher (printed too)
    const peak = memoryOf(pid).peakMb;
    const phases = describeTimeline(run.timeline, run.totalMs);
    if (run.batch.status !== 'merged') {
      const errors = await hr.get<{ items: { rowNumber: number; column: string | null; message: { 'en-US': string } }[] }>(`/api/imports/${run.batch.id}/errors?limit=5`).catch(() => ({ items: [] }));
      const sample = errors.items.map((e) => `row ${e.rowNumber} ${e.column ?? ''}: ${e.message['en-US']}`).join('; ');
      throw new Error(`import ended ${run.batch.status} (${run.batch.failure ?? sample}) after ${phases}`);
    }
    const rate = (N / run.totalMs) * 1000;
    const copyRate = (N / copyMs) * 1000;
    const ratio = rate / copyRate;
    line(
      `employee import, ${N} rows (CSV ${(csv.length / 1048576).toFixed(1)} MB)`,
      driver,
      `${rate.toFixed(0)} rows/s (${ms(run.totalMs)}) · COPY ${copyRate.toFixed(0)} rows/s (${ms(copyMs)}) · ratio ${ratio.toFixed(3)} floor ${FLOOR.import} ${mark(driver, ratio >= FLOOR.import)}`,
    );
    line('  where the time goes', driver, `${phases}; server's own figure ${run.batch.durationMs === null ? '–' : ms(run.batch.durationMs)}; slowest status poll ${ms(run.slowestPollMs)}`);
    // the merge's own floor: the same rows into the indexed table by the cheapest statement there is
    await server.kill();
    const database = target.databaseUrl ? await openPostgres(target.databaseUrl, { max: 1 }) : await openPglite(path.join(target.dataDir!, 'pg'));
    try {
      line('  the merge alone, at best', driver, describeBound('employees', await mergeBound(database, 'employees', `employee_no like 'BX%'`), copyRate, FLOOR.import));
    } finally {
      await database.close();
    }
    line('server peak RSS during the import', driver, `VmHWM ${peak.toFixed(0)} MB (RSS ${before.rssMb.toFixed(0)} MB before, high-water ${before.peakMb.toFixed(0)} MB) target < ${FLOOR.rssMb} MB ${mark(driver, peak < FLOOR.rssMb)}`);
  } finally {
    for (const stop of stops) await stop();
  }
}

async function startBare(bodyFile: string): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'bare-server.ts'), bodyFile, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (b: Buffer) => b.toString().includes('is running') && resolve());
    proc.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, proc };
}

console.log(`\nHTTP API at group scale: the server in its own process, load from autocannon (${CONNECTIONS} connections, ${SECONDS} s); floors are PostgreSQL's\n`);
/** BENCH_ONLY=list or BENCH_ONLY=import runs one part (the default runs both). */
const only = process.env.BENCH_ONLY?.split(',');
for (const driver of drivers) {
  if (!only || only.includes('list')) await listBench(driver);
  if (!only || only.includes('import')) await importBench(driver);
}
