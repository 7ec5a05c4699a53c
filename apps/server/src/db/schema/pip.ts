import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { employees } from './org.ts';
import { pipCandidates } from './performance.ts';
import { policyVersions } from './policies.ts';
import { templateSnapshots } from './templates.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A performance improvement plan of one employee. At most one open plan per employee. */
export const pipPlans = pgTable(
  'pip_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    problemType: text('problem_type').notNull(), // performance | conduct
    candidateId: uuid('candidate_id').references(() => pipCandidates.id),
    /** the candidate's evidence as it was at conversion */
    evidence: jsonb('evidence'),
    reasonText: text('reason_text').notNull(),
    /** conduct: the recorded violation { description, occurredOn, evidence } */
    violation: jsonb('violation'),
    initiatorUserId: uuid('initiator_user_id').references(() => users.id, { onDelete: 'set null' }),
    initiatorName: text('initiator_name').notNull(),
    managerId: uuid('manager_id').references(() => employees.id),
    hrbpId: uuid('hrbp_id').references(() => employees.id),
    policyVersionId: uuid('policy_version_id').references(() => policyVersions.id),
    policyVersion: integer('policy_version'),
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => templateSnapshots.id),
    plannedStart: date('planned_start', { mode: 'string' }).notNull(),
    plannedEnd: date('planned_end', { mode: 'string' }).notNull(),
    state: text('state').notNull(),
    pauseReason: text('pause_reason'),
    pausedAt: ts('paused_at'),
    /** calendar days the plan was paused, added to the end date on resume */
    pausedDays: integer('paused_days').notNull().default(0),
    /** increases with every save of the goals: an acknowledgment names the version it signed */
    goalsVersion: integer('goals_version').notNull().default(0),
    goalsFinalisedAt: ts('goals_finalised_at'),
    approvedAt: ts('approved_at'),
    outcome: jsonb('outcome'),
    cancelReason: text('cancel_reason'),
    closedReason: text('closed_reason'), // outcome | left_during_plan
    closedAt: ts('closed_at'),
    /** optimistic concurrency: every change bumps it */
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('pip_plans_one_open_uq')
      .on(t.employeeId)
      .where(sql`${t.state} in ('draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review', 'follow_up')`),
    index('pip_plans_employee_idx').on(t.employeeId, t.createdAt),
    index('pip_plans_state_idx').on(t.state, t.createdAt),
    index('pip_plans_manager_idx').on(t.managerId),
    index('pip_plans_hrbp_idx').on(t.hrbpId),
  ],
);

/** One node of a plan's approval chain, per submission round. */
export const pipApprovalSteps = pgTable(
  'pip_approval_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    seq: integer('seq').notNull(),
    nodeKey: text('node_key').notNull(),
    kind: text('kind').notNull(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => employees.id),
    delegateId: uuid('delegate_id').references(() => employees.id),
    status: text('status').notNull(), // waiting | pending | approved | rejected | superseded
    comment: text('comment'),
    requestedAt: ts('requested_at'),
    remindedAt: ts('reminded_at'),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('pip_approval_steps_uq').on(t.planId, t.round, t.seq),
    index('pip_approval_steps_pending_approver_idx').on(t.approverId).where(sql`${t.status} = 'pending'`),
    index('pip_approval_steps_pending_delegate_idx').on(t.delegateId).where(sql`${t.status} = 'pending'`),
  ],
);

export const pipGoals = pgTable(
  'pip_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    metric: text('metric').notNull(),
    baseline: text('baseline').notNull(),
    target: text('target').notNull(),
    unit: text('unit').notNull(),
    weight: integer('weight').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    support: text('support').notNull(),
    draftedBy: text('drafted_by').notNull(), // manager | employee | hr
  },
  (t) => [index('pip_goals_plan_idx').on(t.planId, t.position)],
);

/** The plan's timeline: every state change and notable act, in order. */
export const pipEvents = pgTable(
  'pip_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** insertion order: several events of one transaction share a time */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    at: ts('at').notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('pip_events_plan_idx').on(t.planId, t.seq)],
);

export const pipComments = pgTable(
  'pip_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    authorRole: text('author_role').notNull(),
    body: text('body').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('pip_comments_plan_idx').on(t.planId, t.at)],
);

export const pipAppeals = pgTable(
  'pip_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    status: text('status').notNull(), // open | upheld | dismissed
    handlerId: uuid('handler_id')
      .notNull()
      .references(() => employees.id),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    answer: text('answer'),
    answeredAt: ts('answered_at'),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('pip_appeals_plan_idx').on(t.planId, t.createdAt), index('pip_appeals_open_handler_idx').on(t.handlerId).where(sql`${t.status} = 'open'`)],
);

/**
 * Standing out-of-office delegation (外出代理): while `employeeId` is away (from–to, business
 * dates, inclusive) the approval steps that become theirs go to `delegateId`.
 */
export const pipApprovalDelegations = pgTable(
  'pip_approval_delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    delegateId: uuid('delegate_id')
      .notNull()
      .references(() => employees.id),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // "active for this approver on date D": employee, then the range
    index('pip_approval_delegations_active_idx').on(t.employeeId, t.fromDate, t.toDate).where(sql`${t.revokedAt} is null`),
    index('pip_approval_delegations_delegate_idx').on(t.delegateId),
    index('pip_approval_delegations_created_by_idx').on(t.createdBy),
  ],
);
