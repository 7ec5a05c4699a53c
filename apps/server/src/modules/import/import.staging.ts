import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import type { ImportKind, RowIssue } from './import.kind.ts';
import { readImportFile } from './import.reader.ts';
import type { RawRow, ReadResult } from './import.types.ts';
import { maskValue } from './import.values.ts';

/** raw: the cell as uploaded; for a sensitive cell its ciphertext, or `true` when it is exactly the parsed value (stored encrypted in data once). */
type StagedRow = { row_number: number; raw: Record<string, string | true | null>; data: Record<string, unknown> };
type StagedError = { row_number: number; column: string | null; value: string | null; code: string; message_zh: string; message_en: string };

/** The file's bytes counted and hashed as they stream past. */
export function hashingStream(): Transform & { digest(): { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(t, { digest: () => ({ sha256: hash.digest('hex'), size }) });
}

const MISSING = { zh: '必填项为空', en: 'Required value is missing' };

/**
 * Parses one row cell by cell (required, formats), then the kind's cross-cell rules. Sensitive
 * values are encrypted in `raw` and become `<key>_enc` + `<key>_bidx` in `data`.
 */
export function parseRow(kind: ImportKind, crypto: FieldCrypto, present: ReadonlySet<string>, row: RawRow): { staged: StagedRow; issues: RowIssue[] } {
  const raw: Record<string, string | true | null> = {};
  const data: Record<string, unknown> = {};
  const issues: RowIssue[] = [];
  const shown = (column: { sensitive?: boolean }, text: string) => (column.sensitive ? maskValue(text) : text);
  for (const column of kind.columns) {
    if (!present.has(column.key)) continue;
    const text = row.values[column.key] ?? null;
    raw[column.key] = text;
    if (text === null) {
      if (column.required) issues.push({ column: column.key, code: 'REQUIRED', message: MISSING, value: null });
      else if (column.sensitive) Object.assign(data, { [`${column.key}_enc`]: null, [`${column.key}_bidx`]: null });
      else data[column.key] = null;
      continue;
    }
    const parsed = column.parse ? column.parse(text) : ({ ok: true, value: text } as const);
    if (!parsed.ok) {
      if (column.sensitive) raw[column.key] = crypto.encrypt(text);
      issues.push({ column: column.key, code: parsed.code, message: parsed.message, value: shown(column, text) });
      continue;
    }
    if (column.sensitive) {
      const value = String(parsed.value);
      const enc = crypto.encrypt(value);
      // encrypt once when the cell is already in its normal form (the common case)
      raw[column.key] = value === text ? true : crypto.encrypt(text);
      Object.assign(data, { [`${column.key}_enc`]: enc, [`${column.key}_bidx`]: crypto.blindIndex(value) });
    } else data[column.key] = parsed.value;
  }
  if (issues.length === 0) issues.push(...kind.refineRow(data, present));
  return { staged: { row_number: row.rowNumber, raw, data }, issues };
}

/**
 * Writes parsed rows (and their cell errors) to staging, batch by batch: each batch is one short
 * statement pair, so other requests get the connection in between and a crash leaves only staging
 * rows behind. One batch is written while the next is parsed. `onProgress` runs outside any transaction.
 */
export function createStager(opts: { db: Db; crypto: FieldCrypto; kind: ImportKind; batchId: string; onProgress(rowsSoFar: number): Promise<void> }) {
  const { db, crypto, kind, batchId } = opts;
  let rows = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = async (staged: StagedRow[], errors: StagedError[], upTo: number) => {
    await db.execute(sql`
      insert into import_rows (batch_id, row_number, raw, data)
      select ${batchId}::uuid, x.row_number, x.raw, x.data
      from jsonb_to_recordset(${JSON.stringify(staged)}::jsonb) as x(row_number int, raw jsonb, data jsonb)`);
    if (errors.length > 0) {
      await db.execute(sql`
        insert into import_errors (batch_id, row_number, "column", value, code, message_zh, message_en)
        select ${batchId}::uuid, x.row_number, x."column", x.value, x.code, x.message_zh, x.message_en
        from jsonb_to_recordset(${JSON.stringify(errors)}::jsonb) as x(row_number int, "column" text, value text, code text, message_zh text, message_en text)`);
    }
    await opts.onProgress(upTo);
  };
  return {
    async add(present: ReadonlySet<string>, batch: RawRow[]): Promise<void> {
      const staged: StagedRow[] = [];
      const errors: StagedError[] = [];
      for (const row of batch) {
        const parsed = parseRow(kind, crypto, present, row);
        staged.push(parsed.staged);
        for (const i of parsed.issues) {
          errors.push({ row_number: row.rowNumber, column: i.column, value: i.value ?? null, code: i.code, message_zh: i.message.zh, message_en: i.message.en });
        }
      }
      rows += batch.length;
      await writing;
      writing = write(staged, errors, rows);
      // a failed write surfaces at the next batch or at the end; keep it from being unhandled meanwhile
      writing.catch(() => {});
    },
    /** Waits for the last write; returns the number of rows staged. */
    async finish(): Promise<number> {
      await writing;
      return rows;
    },
  };
}

/** Streams an uploaded file into staging (see createStager), after resolving its header. */
export async function stageFile(opts: {
  db: Db;
  crypto: FieldCrypto;
  kind: ImportKind;
  batchId: string;
  file: { name: string; data: NodeJS.ReadableStream };
  mapping: Record<string, string> | undefined;
  onProgress(rowsSoFar: number): Promise<void>;
}): Promise<ReadResult & { rows: number }> {
  const stager = createStager(opts);
  let present: Set<string> | null = null;
  const result = await readImportFile({ name: opts.file.name, data: opts.file.data }, opts.kind.columns, {
    batchSize: 2000,
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
    // the header decides which columns the file has; columns it lacks are left untouched by the merge
    onHeader: (header) => {
      present = new Set(Object.keys(header.mapping));
    },
    onBatch: async (batch) => {
      if (!present) throw new Error('rows before the header');
      await stager.add(present, batch);
    },
  });
  return { ...result, rows: await stager.finish() };
}
