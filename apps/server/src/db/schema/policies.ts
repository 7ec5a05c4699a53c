import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [
    uniqueIndex('policy_versions_owner_version_uq').on(t.ownerUnitId, t.version),
    uniqueIndex('policy_versions_in_force_uq').on(t.ownerUnitId).where(sql`${t.state} = 'in_force'`),
    index('policy_versions_state_idx').on(t.state, t.effectiveFrom),
  ],
);
