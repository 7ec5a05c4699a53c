import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

/**
 * One uploaded file and its life: staged → validated → merged (or invalid, discarded, failed,
 * rolled back). Progress and the heartbeat are written outside the import's own transactions so
 * the UI can follow, and a batch whose worker died is found and marked failed.
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    fileName: text('file_name').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull().default(0),
    sha256: text('sha256').notNull().default(''),
    format: text('format'),
    encoding: text('encoding'),
    source: text('source'),
    mapping: jsonb('mapping').notNull().default({}),
    headerRow: jsonb('header_row').notNull().default([]),
    unmappedHeaders: jsonb('unmapped_headers').notNull().default([]),
    rows: integer('rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    creates: integer('creates').notNull().default(0),
    updates: integer('updates').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    phase: text('phase'),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    failure: text('failure'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    validatedAt: timestamp('validated_at', { withTimezone: true, mode: 'date' }),
    mergedAt: timestamp('merged_at', { withTimezone: true, mode: 'date' }),
    mergedBy: uuid('merged_by').references(() => users.id),
    /** upload received → validated, then → merged (ms of work, not waiting for the user) */
    durationMs: integer('duration_ms'),
    rolledBackAt: timestamp('rolled_back_at', { withTimezone: true, mode: 'date' }),
    rolledBackBy: uuid('rolled_back_by').references(() => users.id),
    /** the process working on it, and when it last said so */
    worker: text('worker'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('import_batches_created_idx').on(t.createdAt, t.id),
    index('import_batches_creator_idx').on(t.createdBy, t.createdAt),
    index('import_batches_sha_idx').on(t.sha256),
    index('import_batches_active_idx').on(t.status).where(sql`${t.status} in ('receiving', 'validating', 'merging')`),
  ],
);

/** Staged rows: the file's values as given (sensitive ones encrypted) and as parsed. */
export const importRows = pgTable(
  'import_rows',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    raw: jsonb('raw').notNull(),
    data: jsonb('data').notNull(),
    /** create | update | unchanged, decided at validation and again at merge */
    action: text('action'),
    /** the record this row creates or updates (a fresh id for a create), set with the action */
    targetId: uuid('target_id'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.rowNumber] })],
);

/** One problem in one cell (column null: the row as a whole). */
export const importErrors = pgTable(
  'import_errors',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    column: text('column'),
    value: text('value'),
    code: text('code').notNull(),
    messageZh: text('message_zh').notNull(),
    messageEn: text('message_en').notNull(),
  },
  (t) => [index('import_errors_batch_idx').on(t.batchId, t.rowNumber, t.id)],
);

/** What a merge changed, to roll it back: the state before (null: created) and after. */
export const importSnapshots = pgTable(
  'import_snapshots',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(), // employee | org_unit | contract
    entityId: uuid('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.entity, t.entityId] })],
);

/** Column mappings remembered per import type and source system ('' when unnamed). */
export const importMappings = pgTable(
  'import_mappings',
  {
    type: text('type').notNull(),
    source: text('source').notNull(),
    mapping: jsonb('mapping').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.type, t.source] })],
);
