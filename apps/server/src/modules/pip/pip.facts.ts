import { eq } from 'drizzle-orm';
import { defaultPolicySettings, policySettingsSchema, type GoalField, type PipAbsenceKind, type PipGoalInput, type PipOutcome, type PipPauseReason, type PipState, type PolicySettings } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { policyVersions } from '../../db/schema/index.ts';
import { addDays } from '../calendar/working-days.ts';
import type { EffectiveResult } from '../templates/effective-template.ts';
import type { TemplateSnapshot } from '../templates/template-snapshot.ts';
import type { PlanFacts } from './pip.transitions.ts';
import type { GoalRow, PlanRow, StepRow } from './pip.queries.ts';

/** What a plan must follow, from its snapshot and the policy version the snapshot names. */
export type PlanBounds = {
  goalFields: GoalField[];
  minGoals: number;
  maxGoals: number;
  minDays: number;
  maxDays: number;
  reminderMinutes: number;
  /** absences the policy pauses plans for */
  pauseAbsences: PipAbsenceKind[];
  /** working days within which an appeal is answered */
  appealWorkingDays: number;
};

/** The settings of the policy version a plan follows (the defaults when it has none). */
export async function planPolicy(exec: Db | Tx, policyVersionId: string | null): Promise<PolicySettings> {
  if (!policyVersionId) return defaultPolicySettings;
  const [p] = await exec.select({ settings: policyVersions.settings }).from(policyVersions).where(eq(policyVersions.id, policyVersionId));
  return p ? policySettingsSchema.parse(p.settings) : defaultPolicySettings;
}

export async function boundsOf(exec: Db | Tx, snapshot: TemplateSnapshot): Promise<PlanBounds> {
  const content: EffectiveResult = snapshot.content;
  const policy = await planPolicy(exec, snapshot.policyVersionId);
  const goals = policy.goals;
  return {
    pauseAbsences: policy.evaluation.pauseAbsences,
    appealWorkingDays: policy.communication.appealAnswerWorkingDays,
    goalFields: content.values.goalForm.fields,
    minGoals: goals.minGoals,
    maxGoals: goals.maxGoals,
    minDays: content.values.duration.minDays,
    maxDays: content.values.duration.maxDays,
    reminderMinutes: content.values.reminders.overdueMinutes,
  };
}

/** Calendar days from start to end, both included. */
export function planDays(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Problems with the dates against the snapshot's duration bounds (empty when fine). */
export function dateIssues(start: string, end: string, b: PlanBounds): { path: string; message: string }[] {
  if (end <= start) return [{ path: 'body.plannedEnd', message: '结束日期须晚于开始日期' }];
  const d = planDays(start, end);
  if (d < b.minDays || d > b.maxDays) return [{ path: 'body.plannedEnd', message: `计划期限为 ${d} 天，模板要求 ${b.minDays}–${b.maxDays} 天` }];
  return [];
}

const fieldFilled: Record<GoalField, (g: PipGoalInput) => boolean> = {
  title: (g) => g.title.trim().length > 0,
  measure: (g) => g.metric.trim().length > 0,
  target: (g) => g.target.trim().length > 0,
  weight: (g) => g.weight > 0,
  dueDate: (g) => g.dueDate !== null,
  support: (g) => g.support.trim().length > 0,
};

/** Problems with a set of goals against the bounds: count, required fields, weights summing to 100. */
export function goalIssues(goals: readonly PipGoalInput[], b: PlanBounds): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (goals.length < b.minGoals || goals.length > b.maxGoals) issues.push({ path: 'body.goals', message: `目标数量须为 ${b.minGoals}–${b.maxGoals} 个` });
  goals.forEach((g, i) => {
    for (const f of b.goalFields) if (!fieldFilled[f](g)) issues.push({ path: `body.goals.${i}.${f}`, message: `第 ${i + 1} 个目标缺少必填项「${f}」` });
  });
  const sum = goals.reduce((s, g) => s + g.weight, 0);
  if (goals.length > 0 && sum !== 100) issues.push({ path: 'body.goals', message: `目标权重合计须为 100%（当前 ${sum}%）` });
  return issues;
}

export const goalInput = (g: GoalRow): PipGoalInput => ({
  title: g.title,
  description: g.description,
  metric: g.metric,
  baseline: g.baseline,
  target: g.target,
  unit: g.unit,
  weight: g.weight,
  dueDate: g.dueDate,
  support: g.support,
});

/**
 * The plan row's summary of its confirmed outcome (written by the outcome service): which one,
 * its record's id, whether the employee acknowledged it, and how a follow-up concluded.
 */
export type StoredOutcome = { outcomeId?: string; outcome: PipOutcome; followUps: string[]; note: string; acknowledged?: boolean; concluded?: 'reassessment_met' | 'termination_review' | null };

export function outcomeFacts(o: StoredOutcome | null): Pick<PlanFacts, 'outcomeRecorded' | 'outcome' | 'outcomeAcknowledged' | 'followUpConcluded'> {
  return { outcomeRecorded: o !== null, outcome: o?.outcome ?? null, outcomeAcknowledged: o?.acknowledged === true, followUpConcluded: Boolean(o?.concluded) };
}

/** The facts the transition table decides on. */
export function planFacts(plan: PlanRow, bounds: PlanBounds, snapshot: TemplateSnapshot, steps: readonly StepRow[], goals: readonly GoalRow[], today: string): PlanFacts {
  const content: EffectiveResult = snapshot.content;
  const reasonOk = plan.reasonText.trim().length > 0 && (plan.problemType !== 'conduct' || plan.violation !== null);
  return {
    state: plan.state as PipState,
    pauseReason: plan.pauseReason as PipPauseReason | null,
    complete: reasonOk && plan.managerId !== null && plan.hrbpId !== null && dateIssues(plan.plannedStart, plan.plannedEnd, bounds).length === 0,
    chainResolved: content.chainComplete && content.policyIssues.length === 0 && content.approvalChain.some((n) => n.status === 'resolved'),
    approvalsLeft: steps.filter((s) => s.status === 'pending' || s.status === 'waiting').length,
    goalsValid: goalIssues(goals.map(goalInput), bounds).length === 0,
    goalsFinal: plan.goalsFinalisedAt !== null,
    endReached: today >= plan.plannedEnd,
    ...outcomeFacts(plan.outcome as StoredOutcome | null),
  };
}

/** The end date after a pause of `days` calendar days. */
export const extendedEnd = (end: string, days: number) => addDays(end, days);
