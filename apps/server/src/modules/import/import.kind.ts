import { sql, type SQL } from 'drizzle-orm';
import type { ImportType } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import type { Access } from '../access/access.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { ImportColumn } from './import.types.ts';
import type { Message, Parsed } from './import.values.ts';

/** A column of an import type: reader aliases, labels and hints for templates, and its cell parser. */
export type KindColumn = ImportColumn & {
  label: Message;
  hint: Message;
  /** encrypted in staging; error listings show it masked */
  sensitive?: boolean;
  parse?: (text: string) => Parsed<unknown>;
};

export type RowIssue = { column: string | null; code: string; message: Message; value?: string | null };

/** What an import kind's set-based steps get: the batch, who acts, and which columns the file has. */
export type KindContext = {
  /** the merge transaction, or the database itself for validation (each check its own short statement) */
  tx: Db | Tx;
  batchId: string;
  access: Access;
  audit: AuditContext;
  /** the column keys the file maps (columns not in the file are left untouched) */
  present: ReadonlySet<string>;
  now: Date;
  /** the business date of the merge */
  today: string;
  fileName: string;
  /** a file someone uploaded, or a batch a machine client pushed */
  origin: 'file' | 'api';
  /** when the batch was merged (rollback: records changed after it are not overwritten) */
  mergedAt: Date | null;
  /** Reports one more step of work done (progress, outside the import's transaction where there is one). */
  step(): Promise<void>;
};

/**
 * One importable thing (org units, employees; later results, logs…). The engine streams, stages,
 * records and rolls back; the kind knows its columns, its rules and its tables.
 */
export type ImportKind = {
  type: ImportType;
  label: Message;
  columns: KindColumn[];
  /** The caller may import this kind at all (rows outside their scope are still row errors). */
  allowed(access: Access): boolean;
  /** Cross-cell rules of one row, after each cell parsed (e.g. a leaver needs a leave date). */
  refineRow(data: Record<string, unknown>, present: ReadonlySet<string>): RowIssue[];
  /** Set-based checks across the file and the database: insert into import_errors. */
  validate(ctx: KindContext): Promise<void>;
  /** Sets import_rows.action to create | update | unchanged. */
  classify(ctx: KindContext): Promise<void>;
  /** Applies the classified rows, writing snapshots for rollback. Runs inside the merge transaction. */
  merge(ctx: KindContext): Promise<void>;
  /** Restores the snapshots' before state; throws AppError CONFLICT when records changed since. */
  rollback(ctx: KindContext): Promise<{ restored: number; removed: number }>;
  /** Runs after the merge (or rollback) committed, e.g. to re-evaluate the people it touched. */
  afterCommit?(batchId: string, what: 'merge' | 'rollback'): Promise<void>;
};

/**
 * One set-based check: inserts an error for each row the `from` query yields (columns row_number,
 * value, and whatever the messages use as x.*), then reports the step.
 */
export async function check(k: KindContext, column: string | null, code: string, zh: SQL, en: SQL, from: SQL): Promise<void> {
  await k.tx.execute(sql`
    insert into import_errors (batch_id, row_number, "column", value, code, message_zh, message_en)
    select ${k.batchId}::uuid, x.row_number, ${column}::text, x.value, ${code}, ${zh}, ${en}
    from (${from}) x`);
  await k.step();
}

/** `data->>'key'` of the staged row alias r. */
export const field = (key: string, alias = 'r'): SQL => sql.raw(`${alias}.data->>'${key.replace(/'/g, "''")}'`);
