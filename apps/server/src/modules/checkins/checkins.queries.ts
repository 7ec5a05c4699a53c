import { asc, eq, inArray } from 'drizzle-orm';
import type { Checkin } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { checkinComments, checkinProgress, checkins, employees, wecomPipRsvps } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { Files } from '../files/files.service.ts';
import { loadPlan, type PlanWithPerson } from '../pip/pip.queries.ts';

export type CheckinRow = typeof checkins.$inferSelect;

/** The files module's owner type of a check-in's attachments. */
export const CHECKIN_FILES = 'checkin';

/** A check-in with its plan, locked inside a transaction; 404 when the caller may not see the plan. */
export async function loadCheckin(exec: Db | Tx, access: Access, id: string, lock: boolean): Promise<{ c: CheckinRow; p: PlanWithPerson }> {
  const [c] = await exec.select().from(checkins).where(eq(checkins.id, id));
  if (!c) throw new AppError('NOT_FOUND', `没有这次面谈：${id}`);
  const p = await loadPlan(exec, access, c.planId, lock);
  if (!lock) return { c, p };
  const [locked] = await exec.select().from(checkins).where(eq(checkins.id, id)).for('update');
  return { c: locked!, p };
}

/** The minutes are not recorded and their due date lies before `today` (a meeting inside the plan's current pause owes none). */
export function isOverdue(c: Pick<CheckinRow, 'status' | 'minutesRecordedAt' | 'minutesDueOn' | 'scheduledAt'>, today: string, pausedAt: Date | null = null): boolean {
  if (pausedAt && c.scheduledAt.getTime() >= pausedAt.getTime()) return false;
  return c.status !== 'cancelled' && c.minutesRecordedAt === null && c.minutesDueOn < today;
}

/** The plan's check-ins in time order, with progress and the employee's comments. */
export async function presentCheckins(exec: Db | Tx, files: Pick<Files, 'list'>, rows: readonly CheckinRow[], today: string, pausedAt: Date | null): Promise<Checkin[]> {
  const ids = rows.map((r) => r.id);
  const progress = ids.length ? await exec.select().from(checkinProgress).where(inArray(checkinProgress.checkinId, ids)) : [];
  const comments = ids.length ? await exec.select().from(checkinComments).where(inArray(checkinComments.checkinId, ids)).orderBy(asc(checkinComments.at)) : [];
  // answers to the WeCom schedule (informative: attendance remains the employee's confirmation of the minutes)
  const rsvps = ids.length
    ? await exec.select({ checkinId: wecomPipRsvps.checkinId, name: employees.name, status: wecomPipRsvps.status }).from(wecomPipRsvps).innerJoin(employees, eq(employees.id, wecomPipRsvps.employeeId)).where(inArray(wecomPipRsvps.checkinId, ids)).orderBy(asc(employees.name))
    : [];
  const attached = new Map<string, Checkin['attachments']>();
  for (const r of rows) attached.set(r.id, (await files.list(exec, { type: CHECKIN_FILES, id: r.id })).map(({ owner: _owner, ...f }) => f));
  return rows.map((c) => ({
    id: c.id,
    planId: c.planId,
    kind: c.kind as Checkin['kind'],
    origin: c.origin as Checkin['origin'],
    status: c.status as Checkin['status'],
    scheduledAt: c.scheduledAt.toISOString(),
    scheduledOn: c.scheduledOn,
    rescheduledFrom: c.rescheduledFrom?.toISOString() ?? null,
    rescheduleReason: c.rescheduleReason,
    cancelReason: c.cancelReason,
    minutes: c.minutes,
    minutesRecordedAt: c.minutesRecordedAt?.toISOString() ?? null,
    minutesDueOn: c.minutesDueOn,
    overdue: isOverdue(c, today, pausedAt),
    employeeConfirmedAt: c.employeeConfirmedAt?.toISOString() ?? null,
    progress: progress.filter((g) => g.checkinId === c.id).map((g) => ({ goalId: g.goalId, percent: g.percent, comment: g.comment })),
    comments: comments.filter((m) => m.checkinId === c.id).map((m) => ({ id: m.id, author: m.authorName, body: m.body, at: m.at.toISOString() })),
    attachments: attached.get(c.id) ?? [],
    ...rsvpOf(rsvps, c.id),
  }));
}

function rsvpOf(rows: { checkinId: string; name: string; status: string }[], id: string): Pick<Checkin, 'rsvp'> {
  const mine = rows.filter((r) => r.checkinId === id).map((r) => ({ name: r.name, status: r.status as NonNullable<Checkin['rsvp']>[number]['status'] }));
  return mine.length > 0 ? { rsvp: mine } : {};
}

export async function checkinsOfPlan(exec: Db | Tx, planId: string): Promise<CheckinRow[]> {
  return exec.select().from(checkins).where(eq(checkins.planId, planId)).orderBy(asc(checkins.scheduledAt), asc(checkins.kind));
}
