import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const TABLE = 'bench_copy';
const COPY = `copy ${TABLE} from stdin with (format csv, header true)`;

/**
 * The floor's reference for an import: the same CSV loaded with COPY FROM STDIN into an unindexed
 * table of `columns` ("name type", in the file's order), nothing else. Returns the milliseconds
 * the COPY took (the table is dropped afterwards).
 */
export async function copyBaseline(csv: Buffer, columns: readonly string[], target: { driver: 'postgres'; url: string } | { driver: 'pglite' }): Promise<number> {
  const CREATE = `create table ${TABLE} (${columns.join(', ')})`;
  if (target.driver === 'postgres') {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(CREATE);
      const started = performance.now();
      await pipeline(Readable.from([csv]), client.query(copyFrom(COPY)));
      const ms = performance.now() - started;
      await client.query(`drop table ${TABLE}`);
      return ms;
    } finally {
      await client.end();
    }
  }
  // a PGlite on disk like the server's, not in memory; '/dev/blob' is how PGlite takes COPY input
  const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-bench-copy-'));
  const db = await PGlite.create({ dataDir: dir });
  try {
    await db.exec(CREATE);
    const started = performance.now();
    await db.query(`copy ${TABLE} from '/dev/blob' with (format csv, header true)`, [], { blob: new Blob([csv]) });
    return performance.now() - started;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
