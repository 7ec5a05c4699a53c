import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { employees, orgUnits } from './org.ts';
import { users } from './auth.ts';

/** A performance period, for the whole group or one subsidiary; results are only final once it is closed. */
export const performanceCycles = pgTable(
  'performance_cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(), // monthly | quarterly | half_yearly | annual
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    status: text('status').notNull(), // open | closed
    /** the grade scale of this cycle, best first (copied from the owner's scale when created) */
    grades: text('grades').array().notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('performance_cycles_code_uq').on(t.code), index('performance_cycles_type_idx').on(t.type, t.status, t.endDate)],
);

/** One employee's result in one cycle. A correction keeps the previous values (performance_result_changes). */
export const performanceResults = pgTable(
  'performance_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => performanceCycles.id),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    score: numeric('score', { precision: 8, scale: 2, mode: 'number' }),
    target: numeric('target', { precision: 12, scale: 2, mode: 'number' }),
    achievement: numeric('achievement', { precision: 7, scale: 2, mode: 'number' }),
    grade: text('grade'),
    evaluatorId: uuid('evaluator_id'),
    comment: text('comment'),
    source: text('source').notNull(), // import | api | manual
    /** the unit the employee belonged to when the result was recorded */
    unitId: uuid('unit_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('performance_results_uq').on(t.employeeId, t.cycleId), index('performance_results_cycle_idx').on(t.cycleId)],
);

/** The previous values of a corrected result, with who changed it and why. */
export const performanceResultChanges = pgTable(
  'performance_result_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => performanceResults.id, { onDelete: 'cascade' }),
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    source: text('source').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('performance_result_changes_result_idx').on(t.resultId, t.at)],
);

export const workLogs = pgTable(
  'work_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    summary: text('summary').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  // the natural key: the same log sent again is the same row
  (t) => [uniqueIndex('work_logs_natural_uq').on(t.employeeId, t.date, sql`md5(${t.summary})`)],
);

export const customerFeedback = pgTable(
  'customer_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    customer: text('customer').notNull(),
    channel: text('channel').notNull(),
    rating: integer('rating').notNull(),
    sentiment: text('sentiment').notNull(), // positive | neutral | negative
    text: text('text').notNull().default(''),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('customer_feedback_natural_uq').on(t.employeeId, t.date, t.customer, sql`md5(${t.text})`),
    index('customer_feedback_negative_idx').on(t.employeeId, t.date).where(sql`${t.sentiment} = 'negative'`),
  ],
);

/** A rule that raises PIP candidates; `version` increases with every change of its definition. */
export const triggerRules = pgTable(
  'trigger_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(), // consecutive_below | rolling_average_below | negative_feedback | grade_count
    cycleType: text('cycle_type'),
    params: jsonb('params').notNull(),
    scope: jsonb('scope').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('trigger_rules_enabled_idx').on(t.enabled)],
);

/** Every version of a rule's definition, so a candidate's evidence names the rule as it was. */
export const triggerRuleVersions = pgTable(
  'trigger_rule_versions',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => triggerRules.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('trigger_rule_versions_uq').on(t.ruleId, t.version)],
);

/** A PIP candidate: one open per employee and rule, with the evidence that raised it. */
export const pipCandidates = pgTable(
  'pip_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => triggerRules.id),
    ruleVersion: integer('rule_version').notNull(),
    status: text('status').notNull(), // open | dismissed | converted | closed
    evidence: jsonb('evidence').notNull(),
    assignedHrbpId: uuid('assigned_hrbp_id'),
    closedReason: text('closed_reason'), // no_longer_matching | dismissed | converted | employee_left
    dismissReason: text('dismiss_reason'),
    /** what the evidence rests on (cycle codes, feedback ids): a dismissed candidate is not raised again on the same facts */
    evidenceKey: text('evidence_key').notNull(),
    /** dismissed with a snooze: not raised again before a later cycle of the rule's type closes (feedback rules: before this date) */
    snoozed: boolean('snoozed').notNull().default(false),
    snoozeUntil: date('snooze_until', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedBy: uuid('closed_by'),
  },
  (t) => [
    uniqueIndex('pip_candidates_open_uq').on(t.employeeId, t.ruleId).where(sql`${t.status} = 'open'`),
    index('pip_candidates_status_idx').on(t.status, t.createdAt),
    index('pip_candidates_employee_idx').on(t.employeeId),
  ],
);
