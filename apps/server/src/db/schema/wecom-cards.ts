import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { pipPlans } from './pip.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * An interactive WeCom card (button_interaction) sent for a notification that asks something of
 * its recipient: approve a plan, confirm minutes, evaluate, acknowledge. One per delivery
 * (`task_id` = "uplift-<outbox id>"). `subject_type`/`subject_id` say what it is about; once that
 * is settled (here or on the web) the card is closed and its buttons greyed out for everyone
 * through update_template_card, with `update_code`: the freshest unused response_code (the send's,
 * or the last click's; single use, 72 h, until `code_expires_at`).
 * status: open | closed. update_status: none | pending | done | failed | expired.
 */
export const wecomCards = pgTable(
  'wecom_cards',
  {
    taskId: text('task_id').primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull().unique(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    wecomUserId: text('wecom_user_id').notNull(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    planId: uuid('plan_id').references(() => pipPlans.id, { onDelete: 'cascade' }),
    /** The callback buttons' keys the card carries: a click with any other key is refused. */
    keys: jsonb('keys').$type<string[]>().notNull(),
    msgid: text('msgid'),
    updateCode: text('update_code'),
    codeExpiresAt: ts('code_expires_at'),
    status: text('status').notNull(),
    closedText: text('closed_text'),
    closedAt: ts('closed_at'),
    /** Something about the subject changed: the drain asks whether the card is still open. */
    checkDue: boolean('check_due').notNull().default(false),
    updateStatus: text('update_status').notNull().default('none'),
    updateAttempts: integer('update_attempts').notNull().default(0),
    updateError: text('update_error'),
    nextAttemptAt: ts('next_attempt_at'),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [
    index('wecom_cards_subject_idx').on(t.subjectType, t.subjectId),
    index('wecom_cards_plan_open_idx').on(t.planId).where(sql`${t.status} = 'open'`),
    index('wecom_cards_work_idx').on(t.nextAttemptAt).where(sql`${t.checkDue} or ${t.updateStatus} = 'pending'`),
  ],
);

/**
 * A click on a card's callback button, recorded in the callback's transaction and carried out
 * afterwards as that WeCom member (never inside the callback's transaction).
 * status: pending | done | refused | failed.
 */
export const wecomCardClicks = pgTable(
  'wecom_card_clicks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: text('task_id').notNull(),
    wecomUserId: text('wecom_user_id').notNull(),
    eventKey: text('event_key').notNull(),
    responseCode: text('response_code').notNull(),
    status: text('status').notNull(),
    result: text('result'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: ts('lease_until'),
    receivedAt: ts('received_at').notNull(),
    processedAt: ts('processed_at'),
  },
  (t) => [index('wecom_card_clicks_pending_idx').on(t.receivedAt).where(sql`${t.status} = 'pending'`), index('wecom_card_clicks_task_idx').on(t.taskId)],
);
