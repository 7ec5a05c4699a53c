import { and, desc, eq, sql } from 'drizzle-orm';
import type { PipFollowUp, PipOutcome, PipState, ProposeOutcome } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { employees, pipEvaluations, pipOutcomes, pipPlans } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { Acknowledgments } from '../acknowledgments/acknowledgments.service.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { addDays } from '../calendar/working-days.ts';
import type { Files } from '../files/files.service.ts';
import { boundsOf, planFacts, planPolicy, type StoredOutcome } from '../pip/pip.facts.ts';
import type { RequestMeta } from '../pip/pip.goals.ts';
import { actorsOf, callerName, currentSteps, goalsOf, loadPlan, type PlanWithPerson } from '../pip/pip.queries.ts';
import type { PipRecord } from '../pip/pip.record.ts';
import type { Pips } from '../pip/pip.service.ts';
import { decide } from '../pip/pip.transitions.ts';
import { outcomeLabels, outcomeReceipt } from './outcomes.content.ts';
import { OUTCOME_ACK, outcomesOf, presentOutcomes, presentRoleAdjustments, presentTrainings, type OutcomeRow } from './outcomes.queries.ts';
import { asks } from '../wecom-cards/wecom-cards.subjects.ts';

export type OutcomeDeps = { db: Db; clock: Clock; record: PipRecord; pips: Pips; acks: Acknowledgments; files: Files; businessDate(at: Date): string };

const link = (planId: string) => `/pips/${planId}#outcome`;
const SYSTEM = new Set(['system'] as const);

