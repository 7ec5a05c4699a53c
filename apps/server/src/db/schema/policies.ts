import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.ts';
import { users } from './auth.ts';

/**
 * A version of the PIP policy (制度) of one owner (the group or a subsidiary). Versions move
 * draft → in_review → scheduled → in_force → superseded; at most one in force per owner (the
 * partial unique index holds that even against two racing publishers).
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    state: text('state').notNull(), // draft | in_review | scheduled | in_force | superseded
    /** markdown of the six sections, keyed by section (PolicySections) */
    sections: jsonb('sections').notNull(),
    /** the enforced settings (PolicySettings) */
    settings: jsonb('settings').notNull(),
    /** the day it takes (or took) force; set when scheduled */
    effectiveFrom: date('effective_from', { mode: 'string' }),
    /** SHA-256 of the canonical content, fixed when the version leaves draft */
    contentSha256: text('content_sha256'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    inForceAt: timestamp('in_force_at', { withTimezone: true, mode: 'date' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'date' }),
    /** days after publication when those who have not confirmed are reminded */
    reminderDays: jsonb('reminder_days').notNull().default([3, 7]),
    /** reminder steps already sent (a rerun of the job skips them) */
    remindedSteps: jsonb('reminded_steps').notNull().default([]),
    /** the democratic procedure (SaveAdoption); evidence files are owned by the version */
    adoption: jsonb('adoption'),
    /** why the reviewer sent it back to draft */
    reviewNote: text('review_note'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('policy_versions_owner_version_uq').on(t.ownerUnitId, t.version),
    uniqueIndex('policy_versions_in_force_uq').on(t.ownerUnitId).where(sql`${t.state} = 'in_force'`),
    index('policy_versions_state_idx').on(t.state, t.effectiveFrom),
  ],
);

/**
 * Q&A on a policy (one owner's, across its versions). The asker is known to HR only; an
 * answer may be published to the policy's FAQ without the asker.
 */
export const policyQuestions = pgTable(
  'policy_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    askerEmployeeId: uuid('asker_employee_id').notNull(),
    askerUserId: uuid('asker_user_id').references(() => users.id),
    question: text('question').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    published: boolean('published').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('policy_questions_owner_idx').on(t.ownerUnitId, t.createdAt), index('policy_questions_asker_idx').on(t.askerEmployeeId)],
);
