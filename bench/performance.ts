// Part of npm run bench: performance data at group scale. The demo group of BENCH_EMPLOYEES
// (default 100,000) with eight quarters of results, seeded by `npm run seed`; the "two quarters
// below 80%" rule evaluated in full and for a batch, in-process, against hand-written SQL; and
// BENCH_RESULT_ROWS (default ten per employee) results imported through the real server against
// COPY. For PGlite, and for PostgreSQL when BENCH_DATABASE_URL is set; floors are PostgreSQL's.
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { OrgTreeNode } from '@uplift/contract';
import { loadConfig } from '../apps/server/src/config.ts';
import { openPglite, openPostgres, queryRows, type Database } from '../apps/server/src/db/client.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { DEMO_ADMIN_PASSWORD } from '../apps/server/src/seed/first-start.ts';
import { createServices } from '../apps/server/src/services.ts';
import { copyBaseline } from './support/copy-baseline.ts';
import { describeBound, mergeBound } from './support/merge-bound.ts';
import { describeTimeline, runImport, type ImportRun } from './support/import-run.ts';
import { RESULT_COLUMNS, resultsCsv } from './support/results-csv.ts';
import { BENCH_SECRET, memoryOf, seed, signIn, startServer } from './support/server.ts';
import { drivers, line, mark, ms, scratch, type Driver, type Scratch } from './support/target.ts';

const N = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const RESULT_ROWS = Number(process.env.BENCH_RESULT_ROWS ?? N * 10);
const BATCH = 1000;
const RUNS = 3;
/** the import's cap on one file (MAX_FILE_BYTES in the import service) */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const FLOOR = { evaluate: 2, import: 0.3, rssMb: 500 };
/** how long the import's follow-up gets before the bench looks for its failure */
const FOLLOW_UP_MS = 10_000;

/** The rule in plain SQL: the latest two closed quarterly cycles, both results below 80, the person active or on leave. */
const HAND_QUERY = sql`
  with last2 as (select id from performance_cycles where type = 'quarterly' and status = 'closed' order by end_date desc, code desc limit 2)
  select r.employee_id from performance_results r join employees e on e.id = r.employee_id
  where r.cycle_id in (select id from last2) and r.achievement < 80 and e.status in ('active', 'on_leave')
  group by r.employee_id having count(*) = 2`;

/** The median of `RUNS` timed runs (after the caller's warm-up, if any), in ms. */
async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function open(target: Scratch): Promise<Database> {
  return target.databaseUrl ? openPostgres(target.databaseUrl) : openPglite(path.join(target.dataDir!, 'pg'));
}

/**
 * The demo's consecutive-below rule through `candidates.evaluate`, against the hand-written query
 * timed alone: a first run that raises every candidate, the nightly re-run that finds them all
 * raised, and a batch of employees as after an import. Returns who the import bench can use.
 */
