import { and, eq, inArray } from 'drizzle-orm';
import { pipAbsenceLabels, type CreatePip, type PipAction, type PipActionBody, type PipState, type UpdatePip } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { employees, orgUnits, pipApprovalSteps, pipCandidates, pipPlans } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { inScope, type Access } from '../access/access.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { policyInForceFor } from '../policies/policy-in-force.ts';
import { effectiveTemplate, loadSnapshot, type TemplateSnapshot } from '../templates/template-snapshot.ts';
import { autoDelegate } from './pip.away.ts';
import { boundsOf, dateIssues, extendedEnd, planDays, planFacts } from './pip.facts.ts';
import { actorsOf, callerName, currentSteps, goalsOf, loadPlan, nearestHrbp, openPlanOf, type PlanWithPerson, type StepRow } from './pip.queries.ts';
import type { Emit, PipRecord } from './pip.record.ts';
import { decide, type TransitionResult } from './pip.transitions.ts';
import { asks } from '../wecom-cards/wecom-cards.subjects.ts';

export type PipDeps = { db: Db; clock: Clock; record: PipRecord; businessDate(at: Date): string; emit?: Emit; onStarted?: OnStarted };
/** Called in the transaction when a plan enters (or, resumed, re-enters) in_progress: the check-ins' cadence. */
export type OnStarted = (tx: Tx, ctx: AuditContext, planId: string) => Promise<unknown>;

/** Actions taken through the generic action endpoint; the others have their own (they carry more). */
export const genericActions = ['submit', 'withdraw', 'approve', 'reject', 'pause', 'resume', 'begin_final_review', 'close', 'archive', 'cancel'] as const satisfies readonly PipAction[];
type GenericAction = (typeof genericActions)[number];

const link = (id: string) => `/pips/${id}`;

/**
 * Plans: initiation (manual or from a candidate) and every state change through the
 * transition table. The service only gathers facts and applies what `decide` returns.
 */
