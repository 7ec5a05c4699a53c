import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type: PGlite and node-postgres are interchangeable behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction; every write that must be atomic with its audit record and outbox rows takes one. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Raw SQL for libraries that bring their own queries (pg-boss): parameters only when given. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  executeSql: ExecuteSql;
  /** The embedded instance, for data-dir dumps; null with PostgreSQL. */
  pglite: PGlite | null;
  /**
   * How many `db.transaction`s have ended in this process, committed or not: a cache of data a
   * transaction may change keeps what it loaded only while this stays the same.
   */
  transactionsEnded(): number;
  /**
   * LISTENs on `channel` (on its own connection with PostgreSQL) and calls `onNotify` for each
   * NOTIFY, from this process or another node; `onLost` when the connection is gone, after which
   * nothing more is heard until `listen` is called again. Resolves once listening.
   */
  listen(channel: string, on: { notify(): void; lost(err: unknown): void }): Promise<{ close(): Promise<void> }>;
  close(): Promise<void>;
};

/** Counts the transactions that end (see Database.transactionsEnded), by wrapping `db.transaction` once. */
function countTransactions(db: Db): () => number {
  let ended = 0;
  const transaction = db.transaction.bind(db);
  db.transaction = (async (...args: Parameters<Db['transaction']>) => {
    try {
      return await transaction(...args);
    } finally {
      ended++;
    }
  }) as Db['transaction'];
  return () => ended;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens PGlite in `dataDir` (embedded mode). The caller holds the data-dir lock. */
export async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  // loaded here, not at the top: the embedded engine is ~50 MB of memory a PostgreSQL node never needs
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  const client = await PGlite.create({ dataDir });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    transactionsEnded: countTransactions(db),
    listen: async (channel, on) => {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      // one process: the embedded database hands each NOTIFY to its listeners when the statement ends
      const unlisten = await client.listen(channel, () => on.notify());
      // a closed database has nothing left to stop listening to (UNLISTEN on it would throw)
      return { close: async () => void (client.closed ? undefined : await unlisten().catch(() => {})) };
    },
    executeSql: async (text, values) => {
      if (values && values.length > 0) {
        const r = await client.query<Record<string, unknown>>(text, values);
        return { rows: r.rows };
      }
      // exec runs several statements (pg-boss migrations); the result of the last one counts
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    close: () => client.close(),
  };
}

/** Opens a node-postgres pool on a real PostgreSQL server. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: 'uplift' });
  pool.on('error', () => {
    // an idle client lost its connection; the pool replaces it and the next query reports real failures
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  await pool.query('select 1');
  return {
    kind: 'postgres',
    db,
    pglite: null,
    transactionsEnded: countTransactions(db),
    listen: async (channel, on) => {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
      // LISTEN holds its connection for good: its own client, not one of the pool's
      const client = new pg.Client({ connectionString: url, application_name: 'uplift-listen' });
      let closing = false;
      const lost = (err: unknown) => {
        if (closing) return;
        closing = true;
        client.removeAllListeners('notification');
        void client.end().catch(() => {});
        on.lost(err);
      };
      client.on('error', lost);
      client.on('end', () => lost(new Error('the LISTEN connection ended')));
      await client.connect();
      client.on('notification', () => on.notify());
      await client.query(`listen ${channel}`);
      return {
        close: async () => {
          closing = true;
          await client.end().catch(() => {});
        },
      };
    },
    executeSql: async (text, values) => {
      const r = await pool.query(text, values as unknown[] | undefined);
      return { rows: r.rows as Record<string, unknown>[] };
    },
    close: () => pool.end(),
  };
}

/** Applies the one migrations folder. On PostgreSQL an advisory lock keeps concurrent nodes from racing. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  await database.executeSql('select pg_advisory_lock(7240531)');
  try {
    await migratePg(database.db as never, { migrationsFolder });
  } finally {
    await database.executeSql('select pg_advisory_unlock(7240531)');
  }
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`, which the shared base type does not know. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A list of values for `in (…)`, each a bound parameter. */
export function sqlList(values: readonly string[]): SQL {
  return sql.join(values.map((v) => sql`${v}`), sql`, `);
}
