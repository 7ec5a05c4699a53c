import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { pipGoals, pipPlans } from './pip.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A check-in of a running plan: a 1:1 (employee, manager) or a three-party meeting (with the
 * HRBP), from the snapshot's cadence or added ad hoc. The minutes live on the row; the
 * employee's confirmation of them is their attendance record.
 */
export const checkins = pgTable(
  'checkins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(), // one_on_one | three_party
    origin: text('origin').notNull(), // cadence | ad_hoc
    /** the n-th meeting of its kind in the cadence (null: ad hoc); generation is idempotent on it */
    cadenceSeq: integer('cadence_seq'),
    scheduledAt: ts('scheduled_at').notNull(),
    /** the business date of `scheduledAt` */
    scheduledOn: date('scheduled_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(), // scheduled | held | cancelled
    rescheduledFrom: ts('rescheduled_from'),
    rescheduleReason: text('reschedule_reason'),
    cancelReason: text('cancel_reason'),
    minutes: text('minutes'),
    minutesRecordedAt: ts('minutes_recorded_at'),
    minutesRecordedBy: uuid('minutes_recorded_by').references(() => users.id, { onDelete: 'set null' }),
    /** the policy's N working days after the meeting (in the employee's city) */
    minutesDueOn: date('minutes_due_on', { mode: 'string' }).notNull(),
    employeeConfirmedAt: ts('employee_confirmed_at'),
    /** when the "before the check-in" reminder falls due; re-armed by a reschedule */
    reminderDueAt: ts('reminder_due_at').notNull(),
    /** increases with every reschedule: the reminder's dedupe key names it */
    reminderStep: integer('reminder_step').notNull().default(1),
    remindedAt: ts('reminded_at'),
    /** the business date of the last "minutes overdue" reminder (one a day) */
    overdueRemindedOn: date('overdue_reminded_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('checkins_cadence_uq').on(t.planId, t.kind, t.cadenceSeq).where(sql`${t.origin} = 'cadence'`),
    index('checkins_plan_idx').on(t.planId, t.scheduledAt),
    // the tick's "reminders due" scan
    index('checkins_reminder_due_idx').on(t.reminderDueAt).where(sql`${t.status} = 'scheduled' and ${t.remindedAt} is null`),
    // the tick's and the HRBP list's "minutes overdue" scan
    index('checkins_minutes_due_idx').on(t.minutesDueOn).where(sql`${t.minutesRecordedAt} is null and ${t.status} <> 'cancelled'`),
    index('checkins_minutes_recorded_by_idx').on(t.minutesRecordedBy),
    index('checkins_created_by_idx').on(t.createdBy),
  ],
);

/** Progress on one goal as recorded with a check-in's minutes. */
export const checkinProgress = pgTable(
  'checkin_progress',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkinId: uuid('checkin_id')
      .notNull()
      .references(() => checkins.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => pipGoals.id, { onDelete: 'cascade' }),
    percent: integer('percent').notNull(),
    comment: text('comment').notNull().default(''),
  },
  (t) => [uniqueIndex('checkin_progress_uq').on(t.checkinId, t.goalId), index('checkin_progress_goal_idx').on(t.goalId)],
);

/** The employee's own comments on a check-in. */
export const checkinComments = pgTable(
  'checkin_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkinId: uuid('checkin_id')
      .notNull()
      .references(() => checkins.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('checkin_comments_checkin_idx').on(t.checkinId, t.at), index('checkin_comments_author_idx').on(t.authorId)],
);
