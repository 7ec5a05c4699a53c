import { and, eq, sql } from 'drizzle-orm';
import type { ChangeEmployee, SaveRoleAdjustment, SaveTraining } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { employees, pipEvaluations, pipRoleAdjustments, pipTrainings } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { Acknowledgments } from '../acknowledgments/acknowledgments.service.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { Evaluations } from '../evaluations/evaluations.service.ts';
import { concludeFollowUp } from '../pip/pip.conclude.ts';
import type { RequestMeta } from '../pip/pip.goals.ts';
import { actorsOf, callerName, goalsOf, loadPlan, type PlanWithPerson } from '../pip/pip.queries.ts';
import type { PipRecord } from '../pip/pip.record.ts';
import { roleAdjustmentNotice } from './outcomes.content.ts';
import { ROLE_ADJUSTMENT_ACK } from './outcomes.queries.ts';

export type FollowUpDeps = {
  db: Db;
  clock: Clock;
  record: PipRecord;
  acks: Acknowledgments;
  evaluations: Pick<Evaluations, 'open'>;
  businessDate(at: Date): string;
  /** the people module's job change, in the caller's transaction (the role adjustment's new position) */
  changeEmployee: (tx: Tx, access: Access, ctx: AuditContext, id: string, input: ChangeEmployee) => Promise<unknown>;
};

const link = (planId: string) => `/pips/${planId}#follow-up`;

/**
 * The follow-up of a plan not passed (劳动合同法 第四十条第二项): training aimed at the gap, or a
 * reasonable related role adjustment with a notice the employee signs; then a re-assessment on
 * the same locked goals. A re-assessment that meets the standard concludes it; one that does not
 * opens the way to a termination review (the compliance guard decides what it needs).
 */
