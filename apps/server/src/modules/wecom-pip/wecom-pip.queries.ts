import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { checkins, employees, pipPlans } from '../../db/schema/index.ts';

export type PlanPeople = {
  planId: string;
  state: string;
  employeeName: string;
  /** WeCom userids (lower-cased) of those on WeCom and not gone; null otherwise. */
  employee: string | null;
  manager: string | null;
  hrbp: string | null;
  /** employee id → WeCom userid, for reading answers back. */
  byEmployee: Map<string, string>;
};

/** The plan's employee, manager and HRBP as WeCom knows them, read when an op runs. */
export async function planPeople(db: Db, planId: string): Promise<PlanPeople | null> {
  const [plan] = await db.select({ id: pipPlans.id, state: pipPlans.state, employeeId: pipPlans.employeeId, managerId: pipPlans.managerId, hrbpId: pipPlans.hrbpId }).from(pipPlans).where(eq(pipPlans.id, planId));
  if (!plan) return null;
  const ids = [plan.employeeId, plan.managerId, plan.hrbpId].filter((x): x is string => x !== null);
  const [subject] = await db.select({ name: employees.name }).from(employees).where(eq(employees.id, plan.employeeId));
  const reachable = await db
    .select({ id: employees.id, userid: employees.wecomUserId })
    .from(employees)
    .where(and(inArray(employees.id, ids), isNotNull(employees.wecomUserId), ne(employees.status, 'left')));
  const byEmployee = new Map(reachable.map((r) => [r.id, r.userid!.toLowerCase()]));
  const of = (id: string | null) => (id ? (byEmployee.get(id) ?? null) : null);
  return { planId: plan.id, state: plan.state, employeeName: subject?.name ?? '', employee: of(plan.employeeId), manager: of(plan.managerId), hrbp: of(plan.hrbpId), byEmployee };
}

export async function checkinRow(db: Db, id: string) {
  const [c] = await db.select({ id: checkins.id, planId: checkins.planId, kind: checkins.kind, status: checkins.status, scheduledAt: checkins.scheduledAt, reminderDueAt: checkins.reminderDueAt }).from(checkins).where(eq(checkins.id, id));
  return c ?? null;
}

/** Who is expected at a meeting: WeCom userids of the employee and the manager, and the HRBP at a three-party one. */
export function attendeesOf(p: PlanPeople, kind: string): string[] {
  const list = kind === 'three_party' ? [p.employee, p.manager, p.hrbp] : [p.employee, p.manager];
  return [...new Set(list.filter((x): x is string => x !== null))];
}

/** The plan's states in which its meetings and chat are live. */
export const OPEN_STATES = new Set(['in_progress', 'paused', 'final_review', 'follow_up', 'goal_setting']);
