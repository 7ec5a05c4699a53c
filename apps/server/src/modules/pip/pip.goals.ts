import { eq } from 'drizzle-orm';
import type { PipAckContent, PipState, SavePipGoals } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { employees, pipGoals, pipPlans } from '../../db/schema/index.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { snapshotHash } from '../templates/template-snapshot.ts';
import type { Acknowledgments } from '../acknowledgments/acknowledgments.service.ts';
import { acknowledgmentsOf, PIP_ACK_SUBJECT } from './pip.acknowledgment.ts';
import { boundsOf, extendedEnd, goalInput, goalIssues, planFacts } from './pip.facts.ts';
import { actorsOf, currentSteps, goalsOf, loadPlan, type PlanWithPerson } from './pip.queries.ts';
import { pausedDays, type PipDeps, type Pips } from './pip.service.ts';
import { decide } from './pip.transitions.ts';
import { asks } from '../wecom-cards/wecom-cards.subjects.ts';

export type RequestMeta = { ip: string | null; userAgent: string | null };

const problemLabel = { performance: '绩效未达标', conduct: '可整改的违纪行为' } as const;

/** Exactly what the employee is shown and signs, with its SHA-256 (also read by the evidence package). */
export async function contentOf(exec: Db | Tx, p: PlanWithPerson): Promise<PipAckContent> {
  const [e] = await exec.select({ name: employees.name, employeeNo: employees.employeeNo }).from(employees).where(eq(employees.id, p.plan.employeeId));
  const goals = (await goalsOf(exec, p.plan.id)).map(goalInput);
  const content = {
    planId: p.plan.id,
    version: p.plan.goalsVersion,
    employee: { name: e!.name, employeeNo: e!.employeeNo },
    problemType: p.plan.problemType,
    reason: p.plan.reasonText,
    violation: p.plan.violation ?? null,
    plannedStart: p.plan.plannedStart,
    plannedEnd: p.plan.plannedEnd,
    goals,
  };
  const lines = [
    `改进计划 ${p.plan.id}（第 ${p.plan.goalsVersion} 版）`,
    `员工：${e!.name}（${e!.employeeNo}）`,
    `问题类型：${problemLabel[p.plan.problemType as keyof typeof problemLabel] ?? p.plan.problemType}`,
    `原因：${p.plan.reasonText}`,
    `期间：${p.plan.plannedStart} 至 ${p.plan.plannedEnd}`,
    ...goals.map((g, i) => `目标 ${i + 1}：${g.title}（权重 ${g.weight}%）${g.metric ? `；衡量：${g.metric}，基线 ${g.baseline}，目标 ${g.target}${g.unit}` : ''}${g.dueDate ? `；截止 ${g.dueDate}` : ''}${g.support ? `；公司支持：${g.support}` : ''}`),
  ];
  return { version: p.plan.goalsVersion, content, text: lines.join('\n'), sha256: snapshotHash(content) };
}

/**
 * Goals (drafted by the manager or the employee, finalised by the manager) and the employee's
 * acknowledgment of exactly the content shown, hashed. Goals are the standard once acknowledged.
 */
