import { asc, eq, inArray } from 'drizzle-orm';
import type { Evaluation } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { pipEvaluationGoals, pipEvaluations } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import { loadPlan, type PlanWithPerson } from '../pip/pip.queries.ts';
import { missingParts } from './evaluations.schedule.ts';

export type EvaluationRow = typeof pipEvaluations.$inferSelect;

/** An evaluation with its plan, locked inside a transaction; 404 when the caller may not see the plan. */
export async function loadEvaluation(exec: Db | Tx, access: Access, id: string, lock: boolean): Promise<{ e: EvaluationRow; p: PlanWithPerson }> {
  const [e] = await exec.select().from(pipEvaluations).where(eq(pipEvaluations.id, id));
  if (!e) throw new AppError('NOT_FOUND', `没有这次评估：${id}`);
  const p = await loadPlan(exec, access, e.planId, lock);
  if (!lock) return { e, p };
  const [locked] = await exec.select().from(pipEvaluations).where(eq(pipEvaluations.id, id)).for('update');
  return { e: locked!, p };
}

export async function evaluationsOfPlan(exec: Db | Tx, planId: string): Promise<EvaluationRow[]> {
  return exec.select().from(pipEvaluations).where(eq(pipEvaluations.planId, planId)).orderBy(asc(pipEvaluations.opensOn), asc(pipEvaluations.atPercent));
}

/** Open, past its due date and a part missing. */
export function isOverdue(e: Pick<EvaluationRow, 'status' | 'dueOn'>, today: string): boolean {
  return e.status === 'open' && e.dueOn !== null && e.dueOn < today;
}

/** The evaluations as the API shows them, with each part's per-goal ratings. */
export async function presentEvaluations(exec: Db | Tx, rows: readonly EvaluationRow[], ratingScale: readonly string[], today: string): Promise<Evaluation[]> {
  const ids = rows.map((r) => r.id);
  const goals = ids.length ? await exec.select().from(pipEvaluationGoals).where(inArray(pipEvaluationGoals.evaluationId, ids)) : [];
  const of = (id: string, part: 'manager' | 'self') => goals.filter((g) => g.evaluationId === id && g.part === part);
  return rows.map((e) => ({
    id: e.id,
    planId: e.planId,
    pointKey: e.pointKey,
    kind: e.kind as Evaluation['kind'],
    goalsVersion: e.goalsVersion,
    conclusion: (e.conclusion as Evaluation['conclusion']) ?? null,
    name: e.name,
    atPercent: e.atPercent,
    final: e.kind === 'point' && e.atPercent === 100,
    status: e.status as Evaluation['status'],
    opensOn: e.opensOn,
    dueOn: e.dueOn,
    openedAt: e.openedAt?.toISOString() ?? null,
    completedAt: e.completedAt?.toISOString() ?? null,
    overdue: isOverdue(e, today),
    missing: e.status === 'open' ? missingParts(e) : [],
    escalatedAt: e.escalatedAt?.toISOString() ?? null,
    ratingScale: [...ratingScale],
    manager: e.managerAt
      ? { at: e.managerAt.toISOString(), by: e.managerName ?? '', overall: e.managerOverall ?? '', summary: e.managerSummary ?? '', goals: of(e.id, 'manager').map((g) => ({ goalId: g.goalId, rating: g.rating, percent: g.percent ?? 0, comment: g.comment })) }
      : null,
    self: e.selfAt ? { at: e.selfAt.toISOString(), by: e.selfName ?? '', summary: e.selfSummary ?? '', goals: of(e.id, 'self').map((g) => ({ goalId: g.goalId, rating: g.rating, comment: g.comment })) } : null,
    hrbp: e.hrbpAt ? { at: e.hrbpAt.toISOString(), by: e.hrbpName ?? '', comment: e.hrbpComment ?? '' } : null,
  }));
}
