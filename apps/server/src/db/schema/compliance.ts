import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { employees } from './org.ts';
import { pipPlans } from './pip.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A situation of 劳动合同法 第四十二条 (pregnancy, medical treatment period, occupational disease…)
 * during which an employee may not be dismissed under 第四十条. Health data: HR in scope only,
 * the kind and the note encrypted at rest (field crypto). Never deleted: ending one sets `to`.
 */
export const protectedSituations = pgTable(
  'protected_situations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    kindEnc: text('kind_enc').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    /** null: ongoing */
    toDate: date('to_date', { mode: 'string' }),
    noteEnc: text('note_enc'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    endedByName: text('ended_by_name'),
    endedAt: ts('ended_at'),
  },
  (t) => [index('protected_situations_employee_idx').on(t.employeeId, t.fromDate), index('protected_situations_recorded_by_idx').on(t.recordedBy)],
);

/** The employee's statutory retirement date, entered or computed by HR (one row per employee; changes are audited). */
export const retirementDates = pgTable(
  'retirement_dates',
  {
    employeeId: uuid('employee_id')
      .primaryKey()
      .references(() => employees.id),
    date: date('date', { mode: 'string' }).notNull(),
    source: text('source').notNull(), // entered | computed
    /** computed: { birthDate, category, originalAge, delayMonths, ageYears, ageMonths } */
    basis: jsonb('basis'),
    noteEnc: text('note_enc'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('retirement_dates_recorded_by_idx').on(t.recordedBy)],
);

/**
 * A termination review of a plan not passed (劳动合同法 第四十条第二项): the guard report as it stood,
 * the overrides of unmet conditions (who, when, why), the union notification, the notice and the
 * economic compensation. Wages and amounts, and the report (it may name a protected situation),
 * are encrypted at rest. Proposed by HR or the plan's HRBP, decided by another HR person in scope.
 */
export const terminationReviews = pgTable(
  'termination_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id),
    status: text('status').notNull(), // proposed | approved | rejected
    reviewDate: date('review_date', { mode: 'string' }).notNull(),
    unionNotifiedOn: date('union_notified_on', { mode: 'string' }).notNull(),
    unionNote: text('union_note').notNull(),
    noticeMode: text('notice_mode').notNull(), // notice | pay_in_lieu
    noticeOn: date('notice_on', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
    /** { wages, payInLieu, compensation } as JSON, encrypted */
    figuresEnc: text('figures_enc').notNull(),
    /** the GuardReport as JSON, encrypted */
    guardEnc: text('guard_enc').notNull(),
    unmet: jsonb('unmet').$type<string[]>().notNull(),
    overrides: jsonb('overrides').$type<{ condition: string; reason: string; by: string; byUserId: string | null; at: string }[]>().notNull(),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    proposedByName: text('proposed_by_name').notNull(),
    proposedAt: ts('proposed_at').notNull(),
    decision: text('decision'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedByName: text('decided_by_name'),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('termination_reviews_plan_idx').on(t.planId, t.proposedAt),
    index('termination_reviews_proposed_by_idx').on(t.proposedBy),
    index('termination_reviews_decided_by_idx').on(t.decidedBy),
  ],
);
