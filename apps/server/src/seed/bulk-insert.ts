import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.ts';

const CHUNK = 10_000;

/**
 * Inserts many rows with one array parameter per column (`insert … select from unnest(…)`): a
 * handful of parameters per 10,000 rows instead of one per value, so neither the query builder nor
 * the server's parser does per-value work. For flat columns only (no array-typed ones).
 */
export async function insertUnnest<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in (rows[0] as object));
  const names = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', '));
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK) as Record<string, unknown>[];
    const arrays = columns.map(([key, c]) => {
      const values = chunk.map((r) => (r[key] === null || r[key] === undefined ? null : c.mapToDriverValue(r[key])));
      return sql`${sql.param(values)}::${sql.raw(c.getSQLType())}[]`;
    });
    await tx.execute(sql`insert into ${sql.identifier(getTableName(table))} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
  }
}