/** The final review's outcome: proposed by the manager (or HR), confirmed or returned by the HRBP (or HR), received by the employee. */
export function createOutcomes(deps: OutcomeDeps) {
  const { db, clock, record, pips, acks } = deps;
  const today = () => deps.businessDate(clock.now());

  function requireReview(p: PlanWithPerson): void {
    if (p.plan.state !== 'final_review') throw new AppError('CONFLICT', `计划当前为「${p.plan.state}」，只有终期评审中的计划可以处理评审结果`, { reason: 'state', state: p.plan.state });
  }

  /** Limits of an extension: the snapshot's number of extensions and days, counted over confirmed ones. */
  async function checkExtension(tx: Tx, p: PlanWithPerson, ext: ProposeOutcome['extension']): Promise<void> {
    if (!ext) throw fieldError('body.extension', '延期须填写新的结束日期和原因');
    const snap = await pips.snapshotOf(tx, p.plan.snapshotId);
    const limit = snap.content.values.extension;
    const [done] = await queryRows<{ n: number }>(tx as Db, sql`select count(*)::int as n from pip_outcomes where plan_id = ${p.plan.id} and outcome = 'extended' and status = 'confirmed'`);
    if ((done?.n ?? 0) >= limit.maxTimes) throw fieldError('body.outcome', limit.maxTimes === 0 ? '模板不允许延期' : `延期次数已达模板上限（${limit.maxTimes} 次）`);
    if (ext.plannedEnd <= p.plan.plannedEnd) throw fieldError('body.extension.plannedEnd', `新的结束日期须晚于当前的 ${p.plan.plannedEnd}`);
    const days = Math.round((Date.parse(ext.plannedEnd) - Date.parse(p.plan.plannedEnd)) / 86_400_000);
    if (days > limit.maxDays) throw fieldError('body.extension.plannedEnd', `延期不能超过 ${limit.maxDays} 天（最晚 ${addDays(p.plan.plannedEnd, limit.maxDays)}）`);
  }

  /** The manager (or HR) proposes the outcome against the locked goals, after the manager's final evaluation. */
  async function propose(access: Access, ctx: AuditContext, planId: string, input: ProposeOutcome): Promise<string> {
    return db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, planId, true);
      const actors = actorsOf(access, p, []);
      if (!actors.has('manager') && !actors.has('hr')) throw new AppError('FORBIDDEN', '只有直属上级或 HR 可以提出评审结果');
      requireReview(p);
      if (p.plan.outcome !== null) throw new AppError('CONFLICT', '本轮评审结果已确认', { reason: 'outcome_confirmed' });
      const rows = await outcomesOf(tx, planId);
      if (rows.some((o) => o.status === 'proposed')) throw new AppError('CONFLICT', '已有待确认的评审结果，请等待 HRBP 确认或退回', { reason: 'outcome_pending' });
      const snap = await pips.snapshotOf(tx, p.plan.snapshotId);
      if (!snap.content.values.outcomes.allowed.includes(input.outcome)) throw fieldError('body.outcome', `模板允许的结果：${snap.content.values.outcomes.allowed.map((o) => outcomeLabels[o]['zh-CN']).join('、')}`);
      if (input.outcome === 'extended') await checkExtension(tx, p, input.extension);
      else if (input.extension) throw fieldError('body.extension', '只有延期需要填写新的结束日期');
      const followUps: PipFollowUp[] = input.outcome === 'not_passed' ? [...new Set(input.followUps)] : [];
      if (input.outcome === 'not_passed') {
        const allowed = (await planPolicy(tx, p.plan.policyVersionId)).outcomes.followUps;
        const bad = followUps.find((f) => !allowed.includes(f));
        if (bad) throw fieldError('body.followUps', `制度不允许的后续措施：${bad}`);
        if (!followUps.includes('training') && !followUps.includes('role_adjustment')) throw fieldError('body.followUps', '未通过须先安排培训或调整工作岗位（劳动合同法第四十条第二项），再评估之后才可能进入终止评审');
      } else if (input.followUps.length > 0) throw fieldError('body.followUps', '只有未通过需要后续措施');
      // against the locked goals: the manager's rating at the final evaluation point comes first
      const [final] = await tx
        .select()
        .from(pipEvaluations)
        .where(and(eq(pipEvaluations.planId, planId), eq(pipEvaluations.kind, 'point'), eq(pipEvaluations.atPercent, 100)))
        .orderBy(desc(pipEvaluations.opensOn))
        .limit(1);
      if (final && !final.managerAt) throw new AppError('CONFLICT', `请先由直属上级完成「${final.name}」，再提出评审结果`, { reason: 'final_evaluation_missing', evaluationId: final.id });
      const now = clock.now();
      const [row] = await tx
        .insert(pipOutcomes)
        .values({ planId, round: rows.length + 1, outcome: input.outcome, note: input.note, followUps, extensionEnd: input.extension?.plannedEnd ?? null, extensionReason: input.extension?.reason ?? null, previousEnd: p.plan.plannedEnd, status: 'proposed', proposedBy: access.userId, proposedByName: await callerName(tx, access), proposedAt: now })
        .returning({ id: pipOutcomes.id });
      await record.event(tx, ctx, planId, 'outcome_proposed', { data: { outcomeId: row!.id, outcome: input.outcome, note: input.note, followUps, ...(input.extension && { extension: input.extension }) } });
      await record.tell(tx, ctx, [p.plan.hrbpId], { kind: 'pip.outcome_proposed', dedupeKey: `outcome-proposed:${row!.id}`, title: { 'zh-CN': `请确认评审结果：${outcomeLabels[input.outcome]['zh-CN']}`, 'en-US': `Confirm the outcome: ${outcomeLabels[input.outcome]['en-US']}` }, body: { 'zh-CN': input.note, 'en-US': input.note }, link: link(planId) });
      return row!.id;
    });
  }

  async function loadPending(tx: Tx, access: Access, planId: string, outcomeId: string) {
    const p = await loadPlan(tx, access, planId, true);
    const [o] = await tx.select().from(pipOutcomes).where(and(eq(pipOutcomes.id, outcomeId), eq(pipOutcomes.planId, planId))).for('update');
    if (!o) throw new AppError('NOT_FOUND', `没有这条评审结果：${outcomeId}`);
    const actors = actorsOf(access, p, []);
    if (!actors.has('hrbp') && !actors.has('hr')) throw new AppError('FORBIDDEN', '只有本计划的 HRBP 或范围内的 HR 可以确认或退回评审结果');
    if (o.proposedBy === access.userId) throw new AppError('FORBIDDEN', '评审结果须由提出人以外的人确认', { reason: 'four_eyes' });
    requireReview(p);
    if (o.status !== 'proposed') throw new AppError('CONFLICT', `这条评审结果已${o.status === 'confirmed' ? '确认' : '退回'}`, { reason: 'outcome_state', status: o.status });
    return { p, o, actors };
  }

  /** The HRBP (or HR) returns a proposal with a comment: the proposer proposes again. */
  async function returnProposal(access: Access, ctx: AuditContext, planId: string, outcomeId: string, comment: string): Promise<void> {
    await db.transaction(async (tx) => {
      const { p, o } = await loadPending(tx, access, planId, outcomeId);
      await tx.update(pipOutcomes).set({ status: 'returned', returnComment: comment, returnedByName: await callerName(tx, access), returnedAt: clock.now() }).where(eq(pipOutcomes.id, o.id));
      await record.event(tx, ctx, planId, 'outcome_returned', { data: { outcomeId: o.id, comment } });
      const [proposer] = o.proposedBy ? await tx.select({ id: employees.id }).from(employees).where(eq(employees.userId, o.proposedBy)) : [];
      await record.tell(tx, ctx, [proposer?.id ?? p.plan.managerId], { kind: 'pip.outcome_returned', dedupeKey: `outcome-returned:${o.id}`, title: { 'zh-CN': '评审结果被退回', 'en-US': 'The outcome was returned' }, body: { 'zh-CN': comment, 'en-US': comment }, link: link(planId) });
    });
  }

  /** The HRBP (or HR) confirms: an extension pauses the plan for re-acknowledgment; otherwise the employee is asked to acknowledge the result. */
  async function confirm(access: Access, ctx: AuditContext, planId: string, outcomeId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const { p, o, actors } = await loadPending(tx, access, planId, outcomeId);
      const outcome = o.outcome as PipOutcome;
      if (outcome === 'extended') await checkExtension(tx, p, { plannedEnd: o.extensionEnd!, reason: o.extensionReason ?? '' });
      const now = clock.now();
      await tx.update(pipOutcomes).set({ status: 'confirmed', confirmedBy: access.userId, confirmedByName: await callerName(tx, access), confirmedAt: now }).where(eq(pipOutcomes.id, o.id));
      const stored: StoredOutcome = { outcomeId: o.id, outcome, followUps: o.followUps, note: o.note, acknowledged: false, concluded: null };
      await record.event(tx, ctx, planId, 'outcome_confirmed', { data: { outcomeId: o.id, outcome } });
      if (outcome === 'extended') {
        const snap = await pips.snapshotOf(tx, p.plan.snapshotId);
        const facts = planFacts({ ...p.plan, outcome: stored }, await boundsOf(tx, snap), snap, await currentSteps(tx, planId), await goalsOf(tx, planId), today());
        const r = decide('extend', facts, actors);
        // the new dates are a new version of what the employee signs; the next final review starts afresh
        await tx
          .update(pipPlans)
          .set({ state: r.to, pauseReason: r.pause, pausedAt: now, plannedEnd: o.extensionEnd!, goalsVersion: p.plan.goalsVersion + 1, outcome: null, version: p.plan.version + 1, updatedAt: now })
          .where(eq(pipPlans.id, planId));
        await record.event(tx, ctx, planId, 'extend', { from: p.plan.state as PipState, to: r.to, data: { outcomeId: o.id, plannedEnd: o.extensionEnd, previousEnd: p.plan.plannedEnd, reason: o.extensionReason } });
        await record.tell(tx, ctx, [p.plan.employeeId], { kind: 'pip.extended', dedupeKey: `outcome-extended:${o.id}`, title: { 'zh-CN': `改进计划延期至 ${o.extensionEnd}，请重新签收`, 'en-US': `The plan is extended to ${o.extensionEnd}: acknowledge it again` }, body: { 'zh-CN': o.extensionReason ?? '', 'en-US': o.extensionReason ?? '' }, link: `/pips/${planId}` });
        await record.tell(tx, ctx, [p.plan.managerId], { kind: 'pip.extended', dedupeKey: `outcome-extended:${o.id}:manager`, title: { 'zh-CN': `改进计划延期至 ${o.extensionEnd}`, 'en-US': `The plan is extended to ${o.extensionEnd}` }, body: { 'zh-CN': '员工重新签收后计划继续执行。', 'en-US': 'It runs again once the employee acknowledges.' }, link: `/pips/${planId}` });
        return;
      }
      // what the employee will be shown is fixed now and kept with the outcome
      const [e] = await tx.select({ name: employees.name, employeeNo: employees.employeeNo }).from(employees).where(eq(employees.id, p.plan.employeeId));
      const receipt = outcomeReceipt({ planId, outcomeId: o.id, employee: e!, plannedStart: p.plan.plannedStart, plannedEnd: p.plan.plannedEnd, outcome, note: o.note, followUps: o.followUps as PipFollowUp[], confirmedOn: today() });
      await tx.update(pipOutcomes).set({ receiptText: receipt.text, receiptSha256: receipt.sha256 }).where(eq(pipOutcomes.id, o.id));
      await tx.update(pipPlans).set({ outcome: stored, version: p.plan.version + 1, updatedAt: now }).where(eq(pipPlans.id, planId));
      await record.tell(tx, ctx, [p.plan.employeeId], { kind: 'pip.outcome_receipt', dedupeKey: `outcome-receipt:${o.id}`, title: { 'zh-CN': `改进计划评审结果：${outcomeLabels[outcome]['zh-CN']}，请查看并签收`, 'en-US': `Your plan's outcome: ${outcomeLabels[outcome]['en-US']}. Read and acknowledge it` }, body: { 'zh-CN': o.note, 'en-US': o.note }, link: link(planId), ...asks.acknowledgment({ type: OUTCOME_ACK, id: o.id, version: 1 }, planId, link(planId)) });
    });
  }

  /** Exactly what the employee is shown for the confirmed outcome, with its SHA-256 (fixed at confirmation). */
  async function receiptOf(exec: Db | Tx, p: PlanWithPerson) {
    const stored = p.plan.outcome as StoredOutcome | null;
    if (!stored?.outcomeId) throw new AppError('CONFLICT', '评审结果尚未确认', { reason: 'outcome_missing' });
    const [o] = await exec.select({ id: pipOutcomes.id, text: pipOutcomes.receiptText, sha256: pipOutcomes.receiptSha256 }).from(pipOutcomes).where(eq(pipOutcomes.id, stored.outcomeId));
    if (!o?.text || !o.sha256) throw new AppError('CONFLICT', '评审结果尚未确认', { reason: 'outcome_missing' });
    return { outcomeId: o.id, text: o.text, sha256: o.sha256 };
  }

  async function receipt(access: Access, planId: string) {
    return receiptOf(db, await loadPlan(db, access, planId, false));
  }

  /** The employee acknowledges the result they were shown, or HR records a refusal before a witness; a plan not passed moves to its follow-up. */
  async function acknowledge(access: Access, ctx: AuditContext, meta: RequestMeta, planId: string, input: { refusal: false; sha256: string; channel: 'web' | 'wecom' } | { refusal: true; witnessEmployeeId: string; note: string }): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, planId, true);
      const actors = actorsOf(access, p, []);
      if (input.refusal ? !actors.has('hr') : !actors.has('employee')) throw new AppError('FORBIDDEN', input.refusal ? '只有 HR 可以记录拒签' : '只有员工本人可以签收评审结果');
      requireReview(p);
      const stored = p.plan.outcome as StoredOutcome | null;
      if (!stored?.outcomeId) throw new AppError('CONFLICT', '评审结果尚未确认', { reason: 'outcome_missing' });
      if (stored.acknowledged) throw new AppError('CONFLICT', '评审结果已签收', { reason: 'outcome_acknowledged' });
      const shown = await receiptOf(tx, p);
      const subject = { type: OUTCOME_ACK, id: shown.outcomeId, version: 1 };
      if (input.refusal) await acks.refuse(tx, ctx, { subject, currentSha256: shown.sha256, employeeId: p.plan.employeeId, witnessEmployeeId: input.witnessEmployeeId, note: input.note, recordedBy: access.userId });
      else await acks.confirm(tx, ctx, { subject, currentSha256: shown.sha256, shownSha256: input.sha256, employeeId: p.plan.employeeId, userId: access.userId, channel: input.channel, ip: meta.ip, userAgent: meta.userAgent });
      const now = clock.now();
      const next: StoredOutcome = { ...stored, acknowledged: true };
      let state = p.plan.state as PipState;
      if (stored.outcome === 'not_passed') {
        const snap = await pips.snapshotOf(tx, p.plan.snapshotId);
        state = decide('begin_follow_up', planFacts({ ...p.plan, outcome: next }, await boundsOf(tx, snap), snap, [], await goalsOf(tx, planId), today()), SYSTEM).to;
      }
      await tx.update(pipPlans).set({ outcome: next, state, version: p.plan.version + 1, updatedAt: now }).where(eq(pipPlans.id, planId));
      await record.event(tx, ctx, planId, input.refusal ? 'outcome_refused' : 'outcome_acknowledged', { data: { outcomeId: shown.outcomeId, sha256: shown.sha256, ...(input.refusal && { witnessEmployeeId: input.witnessEmployeeId }) } });
      if (state !== p.plan.state) await record.event(tx, { ...ctx, actorLabel: 'system:outcomes' }, planId, 'begin_follow_up', { from: p.plan.state as PipState, to: state, data: { followUps: stored.followUps } });
      await record.tell(tx, ctx, [p.plan.managerId, p.plan.hrbpId], {
        kind: 'pip.outcome_acknowledged',
        dedupeKey: `outcome-ack:${shown.outcomeId}`,
        title: { 'zh-CN': input.refusal ? '员工拒绝签收评审结果（已记录见证人）' : '员工已签收评审结果', 'en-US': input.refusal ? 'The employee refused to sign the outcome (witness recorded)' : 'The employee acknowledged the outcome' },
        body: { 'zh-CN': stored.outcome === 'not_passed' ? '计划进入跟进：请安排培训或调岗，之后再评估。' : stored.outcome === 'passed' ? 'HR 可以结束计划。' : '', 'en-US': stored.outcome === 'not_passed' ? 'Follow-up: arrange training or a role adjustment, then a re-assessment.' : stored.outcome === 'passed' ? 'HR may close the plan.' : '' },
        link: link(planId),
      });
    });
  }

  /** Outcomes of every round, trainings and role adjustments of a plan. */
  async function view(access: Access, planId: string) {
    await loadPlan(db, access, planId, false);
    return { outcomes: await presentOutcomes(db, await outcomesOf(db, planId), access.userId), trainings: await presentTrainings(db, deps.files, planId), roleAdjustments: await presentRoleAdjustments(db, planId) };
  }

  return { propose, returnProposal, confirm, receipt, acknowledge, view };
}

export type Outcomes = ReturnType<typeof createOutcomes>;
export type { OutcomeRow };