export function createFollowUp(deps: FollowUpDeps) {
  const { db, clock, record, acks } = deps;
  const today = () => deps.businessDate(clock.now());

  /** The plan in follow-up, locked, and the caller one of those who arrange it (manager, HRBP, HR). */
  async function arranging(tx: Tx, access: Access, planId: string, who: 'lead' | 'hr' = 'lead'): Promise<PlanWithPerson> {
    const p = await loadPlan(tx, access, planId, true);
    const a = actorsOf(access, p, []);
    const ok = who === 'hr' ? a.has('hrbp') || a.has('hr') : a.has('manager') || a.has('hrbp') || a.has('hr');
    if (!ok) throw new AppError('FORBIDDEN', who === 'hr' ? '只有本计划的 HRBP 或范围内的 HR 可以调整工作岗位' : '只有直属上级、HRBP 或 HR 可以安排跟进措施');
    if (p.plan.state !== 'follow_up') throw new AppError('CONFLICT', `计划当前为「${p.plan.state}」，只有未通过跟进中的计划可以安排培训、调岗或再评估`, { reason: 'state', state: p.plan.state });
    return p;
  }

  async function checkTraining(tx: Tx, p: PlanWithPerson, input: SaveTraining): Promise<void> {
    if (input.endsOn < input.startsOn) throw fieldError('body.endsOn', '结束日期不能早于开始日期');
    const goals = new Set((await goalsOf(tx, p.plan.id)).map((g) => g.id));
    const bad = input.goalIds.findIndex((g) => !goals.has(g));
    if (bad >= 0) throw fieldError(`body.goalIds.${bad}`, '该目标不属于这个改进计划');
    if (input.attendance !== null && input.startsOn > today()) throw fieldError('body.attendance', `培训 ${input.startsOn} 才开始，尚不能记录出勤`);
  }

  /** A training aimed at a gap of the locked goals (distinct from the plan itself). */
  async function addTraining(access: Access, ctx: AuditContext, planId: string, input: SaveTraining): Promise<string> {
    return db.transaction(async (tx) => {
      const p = await arranging(tx, access, planId);
      await checkTraining(tx, p, input);
      const now = clock.now();
      const [row] = await tx
        .insert(pipTrainings)
        .values({ planId, topic: input.topic, gap: input.gap, goalIds: input.goalIds, startsOn: input.startsOn, endsOn: input.endsOn, trainer: input.trainer, attendance: input.attendance, attendanceNote: input.attendanceNote, createdBy: access.userId, createdByName: await callerName(tx, access), createdAt: now, updatedAt: now })
        .returning({ id: pipTrainings.id });
      await record.event(tx, ctx, planId, 'training_added', { data: { trainingId: row!.id, topic: input.topic, startsOn: input.startsOn, endsOn: input.endsOn, trainer: input.trainer } });
      await record.tell(tx, ctx, [p.plan.employeeId], { kind: 'pip.training', dedupeKey: `training:${row!.id}`, title: { 'zh-CN': `培训安排：${input.topic}（${input.startsOn} 至 ${input.endsOn}）`, 'en-US': `Training: ${input.topic} (${input.startsOn} to ${input.endsOn})` }, body: { 'zh-CN': `针对：${input.gap}；讲师：${input.trainer}`, 'en-US': `For: ${input.gap}; trainer: ${input.trainer}` }, link: link(planId) });
      return row!.id;
    });
  }

  /** Corrects a training or records its attendance once it has taken place. */
  async function updateTraining(access: Access, ctx: AuditContext, planId: string, trainingId: string, input: SaveTraining): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await arranging(tx, access, planId);
      const [t] = await tx.select().from(pipTrainings).where(and(eq(pipTrainings.id, trainingId), eq(pipTrainings.planId, planId))).for('update');
      if (!t) throw new AppError('NOT_FOUND', `没有这次培训：${trainingId}`);
      await checkTraining(tx, p, input);
      await tx.update(pipTrainings).set({ topic: input.topic, gap: input.gap, goalIds: input.goalIds, startsOn: input.startsOn, endsOn: input.endsOn, trainer: input.trainer, attendance: input.attendance, attendanceNote: input.attendanceNote, updatedAt: clock.now() }).where(eq(pipTrainings.id, trainingId));
      await record.event(tx, ctx, planId, 'training_updated', { before: { topic: t.topic, startsOn: t.startsOn, endsOn: t.endsOn, attendance: t.attendance }, data: { trainingId, topic: input.topic, startsOn: input.startsOn, endsOn: input.endsOn, attendance: input.attendance } });
    });
  }

  /** A role adjustment: the employee record moves to the new position (a job change), and the employee is asked to sign the notice. */
  async function addRoleAdjustment(access: Access, ctx: AuditContext, planId: string, input: SaveRoleAdjustment): Promise<string> {
    return db.transaction(async (tx) => {
      const p = await arranging(tx, access, planId, 'hr');
      const [e] = await tx.select({ name: employees.name, employeeNo: employees.employeeNo, position: employees.position, grade: employees.grade }).from(employees).where(eq(employees.id, p.plan.employeeId));
      if (input.toPosition === e!.position && (input.toGrade ?? e!.grade) === e!.grade) throw fieldError('body.toPosition', `新岗位与现岗位（${e!.position}）相同`);
      const notice = roleAdjustmentNotice({ planId, employee: e!, from: { position: e!.position, grade: e!.grade }, to: { position: input.toPosition, grade: input.toGrade }, effectiveOn: input.effectiveOn, reason: input.reason, relation: input.relation, issuedOn: today() });
      const now = clock.now();
      const [row] = await tx
        .insert(pipRoleAdjustments)
        .values({ planId, fromPosition: e!.position, fromGrade: e!.grade, toPosition: input.toPosition, toGrade: input.toGrade, effectiveOn: input.effectiveOn, reason: input.reason, relation: input.relation, noticeText: notice.text, noticeSha256: notice.sha256, createdBy: access.userId, createdByName: await callerName(tx, access), createdAt: now })
        .returning({ id: pipRoleAdjustments.id });
      await deps.changeEmployee(tx, access, ctx, p.plan.employeeId, { effectiveDate: input.effectiveOn, reason: `改进计划调岗：${input.reason}`.slice(0, 200), position: input.toPosition, ...(input.toGrade && { grade: input.toGrade }) });
      await record.event(tx, ctx, planId, 'role_adjusted', { before: { position: e!.position, grade: e!.grade }, data: { roleAdjustmentId: row!.id, toPosition: input.toPosition, toGrade: input.toGrade, effectiveOn: input.effectiveOn, noticeSha256: notice.sha256 } });
      await record.tell(tx, ctx, [p.plan.employeeId], { kind: 'pip.role_adjustment', dedupeKey: `role-adjustment:${row!.id}`, title: { 'zh-CN': `调整工作岗位通知：${input.toPosition}，请阅读并签收`, 'en-US': `Role adjustment to ${input.toPosition}: read and sign the notice` }, body: { 'zh-CN': `生效日期 ${input.effectiveOn}`, 'en-US': `Effective ${input.effectiveOn}` }, link: link(planId) });
      return row!.id;
    });
  }

  /** The employee signs the notice they were shown (its SHA-256), or HR records a refusal before a witness. */
  async function signRoleAdjustment(access: Access, ctx: AuditContext, meta: RequestMeta, planId: string, id: string, input: { refusal: false; sha256: string; channel: 'web' | 'wecom' } | { refusal: true; witnessEmployeeId: string; note: string }): Promise<void> {
    await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, planId, true);
      const a = actorsOf(access, p, []);
      if (input.refusal ? !a.has('hr') : !a.has('employee')) throw new AppError('FORBIDDEN', input.refusal ? '只有 HR 可以记录拒签' : '只有员工本人可以签收调岗通知');
      const [r] = await tx.select().from(pipRoleAdjustments).where(and(eq(pipRoleAdjustments.id, id), eq(pipRoleAdjustments.planId, planId)));
      if (!r) throw new AppError('NOT_FOUND', `没有这次调岗：${id}`);
      if (p.plan.state !== 'follow_up') throw new AppError('CONFLICT', `计划当前为「${p.plan.state}」，调岗通知只能在跟进阶段签收`, { reason: 'state', state: p.plan.state });
      const subject = { type: ROLE_ADJUSTMENT_ACK, id, version: 1 };
      if (input.refusal) await acks.refuse(tx, ctx, { subject, currentSha256: r.noticeSha256, employeeId: p.plan.employeeId, witnessEmployeeId: input.witnessEmployeeId, note: input.note, recordedBy: access.userId });
      else await acks.confirm(tx, ctx, { subject, currentSha256: r.noticeSha256, shownSha256: input.sha256, employeeId: p.plan.employeeId, userId: access.userId, channel: input.channel, ip: meta.ip, userAgent: meta.userAgent });
      await record.event(tx, ctx, planId, input.refusal ? 'role_adjustment_refused' : 'role_adjustment_signed', { data: { roleAdjustmentId: id, sha256: r.noticeSha256, ...(input.refusal && { witnessEmployeeId: input.witnessEmployeeId }) } });
    });
  }

  /** A re-assessment on the same locked goals, after a training that took place or a signed (or refused) role adjustment. */
  async function openReassessment(access: Access, ctx: AuditContext, planId: string, opensOn: string | undefined): Promise<string> {
    return db.transaction(async (tx) => {
      const p = await arranging(tx, access, planId);
      const day = opensOn ?? today();
      if (day < today()) throw fieldError('body.opensOn', '再评估日期不能早于今天');
      const [done] = await queryRows<{ trained: number; adjusted: number }>(
        tx as Db,
        sql`select (select count(*)::int from pip_trainings where plan_id = ${planId} and attendance in ('attended', 'partial')) as trained,
                   (select count(*)::int from pip_role_adjustments r where r.plan_id = ${planId}
                      and exists (select 1 from acknowledgments a where a.subject_type = ${ROLE_ADJUSTMENT_ACK} and a.subject_id = r.id)) as adjusted`,
      );
      if (!done!.trained && !done!.adjusted) throw new AppError('CONFLICT', '请先完成培训（记录出勤）或调岗（员工签收或记录拒签），再安排再评估', { reason: 'follow_up_first' });
      const earlier = await tx.select().from(pipEvaluations).where(and(eq(pipEvaluations.planId, planId), eq(pipEvaluations.kind, 'reassessment')));
      if (earlier.some((e) => e.status === 'scheduled' || e.status === 'open')) throw new AppError('CONFLICT', '已有进行中的再评估', { reason: 'reassessment_open' });
      const n = earlier.length + 1;
      const now = clock.now();
      const [row] = await tx
        .insert(pipEvaluations)
        .values({ planId, pointKey: `reassessment-${n}`, kind: 'reassessment', name: `再评估（第 ${n} 次，沿用原锁定的目标与衡量标准）`, atPercent: 100, status: 'scheduled', opensOn: day, goalsVersion: p.plan.goalsVersion, createdAt: now, updatedAt: now })
        .returning({ id: pipEvaluations.id });
      await record.event(tx, ctx, planId, 'reassessment_arranged', { data: { evaluationId: row!.id, opensOn: day, goalsVersion: p.plan.goalsVersion } });
      if (day <= today()) await deps.evaluations.open(tx, row!.id);
      return row!.id;
    });
  }

  /** A completed re-assessment: met concludes the follow-up (HR may close); not met leaves the way to a termination review. */
  async function reassessed(tx: Tx, ctx: AuditContext, planId: string, r: { evaluationId: string; conclusion: 'met' | 'not_met' }): Promise<void> {
    const [plan] = await queryRows<{ hrbp_id: string | null; manager_id: string | null }>(tx as Db, sql`select hrbp_id, manager_id from pip_plans where id = ${planId}`);
    if (r.conclusion === 'met') await concludeFollowUp(tx, planId, 'reassessment_met', clock.now());
    await record.event(tx, ctx, planId, r.conclusion === 'met' ? 'reassessment_met' : 'reassessment_not_met', { data: { evaluationId: r.evaluationId } });
    await record.tell(tx, ctx, [plan?.hrbp_id ?? null, plan?.manager_id ?? null], {
      kind: 'pip.reassessed',
      dedupeKey: `reassessed:${r.evaluationId}`,
      title: { 'zh-CN': r.conclusion === 'met' ? '再评估已达标，HR 可以结束计划' : '再评估仍未达标', 'en-US': r.conclusion === 'met' ? 'The re-assessment met the standard: HR may close the plan' : 'The re-assessment did not meet the standard' },
      body: { 'zh-CN': r.conclusion === 'met' ? '改进标记将在计划结束时解除。' : '如需进入终止评审，请先查看合规检查。', 'en-US': r.conclusion === 'met' ? 'The PIP mark is removed when the plan closes.' : 'Check the compliance guard before proposing a termination review.' },
      link: link(planId),
    });
  }

  return { addTraining, updateTraining, addRoleAdjustment, signRoleAdjustment, openReassessment, reassessed };
}

export type FollowUp = ReturnType<typeof createFollowUp>;
