import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { pipPlans } from './pip.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The final review's outcome of a plan, one row per round (a returned proposal stays as the
 * record; an extension leads to a later round). Proposed by the manager or HR, confirmed by the
 * HRBP or HR in scope (someone else); the employee's receipt is an acknowledgment of subject
 * `pip_outcome` naming this row.
 */
export const pipOutcomes = pgTable(
  'pip_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    outcome: text('outcome').notNull(), // passed | extended | not_passed
    note: text('note').notNull(),
    followUps: jsonb('follow_ups').$type<string[]>().notNull().default([]),
    extensionEnd: date('extension_end', { mode: 'string' }),
    extensionReason: text('extension_reason'),
    previousEnd: date('previous_end', { mode: 'string' }).notNull(),
    status: text('status').notNull(), // proposed | returned | confirmed
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    proposedByName: text('proposed_by_name').notNull(),
    proposedAt: ts('proposed_at').notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedByName: text('confirmed_by_name'),
    confirmedAt: ts('confirmed_at'),
    /** what the employee is shown and acknowledges (fixed at confirmation) and its SHA-256 */
    receiptText: text('receipt_text'),
    receiptSha256: text('receipt_sha256'),
    returnComment: text('return_comment'),
    returnedByName: text('returned_by_name'),
    returnedAt: ts('returned_at'),
  },
  (t) => [
    index('pip_outcomes_plan_idx').on(t.planId, t.round),
    index('pip_outcomes_proposed_by_idx').on(t.proposedBy),
    index('pip_outcomes_confirmed_by_idx').on(t.confirmedBy),
  ],
);

/** Training tied to a gap of the plan's locked goals: distinct from the PIP itself (劳动合同法 40(2)). */
export const pipTrainings = pgTable(
  'pip_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    gap: text('gap').notNull(),
    goalIds: jsonb('goal_ids').$type<string[]>().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    trainer: text('trainer').notNull(),
    attendance: text('attendance'), // attended | partial | absent (null: not yet held)
    attendanceNote: text('attendance_note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('pip_trainings_plan_idx').on(t.planId, t.startsOn), index('pip_trainings_created_by_idx').on(t.createdBy)],
);

/** A role adjustment: the new position, why, how it relates to the old one, and the notice the employee signs. */
export const pipRoleAdjustments = pgTable(
  'pip_role_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    fromPosition: text('from_position').notNull(),
    fromGrade: text('from_grade'),
    toPosition: text('to_position').notNull(),
    toGrade: text('to_grade'),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    relation: text('relation').notNull(),
    noticeText: text('notice_text').notNull(),
    noticeSha256: text('notice_sha256').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('pip_role_adjustments_plan_idx').on(t.planId, t.createdAt), index('pip_role_adjustments_created_by_idx').on(t.createdBy)],
);