export function createPips(deps: PipDeps) {
  const { db, clock, record } = deps;

  async function snapshotOf(exec: Db | Tx, id: string): Promise<TemplateSnapshot> {
    const s = await loadSnapshot(exec, id);
    if (!s) throw new AppError('CONFLICT', `计划的模板快照不存在：${id}`);
    return s;
  }

  /** Refuses a snapshot a plan must not start on: values outside the policy, or a chain with holes. */
  function usable(s: TemplateSnapshot) {
    if (s.content.policyIssues.length > 0) throw new AppError('CONFLICT', '该员工适用的流程模板超出现行制度的范围，请 HR 先调整模板', { reason: 'policy_issues', issues: s.content.policyIssues });
    if (!s.content.chainComplete) throw new AppError('CONFLICT', '审批链中有节点找不到审批人，请先补齐组织信息', { reason: 'chain_incomplete', chain: s.content.approvalChain });
  }

  /** Starts a draft. HR in scope or the employee's manager chain; the policy in force decides who and why. */
  async function create(access: Access, ctx: AuditContext, input: CreatePip): Promise<string> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      let employeeId = input.employeeId ?? null;
      let reasonText = input.manualReason ?? '';
      let evidence: unknown = null;
      if (input.candidateId) {
        const [c] = await tx.select().from(pipCandidates).where(eq(pipCandidates.id, input.candidateId)).for('update');
        if (!c) throw fieldError('body.candidateId', '没有这条预警');
        if (c.status !== 'open') throw new AppError('CONFLICT', `这条预警已不是待处理状态（${c.status}），不能转为改进计划`, { reason: 'candidate_state', status: c.status });
        if (employeeId && employeeId !== c.employeeId) throw fieldError('body.employeeId', '员工与预警不一致');
        employeeId = c.employeeId;
        evidence = c.evidence;
        const ev = c.evidence as { rule?: { name?: string }; description?: { 'zh-CN'?: string } } | null;
        reasonText = input.manualReason ?? `绩效预警「${ev?.rule?.name ?? '触发规则'}」${ev?.description?.['zh-CN'] ? `：${ev.description['zh-CN']}` : ''}`;
      }
      const [e] = await tx.select().from(employees).where(eq(employees.id, employeeId!));
      if (!e) throw fieldError('body.employeeId', '没有这名员工');
      const hr = inScope(access.hr, e.orgPath);
      const manages = access.isManager && access.reportPath !== null && (e.reportPath ?? '').startsWith(access.reportPath) && e.id !== access.employeeId;
      if (!hr && !manages) {
        if (inScope(access.records, e.orgPath)) throw new AppError('FORBIDDEN', '只有该员工的上级或所在范围的 HR 可以发起改进计划');
        throw new AppError('NOT_FOUND', `没有这名员工：${e.id}`);
      }
      if (e.id === access.employeeId) throw new AppError('FORBIDDEN', '不能为自己发起改进计划');
      if (input.candidateId && !hr) throw new AppError('FORBIDDEN', '只有 HR 可以把预警转为改进计划');
      if (e.status === 'left') throw new AppError('CONFLICT', '该员工已离职', { reason: 'employee_left' });

      const policy = await policyInForceFor(tx, e.orgPath);
      if (!policy) throw new AppError('CONFLICT', '该员工所在单位没有生效的改进计划制度，不能发起', { reason: 'no_policy' });
      const s = policy.settings;
      if (s.scope.excludedStatuses.includes(e.status as never)) throw new AppError('CONFLICT', `制度规定处于「${e.status}」状态的员工不适用改进计划`, { reason: 'excluded_status', status: e.status });
      if (s.scope.unitIds.length > 0) {
        const units = await tx.select({ path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, s.scope.unitIds));
        if (!units.some((u) => e.orgPath.startsWith(u.path))) throw new AppError('CONFLICT', '该员工所在单位不在现行制度的适用范围内', { reason: 'out_of_scope' });
      }
      if (s.scope.positions.length > 0 && !s.scope.positions.includes(e.position)) throw new AppError('CONFLICT', `制度不适用于岗位「${e.position}」`, { reason: 'out_of_scope' });
      if (s.scope.grades.length > 0 && !s.scope.grades.includes(e.grade)) throw new AppError('CONFLICT', `制度不适用于职级「${e.grade}」`, { reason: 'out_of_scope' });
      if (!s.start.problemTypes.includes(input.problemType)) throw fieldError('body.problemType', `现行制度不允许以「${input.problemType === 'conduct' ? '违纪' : '绩效'}」类问题发起`);
      if (!input.candidateId && !s.start.manualReasons.includes(input.manualReason ?? '')) throw fieldError('body.manualReason', `原因须为制度列出的之一：${s.start.manualReasons.join('、')}`);
      if (input.problemType === 'conduct' && !input.violation) throw fieldError('body.violation', '违纪类问题需记录违规事实及证据');

      const open = await openPlanOf(tx, e.id);
      if (open) throw new AppError('CONFLICT', '该员工已有一个进行中的改进计划', { reason: 'open_plan', planId: open.id });
      const snap = await effectiveTemplate(tx, e.id, now);
      usable(snap);
      const bounds = await boundsOf(tx, snap);
      const di = dateIssues(input.plannedStart, input.plannedEnd, bounds);
      if (di.length > 0) throw fieldError(di[0]!.path, di[0]!.message);
      let hrbpId = input.hrbpId ?? (await nearestHrbp(tx, e.orgPath, e.id));
      if (input.hrbpId) {
        const [h] = await tx.select({ status: employees.status }).from(employees).where(eq(employees.id, input.hrbpId));
        if (!h || h.status === 'left' || input.hrbpId === e.id) throw fieldError('body.hrbpId', 'HRBP 不存在或已离职');
        hrbpId = input.hrbpId;
      }
      const [plan] = await tx
        .insert(pipPlans)
        .values({
          employeeId: e.id,
          problemType: input.problemType,
          candidateId: input.candidateId ?? null,
          evidence,
          reasonText,
          violation: input.violation ?? null,
          initiatorUserId: access.userId,
          initiatorName: await callerName(tx, access),
          managerId: e.managerId,
          hrbpId,
          policyVersionId: policy.id,
          policyVersion: policy.version,
          snapshotId: snap.id,
          plannedStart: input.plannedStart,
          plannedEnd: input.plannedEnd,
          state: 'draft',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: pipPlans.id });
      const id = plan!.id;
      if (input.candidateId) {
        await tx.update(pipCandidates).set({ status: 'converted', closedReason: 'converted', closedAt: now, closedBy: ctx.actorId, updatedAt: now }).where(eq(pipCandidates.id, input.candidateId));
      }
      await record.event(tx, ctx, id, 'create', { to: 'draft', data: { employeeId: e.id, problemType: input.problemType, candidateId: input.candidateId ?? null, reason: reasonText, snapshotId: snap.id, policyVersion: policy.version } });
      return id;
    });
  }

  /** Edits a draft: dates, reason, violation, HRBP. */
  async function update(access: Access, ctx: AuditContext, id: string, input: UpdatePip): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, id, true);
      const actors = actorsOf(access, p, []);
      if (!actors.has('initiator') && !actors.has('hr') && !actors.has('manager')) throw new AppError('FORBIDDEN', '只有发起人、直属上级或 HR 可以修改草稿');
      if (p.plan.state !== 'draft') throw new AppError('CONFLICT', `计划当前为「${p.plan.state}」，只有草稿可以修改`, { reason: 'state', state: p.plan.state });
      const snap = await snapshotOf(tx, p.plan.snapshotId);
      const bounds = await boundsOf(tx, snap);
      const start = input.plannedStart ?? p.plan.plannedStart;
      const end = input.plannedEnd ?? p.plan.plannedEnd;
      const di = dateIssues(start, end, bounds);
      if (di.length > 0) throw fieldError(di[0]!.path, di[0]!.message);
      if (input.manualReason !== undefined && p.plan.candidateId === null) {
        const policy = await policyInForceFor(tx, p.orgPath);
        if (!policy?.settings.start.manualReasons.includes(input.manualReason)) throw fieldError('body.manualReason', '原因须为制度列出的之一');
      }
      if (input.hrbpId !== undefined) {
        const [h] = await tx.select({ status: employees.status }).from(employees).where(eq(employees.id, input.hrbpId));
        if (!h || h.status === 'left' || input.hrbpId === p.plan.employeeId) throw fieldError('body.hrbpId', 'HRBP 不存在、已离职或是员工本人');
      }
      if (input.violation === null && p.plan.problemType === 'conduct') throw fieldError('body.violation', '违纪类问题需记录违规事实及证据');
      const patch = {
        plannedStart: start,
        plannedEnd: end,
        ...(input.manualReason !== undefined && { reasonText: input.manualReason }),
        ...(input.violation !== undefined && { violation: input.violation }),
        ...(input.hrbpId !== undefined && { hrbpId: input.hrbpId }),
      };
      await tx.update(pipPlans).set({ ...patch, version: p.plan.version + 1, updatedAt: clock.now() }).where(eq(pipPlans.id, id));
      await record.event(tx, ctx, id, 'update', { data: patch, before: { plannedStart: p.plan.plannedStart, plannedEnd: p.plan.plannedEnd, reason: p.plan.reasonText } });
    });
  }

  /** Gathers the facts, asks the table, and writes the state it returns (with the action's own effects). */
  async function act(access: Access, ctx: AuditContext, id: string, action: GenericAction, body: PipActionBody): Promise<PipState> {
    return db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, id, true);
      const today = deps.businessDate(clock.now());
      let steps = await currentSteps(tx, id);
      let snap = await snapshotOf(tx, p.plan.snapshotId);
      // a submission freezes the template as it is now: the chain resolved to today's people
      if (action === 'submit' && p.plan.state === 'draft') snap = await effectiveTemplate(tx, p.plan.employeeId, clock.now());
      const bounds = await boundsOf(tx, snap);
      const facts = planFacts(p.plan, bounds, snap, steps, await goalsOf(tx, id), today);
      const actors = actorsOf(access, p, steps);
      const result = decide(action, facts, actors, { comment: body.comment ?? null, reason: body.reason ?? null, witness: body.witness ?? null });
      // HR pauses only for an absence the plan's policy names
      if (action === 'pause' && (!body.absence || !bounds.pauseAbsences.includes(body.absence))) {
        throw fieldError('body.absence', body.absence ? `制度不允许因「${pipAbsenceLabels[body.absence]['zh-CN']}」暂停计划（允许：${bounds.pauseAbsences.map((a) => pipAbsenceLabels[a]['zh-CN']).join('、')}）` : '请选择暂停原因（缺勤类型）');
      }
      const from = p.plan.state as PipState;
      if (action === 'submit') steps = await openRound(tx, p, snap);
      await effects(tx, ctx, p, action, body, result, steps, today, snap);
      await record.event(tx, ctx, id, action, { from, to: result.to, data: { ...(body.comment && { comment: body.comment }), ...(body.reason && { reason: body.reason }), ...(body.absence && { absence: body.absence }) } });
      // a resumed plan ends later: the cadence gains the meetings the new end makes room for
      if (action === 'resume' && result.to === 'in_progress') await deps.onStarted?.(tx, ctx, id);
      // a step just became pending (first, next or resubmitted): its approver may be away
      if ((action === 'submit' || action === 'approve') && result.to === 'pending_approval') await autoDelegate(tx, record, { now: clock.now(), today }, id, ctx);
      return result.to;
    });
  }

  /** A new approval round from the snapshot's chain: one step per person, the first one asked now. */
  async function openRound(tx: Tx, p: PlanWithPerson, snap: TemplateSnapshot): Promise<StepRow[]> {
    usable(snap);
    const now = clock.now();
    const all = await tx.select({ round: pipApprovalSteps.round }).from(pipApprovalSteps).where(eq(pipApprovalSteps.planId, p.plan.id));
    const round = all.reduce((m, r) => Math.max(m, r.round), 0) + 1;
    const seen = new Set<string>();
    const nodes = snap.content.approvalChain.filter((n) => n.status === 'resolved' && n.person && !seen.has(n.person.id) && seen.add(n.person.id));
    const rows = await tx
      .insert(pipApprovalSteps)
      .values(nodes.map((n, i) => ({ planId: p.plan.id, round, seq: i + 1, nodeKey: n.key, kind: n.kind, approverId: n.person!.id, status: i === 0 ? 'pending' : 'waiting', requestedAt: i === 0 ? now : null })))
      .returning();
    await tx.update(pipPlans).set({ snapshotId: snap.id, policyVersionId: snap.policyVersionId, policyVersion: snap.policyVersion }).where(eq(pipPlans.id, p.plan.id));
    return rows;
  }

  async function supersede(tx: Tx, steps: readonly StepRow[]) {
    const open = steps.filter((s) => s.status === 'pending' || s.status === 'waiting').map((s) => s.id);
    if (open.length > 0) await tx.update(pipApprovalSteps).set({ status: 'superseded' }).where(inArray(pipApprovalSteps.id, open));
  }

  /** What each action does besides the state: steps, dates, notifications, events to other systems. */
  async function effects(tx: Tx, ctx: AuditContext, p: PlanWithPerson, action: GenericAction, body: PipActionBody, r: TransitionResult, steps: StepRow[], today: string, snap: TemplateSnapshot) {
    const now = clock.now();
    const plan = p.plan;
    const patch: Partial<typeof pipPlans.$inferInsert> = { state: r.to, pauseReason: r.pause, version: plan.version + 1, updatedAt: now };
    const pending = steps.find((s) => s.status === 'pending');
    const who = snap.content.employee.name;
    switch (action) {
      case 'submit': {
        const first = steps[0]!;
        await record.tell(tx, ctx, [first.approverId], { kind: 'pip.approval_requested', dedupeKey: `pip-step:${first.id}`, title: { 'zh-CN': `待审批：${who} 的改进计划`, 'en-US': `To approve: ${who}'s improvement plan` }, body: { 'zh-CN': '请查看计划并审批。', 'en-US': 'Review the plan and decide.' }, link: link(plan.id), ...asks.approval(plan.id, first.id) });
        break;
      }
      case 'approve': {
        await tx.update(pipApprovalSteps).set({ status: 'approved', comment: body.comment ?? null, decidedAt: now, decidedBy: ctx.actorId }).where(eq(pipApprovalSteps.id, pending!.id));
        const next = steps.find((s) => s.status === 'waiting');
        if (next && r.to === 'pending_approval') {
          await tx.update(pipApprovalSteps).set({ status: 'pending', requestedAt: now }).where(eq(pipApprovalSteps.id, next.id));
          await record.tell(tx, ctx, [next.approverId], { kind: 'pip.approval_requested', dedupeKey: `pip-step:${next.id}`, title: { 'zh-CN': `待审批：${who} 的改进计划`, 'en-US': `To approve: ${who}'s improvement plan` }, body: { 'zh-CN': '请查看计划并审批。', 'en-US': 'Review the plan and decide.' }, link: link(plan.id), ...asks.approval(plan.id, next.id) });
        }
        if (r.to === 'goal_setting') {
          patch.approvedAt = now;
          await record.tell(tx, ctx, [plan.managerId, plan.employeeId], { kind: 'pip.approved', dedupeKey: `pip-approved:${plan.id}:${pending!.round}`, title: { 'zh-CN': '改进计划已审批通过', 'en-US': 'The improvement plan is approved' }, body: { 'zh-CN': '请直属上级与员工共同设定目标，员工确认后签收。', 'en-US': 'The manager and the employee set the goals; the employee then acknowledges.' }, link: link(plan.id) });
        }
        break;
      }
      case 'reject': {
        await tx.update(pipApprovalSteps).set({ status: 'rejected', comment: body.comment ?? null, decidedAt: now, decidedBy: ctx.actorId }).where(eq(pipApprovalSteps.id, pending!.id));
        await supersede(tx, steps.filter((s) => s.id !== pending!.id));
        await tellInitiator(tx, ctx, plan, { kind: 'pip.rejected', dedupeKey: `pip-rejected:${pending!.id}`, title: { 'zh-CN': `改进计划被驳回：${who}`, 'en-US': `Improvement plan rejected: ${who}` }, body: { 'zh-CN': `意见：${body.comment ?? ''}`, 'en-US': `Comment: ${body.comment ?? ''}` }, link: link(plan.id) });
        break;
      }
      case 'withdraw':
        await supersede(tx, steps);
        break;
      case 'pause':
        patch.pausedAt = now;
        break;
      case 'resume': {
        const days = pausedDays(plan.pausedAt, today, deps.businessDate);
        patch.plannedEnd = extendedEnd(plan.plannedEnd, days);
        patch.pausedDays = plan.pausedDays + days;
        patch.pausedAt = null;
        break;
      }
      case 'begin_final_review':
        break;
      case 'close':
        patch.closedReason = 'outcome';
        patch.closedAt = now;
        await deps.emit?.(tx, 'pip.closed', { planId: plan.id, employeeId: plan.employeeId, reason: 'outcome', outcome: plan.outcome });
        break;
      case 'archive':
        break;
      case 'cancel':
        patch.cancelReason = body.reason ?? null;
        patch.closedAt = now;
        await supersede(tx, steps);
        await deps.emit?.(tx, 'pip.closed', { planId: plan.id, employeeId: plan.employeeId, reason: 'cancelled' });
        break;
      default: {
        const never: never = action;
        throw new Error(`unhandled ${String(never)}`);
      }
    }
    await tx.update(pipPlans).set(patch).where(and(eq(pipPlans.id, plan.id), eq(pipPlans.version, plan.version)));
  }

  async function tellInitiator(tx: Tx, ctx: AuditContext, plan: PlanWithPerson['plan'], input: Parameters<PipRecord['tell']>[3]) {
    const [ini] = plan.initiatorUserId ? await tx.select({ id: employees.id }).from(employees).where(eq(employees.userId, plan.initiatorUserId)) : [];
    await record.tell(tx, ctx, [ini?.id ?? null, plan.managerId], input);
  }

  return { create, update, act, snapshotOf };
}

/** Whole calendar days between the pause and `today` (a same-day resume counts none). */
export function pausedDays(pausedAt: Date | null, today: string, businessDate: (d: Date) => string = (d) => d.toISOString().slice(0, 10)): number {
  if (!pausedAt) return 0;
  return Math.max(0, planDays(businessDate(pausedAt), today) - 1);
}

export type Pips = ReturnType<typeof createPips>;
