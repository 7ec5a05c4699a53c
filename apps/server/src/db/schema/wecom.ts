import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per WeCom callback accepted: its de-duplication key makes a repeated delivery
 * (WeCom retries up to 3 times) answer 200 without being processed twice. The row is written
 * in the same transaction as the handlers' effects and the audit record.
 */
export const wecomCallbackReceipts = pgTable(
  'wecom_callback_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // "msg:<MsgId>" for messages; "evt:<sha256 of the decrypted XML>" for events (a retry carries the same XML)
    dedupKey: text('dedup_key').notNull(),
    msgType: text('msg_type').notNull(),
    event: text('event'),
    fromUser: text('from_user').notNull(),
    agentId: integer('agent_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('wecom_callback_receipts_key_uq').on(t.dedupKey), index('wecom_callback_receipts_received_idx').on(t.receivedAt)],
);

/**
 * Per-recipient result of a WeCom app message sent for a notification (one outbox row of the
 * `wecom` channel): its key makes re-delivery after a crash skip what WeCom already took.
 * status: sent | invalid (WeCom listed the member in invaliduser) | unreachable (no WeCom id).
 */
export const wecomDeliveries = pgTable(
  'wecom_deliveries',
  {
    outboxId: bigint('outbox_id', { mode: 'number' }).primaryKey(),
    recipientId: uuid('recipient_id').notNull(),
    wecomUserId: text('wecom_userid'),
    status: text('status').notNull(),
    msgid: text('msgid'),
    errcode: integer('errcode'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('wecom_deliveries_recipient_idx').on(t.recipientId, t.createdAt)],
);

/**
 * Which side is master of each synced employee field (Uplift by default: a field without a row
 * is Uplift's). Where WeCom is master, contact sync proposes updating Uplift.
 */
export const wecomSyncFields = pgTable('wecom_sync_fields', {
  field: text('field').primaryKey(), // name | unit | manager | position | status
  master: text('master').notNull(), // uplift | wecom
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * A stored contact-sync diff (预览) and, once applied, its result. `hash` covers the directory,
 * the org and the field settings the diff was computed from: apply recomputes it and refuses a
 * stale preview. mode: full (links, updates, leavers) | daily (links and WeCom-master fields).
 * status: preview | applied | stale | failed.
 */
export const wecomSyncRuns = pgTable(
  'wecom_sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // creation order (business time from the clock can repeat)
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    mode: text('mode').notNull(),
    hash: text('hash').notNull(),
    diff: jsonb('diff').notNull(),
    status: text('status').notNull(),
    result: jsonb('result'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('wecom_sync_runs_seq_idx').on(t.seq)],
);