async function evaluationBench(target: Scratch): Promise<{ employeeNos: string[]; rootId: string }> {
  const { driver } = target;
  const database = await open(target);
  try {
    const { db } = database;
    const config = loadConfig({ UPLIFT_SECRET: BENCH_SECRET, DATA_DIR: target.dataDir ?? os.tmpdir(), LOG_LEVEL: 'silent', ...(target.databaseUrl && { DATABASE_URL: target.databaseUrl }) });
    // the seed dated the data by the system clock: evaluate by it too
    const services = createServices({ config, database, clock: systemClock, log: createLogger('silent') });
    const [rule] = await queryRows<{ id: string; results: number }>(
      db,
      sql`select r.id, (select count(*)::int from performance_results) as results from trigger_rules r where r.kind = 'consecutive_below' and r.enabled limit 1`,
    );
    if (!rule) throw new Error('the seeded group has no enabled consecutive_below rule');
    const ruleIds = [rule.id];
    const openCount = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pip_candidates where rule_id = ${rule.id} and status = 'open'`))[0]!.n;

    const flagged = (await queryRows<{ employee_id: string }>(db, HAND_QUERY)).length;
    const hand = await median(() => queryRows(db, HAND_QUERY));

    await db.execute(sql`delete from pip_candidates where rule_id = ${rule.id}`);
    const started = performance.now();
    await services.candidates.evaluate({ ruleIds });
    const first = performance.now() - started;
    const raised = await openCount();
    const full = await median(() => services.candidates.evaluate({ ruleIds }));
    const same = raised === flagged ? `same ${flagged} people as the query ✓` : `✗ ${raised} candidates, the query finds ${flagged}`;
    const ratio = (t: number) => `ratio ${(t / hand).toFixed(1)}× floor ≤ ${FLOOR.evaluate}× ${mark(driver, t / hand <= FLOOR.evaluate)}`;
    const label = `rule "2 quarters < 80%", ${rule.results} results`;
    line(`${label}`, driver, `hand-written SQL ${ms(hand)} · ${same}`);
    line('  nightly re-run (all raised already)', driver, `evaluate() ${ms(full)} · ${ratio(full)}`);
    line('  first run (raises every candidate)', driver, `evaluate() ${ms(first)} · ${ratio(first)}`);

    const batch = await queryRows<{ id: string }>(
      db,
      sql`select id from employees where status in ('active', 'on_leave') order by employee_no offset ${Math.max(0, Math.floor(N / 2) - BATCH / 2)} limit ${BATCH}`,
    );
    const employeeIds = batch.map((r) => r.id);
    await services.candidates.evaluate({ ruleIds, employeeIds });
    const incremental = await median(() => services.candidates.evaluate({ ruleIds, employeeIds }));
    line(`  incremental, a batch of ${employeeIds.length} employees`, driver, `evaluate() ${ms(incremental)} · full run ${ms(full)} (${((incremental / full) * 100).toFixed(1)}% of it)`);

    const people = await queryRows<{ employee_no: string }>(db, sql`select employee_no from employees order by employee_no`);
    const [root] = await queryRows<{ id: string }>(db, sql`select id from org_units where parent_id is null`);
    return { employeeNos: people.map((p) => p.employee_no), rootId: root!.id };
  } finally {
    await database.close();
  }
}

/** BENCH_RESULT_ROWS results (upload → merged, files of at most 50 MB) against COPY of the same CSV; the server's peak memory. */
async function importBench(target: Scratch, employeeNos: string[], rootId: string): Promise<void> {
  const { driver } = target;
  const server = await startServer(target);
  try {
    const hr = await signIn(server.url, 'hr', DEMO_ADMIN_PASSWORD);
    if (!(await hr.get<{ items: OrgTreeNode[] }>('/api/org/tree')).items.some((u) => u.id === rootId)) throw new Error('the server shows another group');
    // new monthly cycles, so every row is a new result; open, so no rule looks at them
    const codes: string[] = [];
    for (let i = 0; i < Math.ceil(RESULT_ROWS / employeeNos.length); i++) {
      const month = String((i % 12) + 1).padStart(2, '0');
      const year = 2031 + Math.floor(i / 12);
      const code = `BENCH-${year}${month}`;
      await hr.post('/api/performance/cycles', { code, name: `压测 ${year}年${month}月`, type: 'monthly', ownerUnitId: rootId, startDate: `${year}-${month}-01`, endDate: `${year}-${month}-28` });
      codes.push(code);
    }
    const files = resultsCsv(employeeNos, codes, RESULT_ROWS, MAX_FILE_BYTES);
    const bytes = files.reduce((n, f) => n + f.length, 0);
    let copyMs = 0;
    for (const f of files) copyMs += await copyBaseline(f, RESULT_COLUMNS.map(([, column]) => column), target.databaseUrl ? { driver: 'postgres', url: target.databaseUrl } : { driver: 'pglite' });

    const pid = server.proc.pid!;
    const before = memoryOf(pid);
    const runs: ImportRun[] = [];
    for (const [i, csv] of files.entries()) {
      const run = await runImport(hr, csv, () => memoryOf(pid).rssMb, { type: 'performance_results', fileName: `bench-results-${i + 1}.csv` }).catch((e: unknown) => {
        throw new Error(`results import failed: ${e instanceof Error ? e.message : String(e)}; the server said:\n${server.output().slice(-3000)}`);
      });
      if (run.batch.status !== 'merged') throw new Error(`results import ended ${run.batch.status} (${run.batch.failure ?? 'see its errors'}) after ${describeTimeline(run.timeline, run.totalMs)}`);
      runs.push(run);
    }
    // the merge answers before its follow-up (the rules re-evaluated for the people touched) is
    // done, and a failed follow-up is only logged: give it a while, and look
    await new Promise((r) => setTimeout(r, FOLLOW_UP_MS));
    const followUp = failedFollowUp(server.output());
    const peak = memoryOf(pid).peakMb;
    const totalMs = runs.reduce((n, r) => n + r.totalMs, 0);
    const rate = (RESULT_ROWS / totalMs) * 1000;
    const copyRate = (RESULT_ROWS / copyMs) * 1000;
    const ratio = rate / copyRate;
    const split = files.length > 1 ? `, ${files.length} files of ≤ 50 MB, times summed` : '';
    line(
      `results import, ${RESULT_ROWS} rows (CSV ${(bytes / 1048576).toFixed(1)} MB${split})`,
      driver,
      `${rate.toFixed(0)} rows/s (${ms(totalMs)}) · COPY ${copyRate.toFixed(0)} rows/s (${ms(copyMs)}) · ratio ${ratio.toFixed(3)} floor ${FLOOR.import} ${mark(driver, ratio >= FLOOR.import)}`,
    );
    for (const [i, run] of runs.entries()) {
      const which = runs.length > 1 ? ` (file ${i + 1})` : '';
      line(`  where the time goes${which}`, driver, `${describeTimeline(run.timeline, run.totalMs)}; server's own figure ${run.batch.durationMs === null ? '–' : ms(run.batch.durationMs)}; slowest status poll ${ms(run.slowestPollMs)}`);
    }
    line('server peak RSS during the results import', driver, `VmHWM ${peak.toFixed(0)} MB (RSS ${before.rssMb.toFixed(0)} MB before, high-water ${before.peakMb.toFixed(0)} MB) target < ${FLOOR.rssMb} MB ${mark(driver, peak < FLOOR.rssMb)}`);
    if (followUp) line('  ✗ after the merge', driver, followUp.slice(0, 300));
    // the merge's own floor: the same rows into the indexed table by the cheapest statement there is
    await server.kill();
    const database = await open(target);
    try {
      const where = `cycle_id in (select id from performance_cycles where code like 'BENCH-%')`;
      line('  the merge alone, at best', driver, describeBound('performance_results', await mergeBound(database, 'performance_results', where), copyRate, FLOOR.import));
    } finally {
      await database.close();
    }
  } finally {
    await server.kill();
  }
}

