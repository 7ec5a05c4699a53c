import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/db/client.ts';
import { withDatabase } from '../global-setup.ts';

export type TestDatabase = {
  database: Database;
  driver: 'pglite' | 'postgres';
  /** PostgreSQL URL of this database (null on PGlite). */
  url: string | null;
  /** The data dir holding DATA_DIR/pg for PGlite (a fresh temp dir either way). */
  dataDir: string;
  destroy(): Promise<void>;
};

/**
 * A fresh, migrated database for one test file: a copy of the template data dir on PGlite,
 * `CREATE DATABASE … TEMPLATE` on PostgreSQL. Tests never share state.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const driver = inject('dbDriver');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'uplift-test-'));
  if (driver === 'pglite') {
    cpSync(inject('pgliteTemplate'), path.join(dataDir, 'pg'), { recursive: true });
    const database = await openPglite(path.join(dataDir, 'pg'));
    return {
      database,
      driver,
      url: null,
      dataDir,
      destroy: async () => {
        await database.close().catch(() => {});
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `uplift_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`));
  const url = withDatabase(adminUrl, name);
  const database = await openPostgres(url, { max: 5 });
  return {
    database,
    driver,
    url,
    dataDir,
    destroy: async () => {
      await database.close().catch(() => {});
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Template/admin operations go through a short-lived client: CREATE DATABASE cannot share the template's connections. */
export async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
