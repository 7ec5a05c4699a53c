import type { Database } from '../../apps/server/src/db/client.ts';

export type MergeBound = { rows: number; ms: number; indexes: number };

/**
 * The fastest any import could merge into `table`: the rows `where` picks (what an import just
 * merged) copied by one INSERT … SELECT into a copy of the table with all its indexes, and nothing
 * else: no parsing, checks, encryption, history, snapshots or audit. The import floors compare with
 * COPY into an unindexed table; this shows how much of that budget the table's indexes alone take.
 */
export async function mergeBound(database: Database, table: string, where: string): Promise<MergeBound> {
  const copy = `bench_bound_${table}`;
  await database.executeSql(`drop table if exists ${copy}`);
  await database.executeSql(`create table ${copy} (like ${table} including all)`);
  try {
    const [ix] = (await database.executeSql(`select count(*)::int as n from pg_indexes where tablename = $1`, [copy])).rows;
    const started = performance.now();
    await database.executeSql(`insert into ${copy} select * from ${table} where ${where}`);
    const ms = performance.now() - started;
    const [n] = (await database.executeSql(`select count(*)::int as n from ${copy}`)).rows;
    return { rows: Number(n!.n), ms, indexes: Number(ix!.n) };
  } finally {
    await database.executeSql(`drop table ${copy}`);
  }
}

/** "INSERT of the 100000 rows into a copy of employees with its 13 indexes, nothing else: 2.1 s, 47000 rows/s, 0.15× COPY". */
export function describeBound(table: string, b: MergeBound, copyRowsPerSecond: number, floor: number): string {
  const rate = (b.rows / b.ms) * 1000;
  const ratio = rate / copyRowsPerSecond;
  const verdict = ratio < floor ? `below the ${floor}× floor before any import work is done` : `the floor leaves ${(ratio / floor).toFixed(1)}× for the rest of the import`;
  return `INSERT … SELECT of the ${b.rows} merged rows into a copy of ${table} with its ${b.indexes} indexes, nothing else: ${(b.ms / 1000).toFixed(1)} s, ${rate.toFixed(0)} rows/s, ${ratio.toFixed(2)}× COPY — ${verdict}`;
}
