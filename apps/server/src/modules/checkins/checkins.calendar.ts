import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { checkins, employees } from '../../db/schema/index.ts';
import { HOUR } from '../../lib/clock.ts';
import { loadOverrides, type Calendar } from '../calendar/calendar.service.ts';
import { addDays, addWorkingDays, spanFor } from '../calendar/working-days.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { PipRecord } from '../pip/pip.record.ts';
import type { PlanRow } from '../pip/pip.queries.ts';
import { planPolicy } from '../pip/pip.facts.ts';
import type { TemplateSnapshot } from '../templates/template-snapshot.ts';
import { cadenceDates, DEFAULT_CHECKIN_TIME, zonedInstant } from './checkins.schedule.ts';

export type CheckinClockDeps = { calendar: Calendar; timeZone: string; businessDate(at: Date): string };

/** The city whose calendar governs the plan: the employee's unit's. */
export async function planCity(exec: Db | Tx, calendar: Calendar, plan: PlanRow): Promise<string | null> {
  const [e] = await exec.select({ unitId: employees.unitId }).from(employees).where(eq(employees.id, plan.employeeId));
  return e?.unitId ? calendar.cityOfUnit(exec, e.unitId) : null;
}

/** When the minutes of a meeting on `on` are due: the policy's N working days later, in the plan's city. */
export async function minutesDue(exec: Db | Tx, deps: CheckinClockDeps, plan: PlanRow, on: string): Promise<string> {
  const n = (await planPolicy(exec, plan.policyVersionId)).communication.minutesDueWorkingDays;
  return (await deps.calendar.addWorkingDays(exec, { from: on, days: n, city: await planCity(exec, deps.calendar, plan) })).due;
}

/** The instant the "before the check-in" reminder falls due. */
export function reminderDue(at: Date, snap: TemplateSnapshot): Date {
  return new Date(at.getTime() - snap.content.values.reminders.beforeCheckInHours * HOUR);
}

/**
 * The cadence's check-ins of a plan that enters in_progress, in the caller's transaction.
 * Idempotent: a meeting is keyed by (plan, kind, n-th), so a rerun adds only what a later end
 * date makes room for; meetings already past today are not created.
 */
export async function generateCheckins(tx: Tx, deps: CheckinClockDeps & { record: PipRecord; now: Date }, ctx: AuditContext, plan: PlanRow, snap: TemplateSnapshot): Promise<number> {
  const policy = await planPolicy(tx, plan.policyVersionId);
  const n = policy.communication.minutesDueWorkingDays;
  const city = await planCity(tx, deps.calendar, plan);
  const overrides = await loadOverrides(tx, city, plan.plannedStart, addDays(plan.plannedEnd, spanFor(n)));
  const today = deps.businessDate(deps.now);
  const cadence = snap.content.values.cadence;
  const planned = cadenceDates({ start: plan.plannedStart, end: plan.plannedEnd, oneOnOneEveryDays: cadence.oneOnOneEveryDays, threePartyEveryDays: cadence.threePartyEveryDays, minutesDueWorkingDays: n }, overrides).filter((c) => c.on >= today);
  if (planned.length === 0) return 0;
  const rows = planned.map((c) => {
    const at = zonedInstant(c.on, DEFAULT_CHECKIN_TIME, deps.timeZone);
    return { planId: plan.id, kind: c.kind, origin: 'cadence', cadenceSeq: c.seq, scheduledAt: at, scheduledOn: c.on, status: 'scheduled', minutesDueOn: addWorkingDays(c.on, n, overrides).due, reminderDueAt: reminderDue(at, snap), createdBy: ctx.actorId, createdAt: deps.now, updatedAt: deps.now };
  });
  const added = await tx.insert(checkins).values(rows).onConflictDoNothing().returning({ id: checkins.id, kind: checkins.kind, on: checkins.scheduledOn });
  if (added.length > 0) await deps.record.event(tx, ctx, plan.id, 'checkins_generated', { data: { count: added.length, checkins: added.map((a) => ({ id: a.id, kind: a.kind, on: a.on })) } });
  return added.length;
}
