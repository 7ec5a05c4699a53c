import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openPglite, openPostgres, type Database } from '../src/db/client.ts';
import { createJobs } from '../src/jobs/boss.ts';
import { createLogger } from '../src/lib/logger.ts';

declare module 'vitest' {
  // augmenting vitest's interface requires an interface
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    dbDriver: 'pglite' | 'postgres';
    pgliteTemplate: string;
    pgTemplate: string;
    pgAdminUrl: string;
  }
}

/** Migrates once (schema + pg-boss) into a template that each test file copies cheaply. */
async function prepare(database: Database) {
  await migrate(database);
  const jobs = createJobs({ database, databaseUrl: null, definitions: [], timeZone: 'UTC', log: createLogger('silent'), work: false });
  await jobs.start();
  await jobs.stop();
}

export async function setup(project: TestProject) {
  const url = process.env.UPLIFT_TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
  if (process.env.UPLIFT_TEST_DB === 'postgres' && !url) throw new Error('UPLIFT_TEST_DB=postgres needs TEST_DATABASE_URL');
  if (!url) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-template-'));
    const database = await openPglite(dir);
    await prepare(database);
    await database.close();
    project.provide('dbDriver', 'pglite');
    project.provide('pgliteTemplate', dir);
    project.provide('pgTemplate', '');
    project.provide('pgAdminUrl', '');
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const template = `uplift_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const tplUrl = withDatabase(url, template);
  const database = await openPostgres(tplUrl, { max: 2 });
  await prepare(database);
  await database.close();
  project.provide('dbDriver', 'postgres');
  project.provide('pgliteTemplate', '');
  project.provide('pgTemplate', template);
  project.provide('pgAdminUrl', url);
  return async () => {
    // drop the template and every per-file database this run created
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`uplift_t_${process.pid}_%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
