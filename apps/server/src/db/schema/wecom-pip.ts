import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { checkins } from './checkins.ts';
import { employees } from './org.ts';
import { pipPlans } from './pip.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * What a plan event asks of WeCom (a check-in's schedule, the plan's group chat, an RSVP to
 * read), written in the event's transaction and executed afterwards by the drain, in id order
 * per (kind, ref). kind: schedule (ref = check-in id) | chat (ref = plan id) | rsvp (ref =
 * check-in id). op: upsert | cancel (schedule), create | post | close (chat), fetch (rsvp).
 * status: pending | done | skipped (nothing to do, reason in last_error) | failed (gave up).
 * `dedupe_key` makes a milestone (or the chat's creation) enqueued twice a single row.
 */
export const wecomPipOps = pgTable(
  'wecom_pip_ops',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    ref: text('ref').notNull(),
    op: text('op').notNull(),
    dedupeKey: text('dedupe_key'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    errcode: integer('errcode'),
    dueAt: ts('due_at').notNull(),
    /** a drain working on the op holds it until then; a crashed drain's op is taken again after it */
    leaseUntil: ts('lease_until'),
    createdAt: ts('created_at').notNull(),
    doneAt: ts('done_at'),
  },
  (t) => [
    uniqueIndex('wecom_pip_ops_dedupe_uq').on(t.kind, t.ref, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    index('wecom_pip_ops_pending_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
    index('wecom_pip_ops_ref_idx').on(t.kind, t.ref, t.id),
  ],
);

/** A check-in's WeCom schedule. status: active | cancelled. */
export const wecomPipSchedules = pgTable(
  'wecom_pip_schedules',
  {
    checkinId: uuid('checkin_id')
      .primaryKey()
      .references(() => checkins.id, { onDelete: 'cascade' }),
    scheduleId: text('schedule_id').notNull(),
    status: text('status').notNull(),
    attendees: jsonb('attendees').$type<string[]>().notNull(),
    syncedAt: ts('synced_at').notNull(),
  },
  (t) => [uniqueIndex('wecom_pip_schedules_schedule_uq').on(t.scheduleId)],
);

/** A plan's private app group chat; nothing is posted once `closed_at` is set. */
export const wecomPipChats = pgTable(
  'wecom_pip_chats',
  {
    planId: uuid('plan_id')
      .primaryKey()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    chatid: text('chatid').notNull(),
    members: jsonb('members').$type<string[]>().notNull(),
    createdAt: ts('created_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [uniqueIndex('wecom_pip_chats_chatid_uq').on(t.chatid)],
);

/**
 * A participant's answer to a check-in's schedule as WeCom last reported it. Informative only:
 * attendance remains the employee's confirmation of the minutes.
 * status: pending | tentative | accepted | declined.
 */
export const wecomPipRsvps = pgTable(
  'wecom_pip_rsvps',
  {
    checkinId: uuid('checkin_id')
      .notNull()
      .references(() => checkins.id, { onDelete: 'cascade' }),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkinId, t.employeeId] }), index('wecom_pip_rsvps_employee_idx').on(t.employeeId)],
);
