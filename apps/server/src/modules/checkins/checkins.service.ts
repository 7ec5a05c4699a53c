import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Checkin, CheckinKind } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { checkins, pipPlans } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { pathInScope, type Access } from '../access/access.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { Files } from '../files/files.service.ts';
import { actorsOf, lastPauseStart, loadPlan, meetingInsidePause, type PlanWithPerson } from '../pip/pip.queries.ts';
import type { PipRecord } from '../pip/pip.record.ts';
import type { Pips } from '../pip/pip.service.ts';
import { generateCheckins, minutesDue, reminderDue, type CheckinClockDeps } from './checkins.calendar.ts';
import { checkinsOfPlan, loadCheckin, presentCheckins, type CheckinRow } from './checkins.queries.ts';
import { zonedInstant } from './checkins.schedule.ts';
import { addDays } from '../calendar/working-days.ts';

export type CheckinDeps = CheckinClockDeps & { db: Db; clock: Clock; record: PipRecord; pips: Pips; files: Files };

const SYSTEM: AuditContext = { actorId: null, actorLabel: 'system:checkins', requestId: null };
const kindLabel = { one_on_one: { 'zh-CN': '一对一面谈', 'en-US': '1:1' }, three_party: { 'zh-CN': '三方会谈', 'en-US': 'three-party meeting' } } as const;
const link = (planId: string) => `/pips/${planId}`;
const PAUSED_REASON = '计划暂停期间未举行';

/** Who meets: the employee and the manager, and the HRBP at a three-party meeting. */
export function participantsOf(plan: Pick<PlanWithPerson['plan'], 'employeeId' | 'managerId' | 'hrbpId'>, kind: string): (string | null)[] {
  return kind === 'three_party' ? [plan.employeeId, plan.managerId, plan.hrbpId] : [plan.employeeId, plan.managerId];
}

/** The manager (or HR, HRBP) of a plan may arrange its meetings; other viewers may only look. */
export function requireOrganiser(access: Access, p: PlanWithPerson): void {
  const a = actorsOf(access, p, []);
  if (!a.has('manager') && !a.has('hr') && !a.has('hrbp')) throw new AppError('FORBIDDEN', '只有直属上级或 HR 可以安排面谈');
}

const pausedSince = (p: PlanWithPerson) => (p.plan.state === 'paused' ? p.plan.pausedAt : null);

export function requireRunning(p: PlanWithPerson): void {
  if (p.plan.state !== 'in_progress') throw new AppError('CONFLICT', `计划当前为「${p.plan.state}」，只有执行中的计划可以安排面谈`, { reason: 'state', state: p.plan.state });
}

