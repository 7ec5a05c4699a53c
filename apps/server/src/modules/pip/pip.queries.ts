import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { PipActor } from '@uplift/contract';
import { queryRows, sqlList, type Db, type Tx } from '../../db/client.ts';
import { employees, pipApprovalSteps, pipGoals, pipPlans } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import { inScope, pathInScope, type Access } from '../access/access.ts';

export type PlanRow = typeof pipPlans.$inferSelect;
export type StepRow = typeof pipApprovalSteps.$inferSelect;
export type GoalRow = typeof pipGoals.$inferSelect;
export type PlanWithPerson = { plan: PlanRow; orgPath: string; reportPath: string | null; employeeUserId: string | null };

/**
 * SQL: plan `p` of employee `e` is visible to the caller — HR or auditors in scope, the
 * manager chain, the plan's manager/HRBP/initiator, an approver of it, or the employee once
 * the plan is approved.
 */
export function planVisible(access: Access): SQL {
  const parts: SQL[] = [pathInScope(sql`e.org_path`, access.records)];
  if (access.employeeId) {
    if (access.isManager && access.reportPath) parts.push(sql`(e.report_path like ${`${access.reportPath}%`} and e.id <> ${access.employeeId})`);
    parts.push(sql`p.manager_id = ${access.employeeId} or p.hrbp_id = ${access.employeeId}`);
    parts.push(sql`exists (select 1 from pip_approval_steps s where s.plan_id = p.id and (s.approver_id = ${access.employeeId} or s.delegate_id = ${access.employeeId}))`);
    parts.push(sql`(p.employee_id = ${access.employeeId} and p.approved_at is not null)`);
  }
  parts.push(sql`p.initiator_user_id = ${access.userId}`);
  // the subject never sees an unapproved plan, whatever else they are (an HR person's own plan)
  const notOwnDraft = access.employeeId ? sql` and not (p.employee_id = ${access.employeeId} and p.approved_at is null)` : sql``;
  return sql`((${sql.join(parts, sql` or `)})${notOwnDraft})`;
}

/** The plan with its employee's paths, locked for update inside a transaction; 404 when the caller may not see it. */
export async function loadPlan(exec: Db | Tx, access: Access, id: string, lock: boolean): Promise<PlanWithPerson> {
  const [seen] = await queryRows<{ id: string }>(exec as Db, sql`select p.id from pip_plans p join employees e on e.id = p.employee_id where p.id = ${id} and ${planVisible(access)}`);
  if (!seen) throw new AppError('NOT_FOUND', `没有这个改进计划：${id}`);
  const q = exec
    .select({ plan: pipPlans, orgPath: employees.orgPath, reportPath: employees.reportPath, employeeUserId: employees.userId })
    .from(pipPlans)
    .innerJoin(employees, eq(employees.id, pipPlans.employeeId))
    .where(eq(pipPlans.id, id));
  const [row] = lock ? await q.for('update', { of: pipPlans }) : await q;
  return row!;
}

/** The steps of the plan's latest round, in order. */
export async function currentSteps(exec: Db | Tx, planId: string): Promise<StepRow[]> {
  const rows = await exec.select().from(pipApprovalSteps).where(eq(pipApprovalSteps.planId, planId)).orderBy(asc(pipApprovalSteps.round), asc(pipApprovalSteps.seq));
  const round = rows.reduce((m, r) => Math.max(m, r.round), 0);
  return rows.filter((r) => r.round === round);
}

export async function goalsOf(exec: Db | Tx, planId: string): Promise<GoalRow[]> {
  return exec.select().from(pipGoals).where(eq(pipGoals.planId, planId)).orderBy(asc(pipGoals.position));
}

/** The caller's relations to the plan: who they are in the transition table. */
export function actorsOf(access: Access, p: PlanWithPerson, steps: readonly StepRow[]): Set<PipActor> {
  const a = new Set<PipActor>();
  const me = access.employeeId;
  if (p.plan.initiatorUserId === access.userId) a.add('initiator');
  if (me && p.plan.managerId === me) a.add('manager');
  if (me && p.plan.hrbpId === me) a.add('hrbp');
  if (me && p.plan.employeeId === me) a.add('employee');
  // HR rights over the employee's unit, never over one's own plan
  if (inScope(access.hr, p.orgPath) && p.plan.employeeId !== me) a.add('hr');
  const pending = steps.find((s) => s.status === 'pending');
  // once delegated, only the delegate decides
  if (me && pending && (pending.delegateId ?? pending.approverId) === me) a.add('approver');
  return a;
}

/** The HRBP of the nearest unit on the path that has one (null when none). */
export async function nearestHrbp(exec: Db | Tx, orgPath: string, exceptId: string): Promise<string | null> {
  const [r] = await queryRows<{ id: string }>(
    exec as Db,
    sql`select e.id from org_units u join org_unit_hrbps h on h.unit_id = u.id join employees e on e.id = h.employee_id
        where ${orgPath} like u.path || '%' and e.status <> 'left' and e.id <> ${exceptId} order by u.depth desc, e.employee_no limit 1`,
  );
  return r?.id ?? null;
}

/** The HR head of the person's subsidiary (or group): who answers appeals when the HRBP initiated. */
export async function hrHeadFor(exec: Db | Tx, orgPath: string): Promise<string | null> {
  const [r] = await queryRows<{ id: string | null }>(
    exec as Db,
    sql`select u.hr_head_id as id from org_units u where ${orgPath} like u.path || '%' and u.type in ('subsidiary', 'group') and u.hr_head_id is not null order by u.depth desc limit 1`,
  );
  return r?.id ?? null;
}

export async function openPlanOf(exec: Db | Tx, employeeId: string): Promise<PlanRow | null> {
  const [r] = await exec
    .select()
    .from(pipPlans)
    .where(and(eq(pipPlans.employeeId, employeeId), sql`${pipPlans.state} in ('draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review')`));
  return r ?? null;
}

/** The caller's name for a record they write (their employee name, else the account's username). */
export async function callerName(exec: Db | Tx, access: Access): Promise<string> {
  const [me] = access.employeeId ? await exec.select({ name: employees.name }).from(employees).where(eq(employees.id, access.employeeId)) : [];
  return me?.name ?? access.username;
}

/** Events that pause a plan: an absence, a goal change, an extension awaiting re-acknowledgment. */
export const PAUSE_EVENTS = ['pause', 'amend_goals', 'extend'] as const;

/** When the plan's latest pause began (null: never paused); on resume, the pause just ended. */
export async function lastPauseStart(exec: Db | Tx, planId: string): Promise<Date | null> {
  const [row] = await queryRows<{ at: Date | string | null }>(exec as Db, sql`select max(at) as at from pip_events where plan_id = ${planId} and kind in (${sqlList(PAUSE_EVENTS)})`);
  return row?.at ? new Date(row.at) : null;
}

/** SQL: check-in `c` of plan `p` falls inside the plan's current pause (no minutes are owed for it while paused). */
export const meetingInsidePause = sql`(p.state = 'paused' and c.scheduled_at >= p.paused_at)`;
