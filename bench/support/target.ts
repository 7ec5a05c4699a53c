import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scratchPostgres } from './scratch-db.ts';
import type { Target } from './server.ts';

export type Driver = Target['driver'];
/** A fresh place for one bench part: its own data dir or PostgreSQL database, removed by `dispose`. */
export type Scratch = Target & { databaseUrl: string | null; dataDir: string | null; dispose(): Promise<void> };

/** The drivers a bench part runs on: PGlite, and PostgreSQL when BENCH_DATABASE_URL is set; BENCH_DRIVERS=postgres picks one. */
export const drivers: Driver[] = (process.env.BENCH_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const)).filter(
  (d) => !process.env.BENCH_DRIVERS || process.env.BENCH_DRIVERS.split(',').includes(d),
);

export async function scratch(driver: Driver, label: string): Promise<Scratch> {
  if (driver === 'postgres') {
    const db = await scratchPostgres(process.env.BENCH_DATABASE_URL!, label);
    return { driver, env: { DATABASE_URL: db.url }, databaseUrl: db.url, dataDir: null, dispose: db.drop };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `uplift-bench-${label}-`));
  return { driver, env: { DATA_DIR: dir }, databaseUrl: null, dataDir: dir, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** One figure: its label and driver in a column, then the text. */
export const line = (label: string, driver: Driver, text: string) => console.log(`${`${label} [${driver}]`.padEnd(48)} ${text}`);
/** ✓/✗ against a floor; the floors are PostgreSQL's, so PGlite's marks are in parentheses. */
export const mark = (driver: Driver, ok: boolean) => (driver === 'postgres' ? (ok ? '✓' : '✗') : ok ? '(✓ on PGlite)' : '(✗ on PGlite)');
export const ms = (n: number) => (n < 1000 ? `${n.toFixed(0)} ms` : `${(n / 1000).toFixed(1)} s`);
