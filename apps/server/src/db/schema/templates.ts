import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.ts';
import { users } from './auth.ts';
import { policyVersions } from './policies.ts';

/** The group's standard PIP workflow template: one per owner (the group), versioned in place; every change is audited with before/after. */
export const pipTemplates = pgTable(
  'pip_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    /** TemplateSettings: values, bounds and locks */
    settings: jsonb('settings').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('pip_templates_owner_uq').on(t.ownerUnitId)],
);

/** A unit's override of the template's adjustable parameters (one per unit). */
export const pipTemplateOverrides = pgTable(
  'pip_template_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => pipTemplates.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** TemplateOverrideValues: only the overridden parameters */
    values: jsonb('values').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('pip_template_overrides_unit_uq').on(t.templateId, t.unitId), index('pip_template_overrides_unit_idx').on(t.unitId)],
);

/**
 * The effective template for one employee, frozen: a PIP stores the id at its start and later
 * edits never reach it. Content-addressed: identical content is one row (sha256 unique).
 */
export const templateSnapshots = pgTable(
  'template_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the canonical JSON of `content` */
    sha256: text('sha256').notNull(),
    content: jsonb('content').notNull(),
    employeeId: uuid('employee_id').notNull(),
    templateId: uuid('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    policyVersionId: uuid('policy_version_id').references(() => policyVersions.id),
    policyVersion: integer('policy_version'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('template_snapshots_sha_uq').on(t.sha256), index('template_snapshots_employee_idx').on(t.employeeId)],
);