/** "import merge follow-up failed: <the error>" from the server's JSON log lines, or null. */
function failedFollowUp(output: string): string | null {
  for (const text of output.split('\n')) {
    if (!text.includes('follow-up failed')) continue;
    try {
      const entry = JSON.parse(text) as { msg?: string; err?: { message?: string } };
      // a failed query's message starts with the whole statement; its cause comes last
      const message = entry.err?.message ?? '?';
      return `${entry.msg ?? 'follow-up failed'}: ${message.length > 200 ? `…${message.slice(-200)}` : message}`;
    } catch {
      return text;
    }
  }
  return null;
}

console.log(`\nPerformance data at group scale: ${N} employees with eight quarters of results, ${RESULT_ROWS} results imported; floors are PostgreSQL's\n`);
/** BENCH_ONLY=evaluation leaves out the results import (the evaluation always runs: the import needs its group). */
const only = process.env.BENCH_ONLY?.split(',');
for (const driver of drivers as Driver[]) {
  const target = await scratch(driver, 'perf');
  try {
    const started = performance.now();
    await seed(target, N);
    line(`npm run seed -- --employees ${N}`, driver, `${ms(performance.now() - started)} (group, performance data, rules evaluated)`);
    const { employeeNos, rootId } = await evaluationBench(target);
    if (!only || only.includes('results')) await importBench(target, employeeNos, rootId);
  } finally {
    await target.dispose();
  }
}
