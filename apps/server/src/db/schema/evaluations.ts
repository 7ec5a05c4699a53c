import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { pipGoals, pipPlans } from './pip.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * An evaluation of a plan at one evaluation point of its snapshot (跟踪与评估): scheduled when
 * the plan starts, pushed (open) on its business date by the tick, completed when the manager's
 * rating, the employee's self-assessment and the HRBP's comment are all in. Each part is written
 * once and kept; its author's name is kept with it.
 */
export const pipEvaluations = pgTable(
  'pip_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pipPlans.id, { onDelete: 'cascade' }),
    pointKey: text('point_key').notNull(),
    /** point: an evaluation point of the snapshot; reassessment: the follow-up of a plan not passed, on the same locked goals */
    kind: text('kind').notNull().default('point'),
    /** the goals version the evaluation judges against (the locked, acknowledged standard) */
    goalsVersion: integer('goals_version'),
    /** a re-assessment's conclusion by the manager: met | not_met */
    conclusion: text('conclusion'),
    name: text('name').notNull(),
    atPercent: integer('at_percent').notNull(),
    status: text('status').notNull(), // scheduled | open | completed | cancelled
    /** the working day it is pushed on; moves with the plan's end while scheduled */
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    /** set when pushed: every part due (policy's N working days), escalation after as many again */
    dueOn: date('due_on', { mode: 'string' }),
    escalateOn: date('escalate_on', { mode: 'string' }),
    openedAt: ts('opened_at'),
    completedAt: ts('completed_at'),
    managerOverall: text('manager_overall'),
    managerSummary: text('manager_summary'),
    managerAt: ts('manager_at'),
    managerBy: uuid('manager_by').references(() => users.id, { onDelete: 'set null' }),
    managerName: text('manager_name'),
    selfSummary: text('self_summary'),
    selfAt: ts('self_at'),
    selfBy: uuid('self_by').references(() => users.id, { onDelete: 'set null' }),
    selfName: text('self_name'),
    hrbpComment: text('hrbp_comment'),
    hrbpAt: ts('hrbp_at'),
    hrbpBy: uuid('hrbp_by').references(() => users.id, { onDelete: 'set null' }),
    hrbpName: text('hrbp_name'),
    /** the business date of the last overdue reminder (one a day) */
    remindedOn: date('reminded_on', { mode: 'string' }),
    escalatedAt: ts('escalated_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('pip_evaluations_point_uq').on(t.planId, t.pointKey),
    // the tick's "due to push" scan
    index('pip_evaluations_opens_idx').on(t.opensOn).where(sql`${t.status} = 'scheduled'`),
    // the tick's and the HRBP list's "overdue" scan
    index('pip_evaluations_due_idx').on(t.dueOn).where(sql`${t.status} = 'open'`),
    index('pip_evaluations_manager_by_idx').on(t.managerBy),
    index('pip_evaluations_self_by_idx').on(t.selfBy),
    index('pip_evaluations_hrbp_by_idx').on(t.hrbpBy),
  ],
);

/** One goal's rating in an evaluation: by the manager (with progress %) or in the self-assessment. */
export const pipEvaluationGoals = pgTable(
  'pip_evaluation_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => pipEvaluations.id, { onDelete: 'cascade' }),
    part: text('part').notNull(), // manager | self
    goalId: uuid('goal_id')
      .notNull()
      .references(() => pipGoals.id, { onDelete: 'cascade' }),
    rating: text('rating').notNull(),
    percent: integer('percent'),
    comment: text('comment').notNull().default(''),
  },
  (t) => [uniqueIndex('pip_evaluation_goals_uq').on(t.evaluationId, t.part, t.goalId), index('pip_evaluation_goals_goal_idx').on(t.goalId)],
);
