import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PipState } from '@uplift/contract';
import { queryRows, sqlList, type Db, type Tx } from '../../db/client.ts';
import { employees, pipAppeals, pipApprovalSteps, pipComments, pipPlans } from '../../db/schema/index.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { inScope, type Access } from '../access/access.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { Calendar } from '../calendar/calendar.service.ts';
import { boundsOf, planFacts, planPolicy } from './pip.facts.ts';
import { actorsOf, callerName, currentSteps, goalsOf, hrHeadFor, loadPlan, nearestHrbp } from './pip.queries.ts';
import type { PipDeps, Pips } from './pip.service.ts';
import { decide } from './pip.transitions.ts';
import { asks } from '../wecom-cards/wecom-cards.subjects.ts';

const SYSTEM: AuditContext = { actorId: null, actorLabel: 'system:pip', requestId: null };

/** Delegation, outcome, comments and appeals, leavers and handover, approval reminders. */
/** Plan events only HR, auditors in scope and the plan's HRBP see on the timeline (the employee and the manager do not). */
export const HR_ONLY_EVENTS = ['termination_review_proposed', 'guard_override', 'termination_review_decided'] as const;

export function createPipLifecycle(deps: PipDeps & { pips: Pips; calendar: Calendar }) {
  const { db, clock, record, pips } = deps;

  /** The approver (or HR) hands their pending step to someone else while away. */
  async function delegate(access: Access, ctx: AuditContext, id: string, stepId: string, delegateId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, id, true);
      const steps = await currentSteps(tx, id);
      const step = steps.find((s) => s.id === stepId && s.status === 'pending');
      if (!step) throw new AppError('CONFLICT', '这个审批节点当前不在等待审批', { reason: 'step_state' });
      const actors = actorsOf(access, p, steps);
      if (!(access.employeeId === step.approverId || actors.has('hr'))) throw new AppError('FORBIDDEN', '只有该节点的审批人或 HR 可以委托');
      const [d] = await tx.select({ status: employees.status }).from(employees).where(eq(employees.id, delegateId));
      if (!d || d.status === 'left' || delegateId === p.plan.employeeId) throw fieldError('body.delegateId', '被委托人不存在、已离职或是计划对象本人');
      await tx.update(pipApprovalSteps).set({ delegateId, requestedAt: clock.now(), remindedAt: null }).where(eq(pipApprovalSteps.id, stepId));
      await record.event(tx, ctx, id, 'delegate', { data: { stepId, from: step.delegateId ?? step.approverId, to: delegateId } });
      await record.tell(tx, ctx, [delegateId], { kind: 'pip.approval_requested', dedupeKey: `pip-step:${stepId}:${delegateId}`, title: { 'zh-CN': '有一个改进计划委托您审批', 'en-US': 'An improvement plan was delegated to you for approval' }, body: { 'zh-CN': '请查看计划并审批。', 'en-US': 'Review the plan and decide.' }, link: `/pips/${id}`, ...asks.approval(id, stepId) });
    });
  }

  async function comment(access: Access, ctx: AuditContext, id: string, body: string): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, id, true);
      const actors = [...actorsOf(access, p, await currentSteps(tx, id))];
      if (actors.length === 0) throw new AppError('FORBIDDEN', '只有计划相关人员可以评论');
      await tx.insert(pipComments).values({ planId: id, authorId: access.userId, authorName: await callerName(tx, access), authorRole: actors[0]!, body, at: clock.now() });
      await record.event(tx, ctx, id, 'comment', { data: { role: actors[0]! } });
    });
  }

  /** The employee appeals: to the HRBP, or to the HR head when the HRBP initiated. */
  async function appeal(access: Access, ctx: AuditContext, id: string, body: string): Promise<string> {
    return db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, id, true);
      if (p.plan.employeeId !== access.employeeId) throw new AppError('FORBIDDEN', '只有员工本人可以申诉');
      const [hrbp] = p.plan.hrbpId ? await tx.select({ userId: employees.userId }).from(employees).where(eq(employees.id, p.plan.hrbpId)) : [];
      const hrbpInitiated = hrbp?.userId !== undefined && hrbp.userId !== null && hrbp.userId === p.plan.initiatorUserId;
      const handlerId = hrbpInitiated || !p.plan.hrbpId ? await hrHeadFor(tx, p.orgPath) : p.plan.hrbpId;
      if (!handlerId) throw new AppError('CONFLICT', '找不到受理申诉的 HR，请联系人力资源部', { reason: 'no_handler' });
      const [unit] = await queryRows<{ city: string | null }>(tx as Db, sql`select u.city from employees e join org_units u on u.id = e.unit_id where e.id = ${p.plan.employeeId}`);
      const due = await deps.calendar.addWorkingDays(tx, { from: deps.businessDate(clock.now()), days: (await planPolicy(tx, p.plan.policyVersionId)).communication.appealAnswerWorkingDays, city: unit?.city ?? null });
      const [row] = await tx.insert(pipAppeals).values({ planId: id, body, status: 'open', handlerId, dueDate: due.due, createdAt: clock.now() }).returning({ id: pipAppeals.id });
      await record.event(tx, ctx, id, 'appeal', { data: { appealId: row!.id, handlerId, dueDate: due.due } });
      await record.tell(tx, ctx, [handlerId], { kind: 'pip.appeal_filed', dedupeKey: `pip-appeal:${row!.id}`, title: { 'zh-CN': '有一条改进计划申诉待您答复', 'en-US': 'An appeal on an improvement plan awaits your answer' }, body: { 'zh-CN': `请在 ${due.due} 前书面答复。`, 'en-US': `Answer in writing by ${due.due}.` }, link: `/pips/${id}` });
      return row!.id;
    });
  }

  async function answerAppeal(access: Access, ctx: AuditContext, id: string, appealId: string, input: { status: 'upheld' | 'dismissed'; answer: string }): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, id, true);
      const [a] = await tx.select().from(pipAppeals).where(and(eq(pipAppeals.id, appealId), eq(pipAppeals.planId, id))).for('update');
      if (!a) throw new AppError('NOT_FOUND', `没有这条申诉：${appealId}`);
      if (a.handlerId !== access.employeeId) throw new AppError('FORBIDDEN', '只有受理人可以答复这条申诉');
      if (a.status !== 'open') throw new AppError('CONFLICT', '这条申诉已答复', { reason: 'appeal_state', status: a.status });
      const now = clock.now();
      await tx.update(pipAppeals).set({ status: input.status, answer: input.answer, answeredAt: now, answeredBy: ctx.actorId }).where(eq(pipAppeals.id, appealId));
      await record.event(tx, ctx, id, 'appeal_answered', { data: { appealId, status: input.status } });
      await record.tell(tx, ctx, [p.plan.employeeId], { kind: 'pip.appeal_answered', dedupeKey: `pip-appeal-answered:${appealId}`, title: { 'zh-CN': '您的申诉已有答复', 'en-US': 'Your appeal has been answered' }, body: { 'zh-CN': input.status === 'upheld' ? '申诉成立。' : '申诉未获支持，详见答复。', 'en-US': input.status === 'upheld' ? 'The appeal is upheld.' : 'The appeal is dismissed; see the answer.' }, link: `/pips/${id}` });
    });
  }

  async function timeline(access: Access, id: string) {
    const p = await loadPlan(db, access, id, false);
    // HR's deliberation (a termination review, its overrides) is for HR and auditors in scope and the plan's HRBP
    const hrView = inScope(access.records, p.orgPath) || (access.employeeId !== null && p.plan.hrbpId === access.employeeId);
    const hidden = hrView ? sql`` : sql` and kind not in (${sqlList(HR_ONLY_EVENTS)})`;
    const events = await queryRows<{ id: string; at: Date | string; kind: string; actor_label: string; from_state: PipState | null; to_state: PipState | null; data: Record<string, unknown> }>(db, sql`select id, at, kind, actor_label, from_state, to_state, data from pip_events where plan_id = ${id}${hidden} order by seq`);
    const comments = await db.select().from(pipComments).where(eq(pipComments.planId, id)).orderBy(pipComments.at);
    const appeals = await queryRows<{ id: string; body: string; status: 'open' | 'upheld' | 'dismissed'; due_date: string; answer: string | null; answered_at: Date | string | null; created_at: Date | string; hid: string; hname: string; hno: string }>(
      db,
      sql`select a.id, a.body, a.status, a.due_date::text as due_date, a.answer, a.answered_at, a.created_at, h.id as hid, h.name as hname, h.employee_no as hno from pip_appeals a join employees h on h.id = a.handler_id where a.plan_id = ${id} order by a.created_at`,
    );
    return {
      events: events.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), kind: e.kind, actorLabel: e.actor_label, fromState: e.from_state, toState: e.to_state, data: e.data })),
      comments: comments.map((c) => ({ id: c.id, author: c.authorName, authorRole: c.authorRole, body: c.body, at: c.at.toISOString() })),
      appeals: appeals.map((a) => ({ id: a.id, body: a.body, status: a.status, handler: { id: a.hid, name: a.hname, employeeNo: a.hno }, dueDate: a.due_date, answer: a.answer, answeredAt: a.answered_at ? new Date(a.answered_at).toISOString() : null, createdAt: new Date(a.created_at).toISOString() })),
    };
  }

  /** The employee left: their open plan closes as "left during plan". Called in the people module's transaction. */
  async function employeeLeft(tx: Tx, ctx: AuditContext, employeeId: string): Promise<void> {
    await leaverHandover(tx, ctx, employeeId);
    const [plan] = await tx.select().from(pipPlans).where(and(eq(pipPlans.employeeId, employeeId), sql`${pipPlans.state} in ('draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review')`)).for('update');
    if (!plan) return;
    const steps = await currentSteps(tx, plan.id);
    const snap = await pips.snapshotOf(tx, plan.snapshotId);
    const facts = planFacts(plan, await boundsOf(tx, snap), snap, steps, await goalsOf(tx, plan.id), deps.businessDate(clock.now()));
    const r = decide('employee_left', facts, new Set(['system']));
    const now = clock.now();
    const open = steps.filter((s) => s.status === 'pending' || s.status === 'waiting').map((s) => s.id);
    if (open.length > 0) await tx.update(pipApprovalSteps).set({ status: 'superseded' }).where(inArray(pipApprovalSteps.id, open));
    await tx.update(pipPlans).set({ state: r.to, pauseReason: null, closedReason: 'left_during_plan', closedAt: now, version: plan.version + 1, updatedAt: now }).where(eq(pipPlans.id, plan.id));
    await record.event(tx, ctx, plan.id, 'employee_left', { from: plan.state as PipState, to: r.to, data: { closedReason: 'left_during_plan' } });
    await deps.emit?.(tx, 'pip.closed', { planId: plan.id, employeeId, reason: 'left_during_plan' });
  }

  /**
   * A manager or HRBP changes: open plans pass to the successor, and a pending approval step of
   * the predecessor on those plans is delegated to them. With `employeeIds` (reports moved to a
   * new manager) the plans of those employees follow, whoever managed them before.
   */
  async function handOver(tx: Tx, ctx: AuditContext, fromId: string, toId: string, role: 'manager' | 'hrbp', employeeIds: readonly string[] | null = null): Promise<number> {
    const col = role === 'manager' ? pipPlans.managerId : pipPlans.hrbpId;
    const which = employeeIds ? inArray(pipPlans.employeeId, [...employeeIds]) : eq(col, fromId);
    if (employeeIds?.length === 0) return 0;
    const moved = await tx
      .update(pipPlans)
      .set(role === 'manager' ? { managerId: toId, updatedAt: clock.now() } : { hrbpId: toId, updatedAt: clock.now() })
      .where(and(which, sql`${col} is distinct from ${toId}`, sql`${pipPlans.state} in ('draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review')`))
      .returning({ id: pipPlans.id });
    for (const m of moved) {
      await record.event(tx, ctx, m.id, 'handover', { data: { role, from: fromId, to: toId } });
      await tx
        .update(pipApprovalSteps)
        .set({ delegateId: toId })
        .where(and(eq(pipApprovalSteps.planId, m.id), eq(pipApprovalSteps.approverId, fromId), eq(pipApprovalSteps.status, 'pending'), isNull(pipApprovalSteps.delegateId)));
    }
    return moved.length;
  }

  /** A leaver who managed or supported plans: the skip-level manager and the unit's next HRBP take them over. */
  async function leaverHandover(tx: Tx, ctx: AuditContext, leaverId: string): Promise<void> {
    const [leaver] = await tx.select({ managerId: employees.managerId }).from(employees).where(eq(employees.id, leaverId));
    if (leaver?.managerId) await handOver(tx, ctx, leaverId, leaver.managerId, 'manager');
    const supported = await queryRows<{ id: string; employee_id: string; org_path: string }>(
      tx as Db,
      sql`select p.id, p.employee_id, e.org_path from pip_plans p join employees e on e.id = p.employee_id
          where p.hrbp_id = ${leaverId} and p.state in ('draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review')`,
    );
    for (const s of supported) {
      const next = await nearestHrbp(tx, s.org_path, s.employee_id);
      if (next && next !== leaverId) await handOver(tx, ctx, leaverId, next, 'hrbp', [s.employee_id]);
    }
  }

  /** A unit's HRBPs changed: the open plans in its subtree supported by a removed one pass to the nearest HRBP now. */
  async function hrbpsChanged(tx: Tx, ctx: AuditContext, unitPath: string, removed: readonly string[]): Promise<void> {
    const plans = await queryRows<{ employee_id: string; org_path: string; hrbp_id: string }>(
      tx as Db,
      sql`select p.employee_id, e.org_path, p.hrbp_id from pip_plans p join employees e on e.id = p.employee_id
          where e.org_path like ${`${unitPath}%`} and p.hrbp_id = any(${`{${removed.join(',')}}`}::uuid[])
            and p.state in ('draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review')`,
    );
    for (const p of plans) {
      const next = await nearestHrbp(tx, p.org_path, p.employee_id);
      if (next && next !== p.hrbp_id) await handOver(tx, ctx, p.hrbp_id, next, 'hrbp', [p.employee_id]);
    }
  }

  /** Tick: reminds each pending approval step once, after the snapshot's overdue minutes. Idempotent. */
  async function remindDue(): Promise<number> {
    const now = clock.now();
    const due = await queryRows<{ id: string; plan_id: string; who: string; requested_at: Date | string; snapshot_id: string }>(
      db,
      sql`select s.id, s.plan_id, coalesce(s.delegate_id, s.approver_id) as who, s.requested_at, p.snapshot_id
          from pip_approval_steps s join pip_plans p on p.id = s.plan_id
          where s.status = 'pending' and s.reminded_at is null and s.requested_at is not null and p.state = 'pending_approval'`,
    );
    let sent = 0;
    for (const d of due) {
      await db.transaction(async (tx) => {
        const snap = await pips.snapshotOf(tx, d.snapshot_id);
        const minutes = (await boundsOf(tx, snap)).reminderMinutes;
        if (new Date(d.requested_at).getTime() + minutes * 60_000 > now.getTime()) return;
        const claimed = await tx.update(pipApprovalSteps).set({ remindedAt: now }).where(and(eq(pipApprovalSteps.id, d.id), isNull(pipApprovalSteps.remindedAt))).returning({ id: pipApprovalSteps.id });
        if (claimed.length === 0) return;
        await record.tell(tx, SYSTEM, [d.who], { kind: 'pip.approval_reminder', dedupeKey: `pip-remind:${d.id}`, title: { 'zh-CN': '提醒：有改进计划等待您审批', 'en-US': 'Reminder: an improvement plan awaits your approval' }, body: { 'zh-CN': '请尽快处理。', 'en-US': 'Please decide soon.' }, link: `/pips/${d.plan_id}`, ...asks.approval(d.plan_id, d.id) });
        sent++;
      });
    }
    return sent;
  }

  return { delegate, comment, appeal, answerAppeal, timeline, employeeLeft, handOver, hrbpsChanged, remindDue };
}

export type PipLifecycle = ReturnType<typeof createPipLifecycle>;