/** Check-ins: the cadence's meetings, rescheduling, ad hoc meetings, cancellation, and the reminders of the tick. */
export function createCheckins(deps: CheckinDeps) {
  const { db, clock, record, pips } = deps;
  const today = () => deps.businessDate(clock.now());

  /** The cadence's meetings of a plan entering in_progress (the PIP's transaction). */
  async function generate(tx: Tx, ctx: AuditContext, planId: string): Promise<number> {
    const [plan] = await tx.select().from(pipPlans).where(eq(pipPlans.id, planId));
    if (!plan) return 0;
    await skipPaused(tx, ctx, planId);
    return generateCheckins(tx, { ...deps, now: clock.now() }, ctx, plan, await pips.snapshotOf(tx, plan.snapshotId));
  }

  /**
   * On resume (after an absence, a goal change or an extension awaiting re-acknowledgment): the
   * meetings whose time fell inside the pause just ended and that were not held are cancelled
   * (nobody owes minutes for them); the longer plan gains new ones instead.
   */
  async function skipPaused(tx: Tx, ctx: AuditContext, planId: string): Promise<void> {
    const since = await lastPauseStart(tx, planId);
    if (!since) return;
    const now = clock.now();
    const skipped = await queryRows<{ id: string; scheduled_on: string }>(
      tx as Db,
      sql`update checkins c set status = 'cancelled', cancel_reason = ${PAUSED_REASON}, updated_at = ${now.toISOString()}::timestamptz
          where c.plan_id = ${planId} and c.status = 'scheduled' and c.minutes_recorded_at is null
            and c.scheduled_at >= ${since.toISOString()}::timestamptz and c.scheduled_at < ${now.toISOString()}::timestamptz
          returning c.id, c.scheduled_on::text as scheduled_on`,
    );
    if (skipped.length) await record.event(tx, ctx, planId, 'checkins_skipped', { data: { reason: 'paused', checkins: skipped.map((c) => ({ id: c.id, on: c.scheduled_on })) } });
  }

  async function list(access: Access, planId: string): Promise<Checkin[]> {
    const p = await loadPlan(db, access, planId, false);
    return presentCheckins(db, deps.files, await checkinsOfPlan(db, planId), today(), pausedSince(p));
  }

  async function one(access: Access, id: string): Promise<Checkin> {
    const { c, p } = await loadCheckin(db, access, id, false);
    return (await presentCheckins(db, deps.files, [c], today(), pausedSince(p)))[0]!;
  }

  /** Moves a scheduled meeting; the reminder re-arms (a new step of its dedupe key). */
  async function reschedule(access: Access, ctx: AuditContext, id: string, input: { date: string; time: string; reason: string }): Promise<void> {
    await db.transaction(async (tx) => {
      const { c, p } = await loadCheckin(tx, access, id, true);
      requireOrganiser(access, p);
      requireRunning(p);
      if (c.status !== 'scheduled') throw new AppError('CONFLICT', `这次面谈已${c.status === 'held' ? '举行' : '取消'}，不能改期`, { reason: 'checkin_state', status: c.status });
      const at = zonedInstant(input.date, input.time, deps.timeZone);
      if (at.getTime() < clock.now().getTime()) throw fieldError('body.date', '新的时间已经过去');
      const snap = await pips.snapshotOf(tx, p.plan.snapshotId);
      const due = await minutesDue(tx, deps, p.plan, input.date);
      await tx
        .update(checkins)
        .set({ scheduledAt: at, scheduledOn: input.date, rescheduledFrom: c.scheduledAt, rescheduleReason: input.reason, minutesDueOn: due, reminderDueAt: reminderDue(at, snap), reminderStep: c.reminderStep + 1, remindedAt: null, overdueRemindedOn: null, updatedAt: clock.now() })
        .where(eq(checkins.id, id));
      await record.event(tx, ctx, p.plan.id, 'checkin_rescheduled', { before: { scheduledAt: c.scheduledAt.toISOString() }, data: { checkinId: id, scheduledAt: at.toISOString(), reason: input.reason } });
      await record.tell(tx, ctx, participantsOf(p.plan, c.kind), {
        kind: 'checkin.rescheduled',
        dedupeKey: `checkin-rescheduled:${id}:${c.reminderStep + 1}`,
        title: { 'zh-CN': `${kindLabel[c.kind as CheckinKind]['zh-CN']}改期至 ${input.date} ${input.time}`, 'en-US': `The ${kindLabel[c.kind as CheckinKind]['en-US']} moved to ${input.date} ${input.time}` },
        body: { 'zh-CN': `原因：${input.reason}`, 'en-US': `Reason: ${input.reason}` },
        link: link(p.plan.id),
      });
    });
  }

  /** An ad hoc meeting of a running plan; without a time it is now (a manager's 1:1 at any time). */
  async function addAdHoc(access: Access, ctx: AuditContext, planId: string, input: { kind: CheckinKind; date?: string | undefined; time?: string | undefined }): Promise<string> {
    return db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, planId, true);
      requireOrganiser(access, p);
      requireRunning(p);
      const now = clock.now();
      if ((input.date === undefined) !== (input.time === undefined)) throw fieldError(input.date === undefined ? 'body.date' : 'body.time', '日期与时间需同时填写');
      const at = input.date && input.time ? zonedInstant(input.date, input.time, deps.timeZone) : now;
      const on = deps.businessDate(at);
      const snap = await pips.snapshotOf(tx, p.plan.snapshotId);
      const [row] = await tx
        .insert(checkins)
        .values({ planId, kind: input.kind, origin: 'ad_hoc', cadenceSeq: null, scheduledAt: at, scheduledOn: on, status: 'scheduled', minutesDueOn: await minutesDue(tx, deps, p.plan, on), reminderDueAt: reminderDue(at, snap), createdBy: ctx.actorId, createdAt: now, updatedAt: now })
        .returning({ id: checkins.id });
      await record.event(tx, ctx, planId, 'checkin_added', { data: { checkinId: row!.id, kind: input.kind, scheduledAt: at.toISOString() } });
      return row!.id;
    });
  }

  async function cancel(access: Access, ctx: AuditContext, id: string, reason: string): Promise<void> {
    await db.transaction(async (tx) => {
      const { c, p } = await loadCheckin(tx, access, id, true);
      requireOrganiser(access, p);
      if (c.status !== 'scheduled') throw new AppError('CONFLICT', '只有尚未举行的面谈可以取消', { reason: 'checkin_state', status: c.status });
      await tx.update(checkins).set({ status: 'cancelled', cancelReason: reason, updatedAt: clock.now() }).where(eq(checkins.id, id));
      await record.event(tx, ctx, p.plan.id, 'checkin_cancelled', { before: { status: c.status }, data: { checkinId: id, reason } });
      await record.tell(tx, ctx, participantsOf(p.plan, c.kind), { kind: 'checkin.cancelled', dedupeKey: `checkin-cancelled:${id}`, title: { 'zh-CN': `${c.scheduledOn} 的${kindLabel[c.kind as CheckinKind]['zh-CN']}已取消`, 'en-US': `The ${kindLabel[c.kind as CheckinKind]['en-US']} of ${c.scheduledOn} is cancelled` }, body: { 'zh-CN': `原因：${reason}`, 'en-US': `Reason: ${reason}` }, link: link(p.plan.id) });
    });
  }

  /** Tick: the reminder before each meeting (once per step) and one "minutes overdue" a day to the manager. Idempotent. */
  async function remindDue(): Promise<{ before: number; overdue: number }> {
    const now = clock.now();
    const day = today();
    const before = await queryRows<{ id: string; step: number }>(
      db,
      sql`select c.id, c.reminder_step as step from checkins c join pip_plans p on p.id = c.plan_id
          where c.status = 'scheduled' and c.reminded_at is null and c.reminder_due_at <= ${now.toISOString()}::timestamptz
            and c.scheduled_at > ${now.toISOString()}::timestamptz and p.state = 'in_progress'`,
    );
    let sentBefore = 0;
    for (const b of before) {
      await db.transaction(async (tx) => {
        const claimed = await tx.update(checkins).set({ remindedAt: now }).where(and(eq(checkins.id, b.id), isNull(checkins.remindedAt), eq(checkins.reminderStep, b.step))).returning();
        const c = claimed[0];
        if (!c) return;
        const plan = await planOf(tx, c);
        const when = `${c.scheduledOn} ${new Intl.DateTimeFormat('en-GB', { timeZone: deps.timeZone, hour: '2-digit', minute: '2-digit' }).format(c.scheduledAt)}`;
        await record.tell(tx, SYSTEM, participantsOf(plan, c.kind), { kind: 'checkin.reminder', dedupeKey: `checkin-before:${c.id}:${c.reminderStep}`, title: { 'zh-CN': `提醒：${when} ${kindLabel[c.kind as CheckinKind]['zh-CN']}`, 'en-US': `Reminder: ${kindLabel[c.kind as CheckinKind]['en-US']} at ${when}` }, body: { 'zh-CN': '请按时参加。', 'en-US': 'Please attend on time.' }, link: link(c.planId) });
        sentBefore++;
      });
    }
    const late = await queryRows<{ id: string }>(
      db,
      sql`select c.id from checkins c join pip_plans p on p.id = c.plan_id
          where c.minutes_recorded_at is null and c.status <> 'cancelled' and c.minutes_due_on < ${day}::date
            and (c.overdue_reminded_on is null or c.overdue_reminded_on < ${day}::date) and p.state in ('in_progress', 'paused', 'final_review') and not ${meetingInsidePause}`,
    );
    let sentLate = 0;
    for (const l of late) {
      await db.transaction(async (tx) => {
        const claimed = await tx
          .update(checkins)
          .set({ overdueRemindedOn: day })
          .where(and(eq(checkins.id, l.id), isNull(checkins.minutesRecordedAt), sql`(${checkins.overdueRemindedOn} is null or ${checkins.overdueRemindedOn} < ${day}::date)`))
          .returning();
        const c = claimed[0];
        if (!c) return;
        const plan = await planOf(tx, c);
        await record.tell(tx, SYSTEM, [plan.managerId], { kind: 'checkin.minutes_overdue', dedupeKey: `checkin-overdue:${c.id}:${day}`, title: { 'zh-CN': `面谈纪要逾期：${c.scheduledOn} 的${kindLabel[c.kind as CheckinKind]['zh-CN']}`, 'en-US': `Minutes overdue: the ${kindLabel[c.kind as CheckinKind]['en-US']} of ${c.scheduledOn}` }, body: { 'zh-CN': `纪要应于 ${c.minutesDueOn} 前记录。`, 'en-US': `The minutes were due by ${c.minutesDueOn}.` }, link: link(c.planId) });
        sentLate++;
      });
    }
    return { before: sentBefore, overdue: sentLate };
  }

  async function planOf(tx: Tx, c: CheckinRow) {
    const [row] = await queryRows<{ employee_id: string; manager_id: string | null; hrbp_id: string | null }>(tx as Db, sql`select employee_id, manager_id, hrbp_id from pip_plans where id = ${c.planId}`);
    return { employeeId: row!.employee_id, managerId: row!.manager_id, hrbpId: row!.hrbp_id };
  }

  /** Meetings whose minutes are overdue: the caller's plans as HRBP, and plans in their HR scope. */
  async function overdue(access: Access) {
    const me = access.employeeId;
    const rows = await queryRows<{ id: string; plan_id: string; kind: CheckinKind; scheduled_on: string; minutes_due_on: string; eid: string; ename: string; mid: string | null; mname: string | null }>(
      db,
      sql`select c.id, c.plan_id, c.kind, c.scheduled_on::text as scheduled_on, c.minutes_due_on::text as minutes_due_on, e.id as eid, e.name as ename, m.id as mid, m.name as mname
          from checkins c join pip_plans p on p.id = c.plan_id join employees e on e.id = p.employee_id left join employees m on m.id = p.manager_id
          where c.minutes_recorded_at is null and c.status <> 'cancelled' and c.minutes_due_on < ${today()}::date
            and p.state in ('in_progress', 'paused', 'final_review') and not ${meetingInsidePause}
            and (${me ? sql`p.hrbp_id = ${me} or ` : sql``}${pathInScope(sql`e.org_path`, access.hr)})
            ${me ? sql`and p.employee_id <> ${me}` : sql``}
          order by c.minutes_due_on, e.name`,
    );
    return rows.map((r) => ({ id: r.id, planId: r.plan_id, kind: r.kind, scheduledOn: r.scheduled_on, minutesDueOn: r.minutes_due_on, employee: { id: r.eid, name: r.ename }, manager: r.mid ? { id: r.mid, name: r.mname ?? '' } : null }));
  }

  /** The caller's coming meetings as a participant, over the next `days` business days. */
  async function upcoming(access: Access, days: number) {
    const me = access.employeeId;
    if (!me) return [];
    const now = clock.now();
    const rows = await queryRows<{ id: string; plan_id: string; kind: CheckinKind; scheduled_at: Date | string; scheduled_on: string; role: 'employee' | 'manager' | 'hrbp'; eid: string; ename: string; mid: string | null; mname: string | null }>(
      db,
      sql`select c.id, c.plan_id, c.kind, c.scheduled_at, c.scheduled_on::text as scheduled_on,
                 case when p.employee_id = ${me} then 'employee' when p.manager_id = ${me} then 'manager' else 'hrbp' end as role,
                 e.id as eid, e.name as ename, m.id as mid, m.name as mname
          from checkins c join pip_plans p on p.id = c.plan_id join employees e on e.id = p.employee_id left join employees m on m.id = p.manager_id
          where c.status = 'scheduled' and p.state = 'in_progress' and c.scheduled_at >= ${now.toISOString()}::timestamptz
            and c.scheduled_on <= ${addDays(today(), days)}::date
            and (p.employee_id = ${me} or p.manager_id = ${me} or (c.kind = 'three_party' and p.hrbp_id = ${me}))
          order by c.scheduled_at
          limit 200`,
    );
    return rows.map((r) => ({ id: r.id, planId: r.plan_id, kind: r.kind, scheduledAt: new Date(r.scheduled_at).toISOString(), scheduledOn: r.scheduled_on, role: r.role, employee: { id: r.eid, name: r.ename }, manager: r.mid ? { id: r.mid, name: r.mname ?? '' } : null }));
  }

  return { generate, list, one, reschedule, addAdHoc, cancel, remindDue, overdue, upcoming };
}

export type Checkins = ReturnType<typeof createCheckins>;