export function createPipGoals(deps: PipDeps & { pips: Pips; acks: Acknowledgments }) {
  const { db, clock, record, pips } = deps;

  async function save(access: Access, ctx: AuditContext, id: string, body: SavePipGoals): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, id, true);
      const steps = await currentSteps(tx, id);
      const actors = actorsOf(access, p, steps);
      const lead = actors.has('manager') || actors.has('hr');
      const state = p.plan.state as PipState;
      const snap = await pips.snapshotOf(tx, p.plan.snapshotId);
      const bounds = await boundsOf(tx, snap);
      if (!lead && !actors.has('employee')) throw new AppError('FORBIDDEN', '只有直属上级、HR 或员工本人可以填写目标');
      let to: PipState = state;
      let pause = p.plan.pauseReason;
      let finalise = body.finalise;
      if (actors.has('employee') && !lead) {
        // 目标自助填报: the employee drafts until the manager finalises
        if (state !== 'goal_setting') throw new AppError('CONFLICT', `计划当前为「${state}」，员工只能在目标设定阶段填写目标`, { reason: 'state', state });
        if (p.plan.goalsFinalisedAt) throw new AppError('CONFLICT', '目标已由直属上级确认，如需调整请在评论中提出', { reason: 'goals_final' });
        if (finalise) throw new AppError('FORBIDDEN', '只有直属上级或 HR 可以确认目标');
      } else if (state === 'in_progress') {
        // an amendment of acknowledged goals: the plan pauses until the employee acknowledges again
        const facts = planFacts(p.plan, bounds, snap, steps, await goalsOf(tx, id), deps.businessDate(clock.now()));
        const r = decide('amend_goals', facts, actors, { reason: body.reason ?? null });
        to = r.to;
        pause = r.pause;
        finalise = true;
      } else if (!(state === 'goal_setting' || (state === 'paused' && p.plan.pauseReason === 'reacknowledgment'))) {
        throw new AppError('CONFLICT', `计划当前为「${state}」，不能修改目标`, { reason: 'state', state });
      }
      if (finalise) {
        const issues = goalIssues(body.goals, bounds);
        if (issues.length > 0) throw new AppError('VALIDATION_FAILED', issues[0]!.message, { issues });
      } else if (body.goals.length > bounds.maxGoals) throw fieldError('body.goals', `目标最多 ${bounds.maxGoals} 个`);
      const now = clock.now();
      const draftedBy = lead ? (actors.has('manager') ? 'manager' : 'hr') : 'employee';
      await tx.delete(pipGoals).where(eq(pipGoals.planId, id));
      if (body.goals.length > 0) await tx.insert(pipGoals).values(body.goals.map((g, i) => ({ ...g, planId: id, position: i + 1, draftedBy })));
      const version = p.plan.goalsVersion + 1;
      await tx
        .update(pipPlans)
        .set({ goalsVersion: version, goalsFinalisedAt: finalise ? now : null, state: to, pauseReason: to === 'paused' ? pause : null, pausedAt: to === 'paused' && state !== 'paused' ? now : p.plan.pausedAt, version: p.plan.version + 1, updatedAt: now })
        .where(eq(pipPlans.id, id));
      const kind = state === 'in_progress' ? 'amend_goals' : 'goals_saved';
      await record.event(tx, ctx, id, kind, { from: state, to, data: { goalsVersion: version, count: body.goals.length, finalised: finalise, by: draftedBy, ...(body.reason && { reason: body.reason }) } });
      if (finalise) {
        await record.tell(tx, ctx, [p.plan.employeeId], {
          kind: 'pip.acknowledgment_requested',
          dedupeKey: `pip-ack:${id}:${version}`,
          title: { 'zh-CN': kind === 'amend_goals' ? '改进计划目标已调整，请重新签收' : '请查看并签收您的改进计划', 'en-US': kind === 'amend_goals' ? 'Your plan goals changed: please acknowledge again' : 'Please review and acknowledge your improvement plan' },
          body: { 'zh-CN': '签收前请完整阅读计划内容；如有异议可评论或申诉。', 'en-US': 'Read the whole plan before acknowledging; you may comment or appeal.' },
          link: `/pips/${id}`,
          ...asks.acknowledgment({ type: PIP_ACK_SUBJECT, id, version }, id, `/pips/${id}`),
        });
      }
    });
  }

  async function content(access: Access, id: string): Promise<PipAckContent> {
    return contentOf(db, await loadPlan(db, access, id, false));
  }

  /** The employee signs (or HR records a refusal with a witness); the plan runs (again). */
  async function acknowledge(access: Access, ctx: AuditContext, meta: RequestMeta, id: string, input: { refusal: false; version: number; sha256: string; channel: 'web' | 'wecom' } | { refusal: true; witnessEmployeeId: string; note: string }): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, id, true);
      const steps = await currentSteps(tx, id);
      const snap = await pips.snapshotOf(tx, p.plan.snapshotId);
      const today = deps.businessDate(clock.now());
      const facts = planFacts(p.plan, await boundsOf(tx, snap), snap, steps, await goalsOf(tx, id), today);
      const action = input.refusal ? 'record_refusal' : 'acknowledge';
      const r = decide(action, facts, actorsOf(access, p, steps), input.refusal ? { witness: input.witnessEmployeeId, comment: input.note } : {});
      const shown = await contentOf(tx, p);
      if (!input.refusal && (input.version !== shown.version || input.sha256 !== shown.sha256)) {
        throw new AppError('CONFLICT', '计划内容已更新，请重新阅读后再签收', { reason: 'CONTENT_CHANGED', version: shown.version, sha256: shown.sha256 });
      }
      const earlier = await acknowledgmentsOf(tx, id);
      const now = clock.now();
      const subject = { type: PIP_ACK_SUBJECT, id, version: shown.version };
      if (input.refusal) {
        if (input.witnessEmployeeId === p.plan.employeeId) throw fieldError('body.witnessEmployeeId', '见证人不能是员工本人');
        await deps.acks.refuse(tx, ctx, { subject, currentSha256: shown.sha256, employeeId: p.plan.employeeId, witnessEmployeeId: input.witnessEmployeeId, note: input.note, recordedBy: access.userId });
      } else {
        await deps.acks.confirm(tx, ctx, { subject, currentSha256: shown.sha256, shownSha256: input.sha256, employeeId: p.plan.employeeId, userId: access.userId, channel: input.channel, ip: meta.ip, userAgent: meta.userAgent });
      }
      const days = p.plan.state === 'paused' ? pausedDays(p.plan.pausedAt, today, deps.businessDate) : 0;
      await tx
        .update(pipPlans)
        .set({ state: r.to, pauseReason: null, pausedAt: null, plannedEnd: extendedEnd(p.plan.plannedEnd, days), pausedDays: p.plan.pausedDays + days, version: p.plan.version + 1, updatedAt: now })
        .where(eq(pipPlans.id, id));
      await record.event(tx, ctx, id, action, { from: p.plan.state as PipState, to: r.to, data: { version: shown.version, sha256: shown.sha256, content: shown.content, text: shown.text, ...(input.refusal && { witnessEmployeeId: input.witnessEmployeeId }), ...(days > 0 && { extendedByDays: days }) } });
      if (r.to === 'in_progress') await deps.onStarted?.(tx, ctx, id);
      if (earlier.length === 0) await deps.emit?.(tx, 'pip.started', { planId: id, employeeId: p.plan.employeeId, plannedStart: p.plan.plannedStart, plannedEnd: p.plan.plannedEnd, problemType: p.plan.problemType }, { eventId: id });
      await record.tell(tx, ctx, [p.plan.managerId, p.plan.hrbpId], {
        kind: 'pip.acknowledged',
        dedupeKey: `pip-acknowledged:${id}:${shown.version}`,
        title: { 'zh-CN': input.refusal ? '员工拒绝签收改进计划（已记录见证人）' : '员工已签收改进计划', 'en-US': input.refusal ? 'The employee refused to sign (witness recorded)' : 'The employee acknowledged the plan' },
        body: { 'zh-CN': `第 ${shown.version} 版`, 'en-US': `Version ${shown.version}` },
        link: `/pips/${id}`,
      });
    });
  }

  return { save, content, acknowledge };
}

export type PipGoalsService = ReturnType<typeof createPipGoals>;
