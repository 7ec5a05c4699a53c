import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { employees } from './org.ts';

/**
 * One person's acknowledgment of one version of a subject (a policy version, a PIP plan, an
 * outcome): what they saw (SHA-256), where, when — or a refusal recorded with a witness.
 * One row per person and subject version; a new version needs a new one.
 */
export const acknowledgments = pgTable(
  'acknowledgments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    subjectVersion: integer('subject_version').notNull(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    userId: uuid('user_id').references(() => users.id),
    status: text('status').notNull(), // confirmed | refused
    contentSha256: text('content_sha256').notNull(),
    channel: text('channel').notNull(), // web | wecom | in_person
    ip: text('ip'),
    userAgent: text('user_agent'),
    witnessEmployeeId: uuid('witness_employee_id').references(() => employees.id),
    witnessNote: text('witness_note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('acknowledgments_person_uq').on(t.subjectType, t.subjectId, t.subjectVersion, t.employeeId),
    index('acknowledgments_employee_idx').on(t.employeeId),
  ],
);
