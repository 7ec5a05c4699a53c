import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { loadDemoGroup } from '../seed/demo-group.ts';
import { loadDemoPerformance } from '../seed/demo-performance.ts';
import { DEMO_ADMIN_PASSWORD, DEMO_LOGINS, demoLoadRecord, firstStart } from '../seed/first-start.ts';
import { createServices } from '../services.ts';
import { cliConfig, openForCli, runCli } from './common.ts';

const USAGE = `npm run seed -- [--employees N]

Loads the 星河集团 demo group with N employees (default 2000) into the configured database
(DATABASE_URL, else embedded PGlite in DATA_DIR with the server stopped), with its performance
data (eight quarterly cycles, results, work logs, customer feedback) and two early-warning rules,
then evaluates the rules. The organisation must be empty: the command refuses a database that
already holds org units or employees.`;

type Counts = { units: number; employees: number; contracts: number; history: number; users: number; cycles: number; results: number; logs: number; feedback: number; candidates: number };

const countAll = async (db: Db) =>
  (
    await queryRows<Counts>(
      db,
      sql`select (select count(*)::int from org_units) as units, (select count(*)::int from employees) as employees,
                 (select count(*)::int from labor_contracts) as contracts, (select count(*)::int from job_history) as history,
                 (select count(*)::int from users) as users, (select count(*)::int from performance_cycles) as cycles,
                 (select count(*)::int from performance_results) as results, (select count(*)::int from work_logs) as logs,
                 (select count(*)::int from customer_feedback) as feedback, (select count(*)::int from pip_candidates where status = 'open') as candidates`,
    )
  )[0]!;

// npm run seed — the demo group at any size, for trying Uplift out and for benchmarks at group scale.
runCli(async () => {
  const { values } = parseArgs({ options: { employees: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const size = Number(values.employees ?? 2000);
  if (!Number.isInteger(size) || size < 1) {
    console.error(`--employees must be a positive whole number, got "${values.employees}"\n\n${USAGE}`);
    return 64;
  }
  const config = cliConfig();
  const { database, release } = await openForCli(config);
  try {
    const { db } = database;
    const before = await countAll(db);
    if (before.units > 0 || before.employees > 0) {
      console.error(
        `数据库中已有组织数据，未写入任何内容 the database already holds ${before.units} org units and ${before.employees} employees: ` +
          'seed only fills an empty organisation. Use a fresh DATA_DIR or database.',
      );
      return 1;
    }
    const clock = systemClock;
    const services = createServices({ config, database, clock, log: createLogger('warn') });
    const passwordHash = await hashPassword(DEMO_ADMIN_PASSWORD);
    const ctx = { actorId: null, actorLabel: 'cli:seed', requestId: null };
    const started = performance.now();
    const { admin, rules } = await db.transaction(async (tx) => {
      // a database nobody has started yet also gets the admin account, with the demo password
      const created = await firstStart({ db: tx, clock, services, demo: true, demoGroup: false });
      const summary = await loadDemoGroup(tx, { clock, crypto: services.fieldCrypto, passwordHash, employees: size });
      const perf = await loadDemoPerformance(tx, { clock, timeZone: config.businessTimeZone });
      await services.audit.append(tx, ctx, demoLoadRecord(summary, perf));
      return { admin: created !== null, rules: perf.ruleIds.length };
    });
    // fresh statistics and visibility map: a bulk load leaves neither, and the first queries
    // would plan blind and count rows from the heap until autovacuum (if any) comes round
    await database.executeSql(
      'vacuum analyze users, org_units, employees, labor_contracts, job_history, performance_cycles, performance_results, work_logs, customer_feedback',
    );
    const loaded = performance.now();
    // the demo's early-warning candidates, as the nightly run would raise them
    await services.candidates.evaluate({ ctx });
    const seconds = (loaded - started) / 1000;
    const evaluated = (performance.now() - loaded) / 1000;
    const after = await countAll(db);
    const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}/pg`;
    console.log(
      [
        `星河集团 loaded into ${where} in ${seconds.toFixed(1)} s:`,
        `  ${after.units} org units, ${after.employees} employees, ${after.contracts} labour contracts, ${after.history} job history records, ${after.users} accounts`,
        `  ${after.cycles} quarterly cycles, ${after.results} performance results, ${after.logs} work logs, ${after.feedback} customer feedback records`,
        `  ${rules} early-warning rules evaluated in ${evaluated.toFixed(1)} s: ${after.candidates} open candidates`,
        `  Sign-ins (password ${DEMO_ADMIN_PASSWORD}): ${DEMO_LOGINS.map(([name]) => name).filter((n) => admin || n !== 'admin').join(', ')}`,
      ].join('\n'),
    );
    return 0;
  } finally {
    await database.close();
    release();
  }
});
