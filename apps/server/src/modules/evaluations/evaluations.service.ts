import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Evaluation, SubmitManagerEvaluation, SubmitSelfAssessment } from '@uplift/contract';
import { queryRows, sqlList, type Db, type Tx } from '../../db/client.ts';
import { pipEvaluationGoals, pipEvaluations, pipPlans } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { pathInScope, type Access } from '../access/access.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { loadOverrides, type Calendar } from '../calendar/calendar.service.ts';
import { addDays, spanFor } from '../calendar/working-days.ts';
import { planCity } from '../checkins/checkins.calendar.ts';
import { planPolicy } from '../pip/pip.facts.ts';
import { actorsOf, callerName, lastPauseStart, type GoalRow, goalsOf, loadPlan, type PlanRow, type PlanWithPerson } from '../pip/pip.queries.ts';
import type { PipRecord } from '../pip/pip.record.ts';
import type { Pips } from '../pip/pip.service.ts';
import { evaluationsOfPlan, loadEvaluation, presentEvaluations, type EvaluationRow } from './evaluations.queries.ts';
import { escalationTargets, evaluationDates, missingParts } from './evaluations.schedule.ts';
import { asks } from '../wecom-cards/wecom-cards.subjects.ts';

export type EvaluationDeps = {
  db: Db;
  clock: Clock;
  record: PipRecord;
  pips: Pips;
  calendar: Calendar;
  timeZone: string;
  businessDate(at: Date): string;
  /** a completed re-assessment (the outcome's follow-up decides what it means) */
  onReassessed?: (tx: Tx, ctx: AuditContext, planId: string, r: { evaluationId: string; conclusion: 'met' | 'not_met' }) => Promise<void>;
};

const SYSTEM: AuditContext = { actorId: null, actorLabel: 'system:evaluations', requestId: null };
/** a scheduled evaluation is pushed, and an open one chased, only while the plan runs (or is in its final review): a pause stops the clock */
const pushStates = ['in_progress', 'final_review', 'follow_up'];
/** parts are written, and overdue ones reminded, while the plan is open past its start */
const workStates = ['in_progress', 'paused', 'final_review', 'follow_up'];
const endedStates = ['closed', 'cancelled', 'archived'];
const link = (planId: string, id: string) => `/pips/${planId}#evaluation-${id}`;

type GoalRating = { goalId: string; rating: string; comment: string; percent?: number };

/** Every goal rated once, on the policy's scale; errors name the item. */
export function ratingIssues(input: readonly GoalRating[], goals: readonly Pick<GoalRow, 'id' | 'title'>[], scale: readonly string[]): { path: string; message: string } | null {
  const ids = new Set(goals.map((g) => g.id));
  const seen = new Set<string>();
  for (const [i, g] of input.entries()) {
    if (!ids.has(g.goalId)) return { path: `body.goals.${i}.goalId`, message: '该目标不属于这个改进计划' };
    if (seen.has(g.goalId)) return { path: `body.goals.${i}.goalId`, message: '同一目标只能评一次' };
    if (!scale.includes(g.rating)) return { path: `body.goals.${i}.rating`, message: `评分须为以下之一：${scale.join('、')}` };
    seen.add(g.goalId);
  }
  const unrated = goals.filter((g) => !seen.has(g.id));
  if (unrated.length) return { path: 'body.goals', message: `请为每个目标评分，尚缺：${unrated.map((g) => `「${g.title}」`).join('')}` };
  return null;
}

/** Evaluations at the snapshot's points: scheduled on start, pushed and chased by the tick, written by manager, employee and HRBP. */
export function createEvaluations(deps: EvaluationDeps) {
  const { db, clock, record, pips, calendar } = deps;
  const today = () => deps.businessDate(clock.now());

  /** Schedules the points of a plan entering in_progress (start or resume): new ones added, still-scheduled ones follow the current end date. */
  async function schedule(tx: Tx, ctx: AuditContext, planId: string): Promise<number> {
    const [plan] = await tx.select().from(pipPlans).where(eq(pipPlans.id, planId));
    if (!plan) return 0;
    const snap = await pips.snapshotOf(tx, plan.snapshotId);
    const city = await planCity(tx, calendar, plan);
    const overrides = await loadOverrides(tx, city, plan.plannedStart, addDays(plan.plannedEnd, spanFor(1)));
    // each confirmed extension adds a final evaluation at the new end
    const [ext] = await queryRows<{ n: number }>(tx as Db, sql`select count(*)::int as n from pip_outcomes where plan_id = ${planId} and outcome = 'extended' and status = 'confirmed'`);
    const extensions = Array.from({ length: ext?.n ?? 0 }, (_, i) => ({ key: `extension-${i + 1}`, name: `延期终期评估（第 ${i + 1} 次延期）`, atPercent: 100 }));
    const planned = evaluationDates({ start: plan.plannedStart, end: plan.plannedEnd, points: [...snap.content.values.evaluation.points, ...extensions] }, overrides);
    const existing = new Map((await tx.select().from(pipEvaluations).where(eq(pipEvaluations.planId, planId))).map((e) => [e.pointKey, e]));
    const now = clock.now();
    const changed: { key: string; opensOn: string }[] = [];
    for (const p of planned) {
      const e = existing.get(p.key);
      if (!e) await tx.insert(pipEvaluations).values({ planId, pointKey: p.key, name: p.name, atPercent: p.atPercent, status: 'scheduled', opensOn: p.opensOn, createdAt: now, updatedAt: now });
      else if (e.status === 'scheduled' && e.opensOn !== p.opensOn) await tx.update(pipEvaluations).set({ opensOn: p.opensOn, updatedAt: now }).where(eq(pipEvaluations.id, e.id));
      else continue;
      changed.push({ key: p.key, opensOn: p.opensOn });
    }
    if (changed.length) await record.event(tx, ctx, planId, 'evaluations_scheduled', { data: { points: changed } });
    await restartAfterPause(tx, ctx, plan, city);
    return changed.length;
  }

  /** On resume: an evaluation that was open when the plan paused gets its full time again from today. */
  async function restartAfterPause(tx: Tx, ctx: AuditContext, plan: PlanRow, city: string | null): Promise<void> {
    const pausedAt = await lastPauseStart(tx, plan.id);
    if (!pausedAt) return;
    const open = (await tx.select().from(pipEvaluations).where(and(eq(pipEvaluations.planId, plan.id), eq(pipEvaluations.status, 'open')))).filter((e) => e.openedAt && e.openedAt.getTime() <= pausedAt.getTime());
    if (open.length === 0) return;
    const n = (await planPolicy(tx, plan.policyVersionId)).evaluation.dueWorkingDays;
    const dueOn = (await calendar.addWorkingDays(tx, { from: today(), days: n, city })).due;
    const escalateOn = (await calendar.addWorkingDays(tx, { from: dueOn, days: n, city })).due;
    for (const e of open) {
      if (e.dueOn !== null && e.dueOn >= dueOn) continue;
      await tx.update(pipEvaluations).set({ dueOn, escalateOn, remindedOn: null, updatedAt: clock.now() }).where(eq(pipEvaluations.id, e.id));
      await record.event(tx, ctx, plan.id, 'evaluation_restarted', { before: { dueOn: e.dueOn }, data: { evaluationId: e.id, point: e.pointKey, dueOn, reason: 'resumed' } });
    }
  }

  async function scaleOf(exec: Db | Tx, plan: PlanRow): Promise<string[]> {
    return (await planPolicy(exec, plan.policyVersionId)).goals.ratingScale;
  }

  async function list(access: Access, planId: string): Promise<Evaluation[]> {
    const p = await loadPlan(db, access, planId, false);
    return presentEvaluations(db, await evaluationsOfPlan(db, planId), await scaleOf(db, p.plan), today());
  }

  async function one(access: Access, id: string): Promise<Evaluation> {
    const { e, p } = await loadEvaluation(db, access, id, false);
    return (await presentEvaluations(db, [e], await scaleOf(db, p.plan), today()))[0]!;
  }

  /** Opens the evaluation for writing by this part, or says why not. */
  function requireWritable(e: EvaluationRow, p: PlanWithPerson): void {
    if (e.status === 'scheduled') throw new AppError('CONFLICT', `「${e.name}」将于 ${e.opensOn} 推送，目前还不能填写`, { reason: 'evaluation_state', status: e.status, opensOn: e.opensOn });
    if (e.status !== 'open') throw new AppError('CONFLICT', `「${e.name}」已${e.status === 'completed' ? '完成' : '取消'}`, { reason: 'evaluation_state', status: e.status });
    if (!workStates.includes(p.plan.state)) throw new AppError('CONFLICT', `计划当前为「${p.plan.state}」，不能填写评估`, { reason: 'state', state: p.plan.state });
  }

  /** Completes the evaluation when the last part came in; tells everyone. */
  async function completeIfDone(tx: Tx, ctx: AuditContext, id: string, p: PlanWithPerson): Promise<void> {
    const [e] = await tx.select().from(pipEvaluations).where(eq(pipEvaluations.id, id));
    if (!e || missingParts(e).length > 0) return;
    const now = clock.now();
    await tx.update(pipEvaluations).set({ status: 'completed', completedAt: now, updatedAt: now }).where(eq(pipEvaluations.id, id));
    await record.event(tx, ctx, p.plan.id, 'evaluation_completed', { data: { evaluationId: id, point: e.pointKey, overall: e.managerOverall, ...(e.conclusion && { conclusion: e.conclusion }) } });
    if (e.kind === 'reassessment') await deps.onReassessed?.(tx, ctx, p.plan.id, { evaluationId: id, conclusion: e.conclusion as 'met' | 'not_met' });
    await record.tell(tx, ctx, [p.plan.employeeId, p.plan.managerId, p.plan.hrbpId], { kind: 'evaluation.completed', dedupeKey: `evaluation-completed:${id}`, title: { 'zh-CN': `「${e.name}」已完成：${e.managerOverall ?? ''}`, 'en-US': `The ${e.name} is complete: ${e.managerOverall ?? ''}` }, body: { 'zh-CN': '上级评估、员工自评与 HRBP 评语均已提交。', 'en-US': "The manager's rating, the self-assessment and the HRBP's comment are all in." }, link: link(p.plan.id, id) });
  }

  /** The manager rates every locked goal (with progress %) and overall, with a summary. Once. */
  async function submitManager(access: Access, ctx: AuditContext, id: string, input: SubmitManagerEvaluation): Promise<void> {
    await db.transaction(async (tx) => {
      const { e, p } = await loadEvaluation(tx, access, id, true);
      if (!actorsOf(access, p, []).has('manager')) throw new AppError('FORBIDDEN', '只有直属上级可以填写上级评估');
      requireWritable(e, p);
      if (e.managerAt) throw new AppError('CONFLICT', '上级评估已提交，不能修改', { reason: 'part_submitted', part: 'manager' });
      const scale = await scaleOf(tx, p.plan);
      const bad = ratingIssues(input.goals, await goalsOf(tx, p.plan.id), scale);
      if (bad) throw fieldError(bad.path, bad.message);
      if (!scale.includes(input.overall)) throw fieldError('body.overall', `总体评分须为以下之一：${scale.join('、')}`);
      if (e.kind === 'reassessment' && !input.conclusion) throw fieldError('body.conclusion', '再评估须给出结论：已达标或仍未达标');
      if (e.kind !== 'reassessment' && input.conclusion) throw fieldError('body.conclusion', '只有再评估需要给出结论');
      const now = clock.now();
      await tx.update(pipEvaluations).set({ conclusion: input.conclusion ?? null, managerOverall: input.overall, managerSummary: input.summary, managerAt: now, managerBy: access.userId, managerName: await callerName(tx, access), updatedAt: now }).where(eq(pipEvaluations.id, id));
      await tx.insert(pipEvaluationGoals).values(input.goals.map((g) => ({ evaluationId: id, part: 'manager', goalId: g.goalId, rating: g.rating, percent: g.percent, comment: g.comment })));
      await record.event(tx, ctx, p.plan.id, 'evaluation_manager', { data: { evaluationId: id, point: e.pointKey, overall: input.overall, goals: input.goals } });
      await record.tell(tx, ctx, [p.plan.employeeId], { kind: 'evaluation.rated', dedupeKey: `evaluation-rated:${id}:employee`, title: { 'zh-CN': `直属上级已提交「${e.name}」`, 'en-US': `Your manager submitted the ${e.name}` }, body: { 'zh-CN': e.selfAt ? '请查看评估结果。' : '请查看评估结果并完成自评。', 'en-US': e.selfAt ? 'Read the result.' : 'Read the result and submit your self-assessment.' }, link: link(p.plan.id, id) });
      await record.tell(tx, ctx, [p.plan.hrbpId], { kind: 'evaluation.comment_requested', dedupeKey: `evaluation-rated:${id}:hrbp`, title: { 'zh-CN': `请填写「${e.name}」的 HRBP 评语`, 'en-US': `Add your HRBP comment to the ${e.name}` }, body: { 'zh-CN': '直属上级已提交评估。', 'en-US': 'The manager has submitted the evaluation.' }, link: link(p.plan.id, id), ...asks.evaluation(p.plan.id, id, 'hrbp', link(p.plan.id, id)) });
      await completeIfDone(tx, ctx, id, p);
    });
  }

  /** The employee's self-assessment per goal and overall. Once. */
  async function submitSelf(access: Access, ctx: AuditContext, id: string, input: SubmitSelfAssessment): Promise<void> {
    await db.transaction(async (tx) => {
      const { e, p } = await loadEvaluation(tx, access, id, true);
      if (!access.employeeId || p.plan.employeeId !== access.employeeId) throw new AppError('FORBIDDEN', '只有员工本人可以填写自评');
      requireWritable(e, p);
      if (e.selfAt) throw new AppError('CONFLICT', '自评已提交，不能修改', { reason: 'part_submitted', part: 'self' });
      const bad = ratingIssues(input.goals, await goalsOf(tx, p.plan.id), await scaleOf(tx, p.plan));
      if (bad) throw fieldError(bad.path, bad.message);
      const now = clock.now();
      await tx.update(pipEvaluations).set({ selfSummary: input.summary, selfAt: now, selfBy: access.userId, selfName: await callerName(tx, access), updatedAt: now }).where(eq(pipEvaluations.id, id));
      await tx.insert(pipEvaluationGoals).values(input.goals.map((g) => ({ evaluationId: id, part: 'self', goalId: g.goalId, rating: g.rating, comment: g.comment })));
      await record.event(tx, ctx, p.plan.id, 'evaluation_self', { data: { evaluationId: id, point: e.pointKey, goals: input.goals } });
      await record.tell(tx, ctx, [p.plan.managerId], { kind: 'evaluation.self_submitted', dedupeKey: `evaluation-self:${id}`, title: { 'zh-CN': `员工已提交「${e.name}」自评`, 'en-US': `The employee submitted the self-assessment of the ${e.name}` }, body: { 'zh-CN': '可在计划页查看。', 'en-US': 'See it on the plan page.' }, link: link(p.plan.id, id) });
      await completeIfDone(tx, ctx, id, p);
    });
  }

  /** The HRBP's (or HR's) comment, after the manager's part. Once. */
  async function submitHrbp(access: Access, ctx: AuditContext, id: string, comment: string): Promise<void> {
    await db.transaction(async (tx) => {
      const { e, p } = await loadEvaluation(tx, access, id, true);
      const actors = actorsOf(access, p, []);
      if (!actors.has('hrbp') && !actors.has('hr')) throw new AppError('FORBIDDEN', '只有本计划的 HRBP 或范围内的 HR 可以填写评语');
      requireWritable(e, p);
      if (e.hrbpAt) throw new AppError('CONFLICT', 'HRBP 评语已提交，不能修改', { reason: 'part_submitted', part: 'hrbp' });
      if (!e.managerAt) throw new AppError('CONFLICT', '请等直属上级提交评估后再填写评语', { reason: 'manager_first' });
      const now = clock.now();
      await tx.update(pipEvaluations).set({ hrbpComment: comment, hrbpAt: now, hrbpBy: access.userId, hrbpName: await callerName(tx, access), updatedAt: now }).where(eq(pipEvaluations.id, id));
      await record.event(tx, ctx, p.plan.id, 'evaluation_hrbp', { data: { evaluationId: id, point: e.pointKey } });
      await completeIfDone(tx, ctx, id, p);
    });
  }

  /** Tick: ends the evaluations of ended plans, pushes those due, reminds and escalates overdue ones. Idempotent. */
  async function tick(): Promise<{ cancelled: number; opened: number; reminded: number; escalated: number }> {
    const cancelled = await cancelEnded();
    const opened = await openDue();
    const { reminded, escalated } = await chase();
    return { cancelled, opened, reminded, escalated };
  }

  async function cancelEnded(): Promise<number> {
    return db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string; plan_id: string; point_key: string }>(
        tx as Db,
        sql`update pip_evaluations ev set status = 'cancelled', updated_at = ${clock.now().toISOString()}::timestamptz
            from pip_plans p where p.id = ev.plan_id and ev.status in ('scheduled', 'open') and p.state in (${sqlList(endedStates)})
            returning ev.id, ev.plan_id, ev.point_key`,
      );
      const byPlan = new Map<string, typeof rows>();
      for (const r of rows) byPlan.set(r.plan_id, [...(byPlan.get(r.plan_id) ?? []), r]);
      for (const [planId, evs] of byPlan) await record.event(tx, SYSTEM, planId, 'evaluations_cancelled', { data: { points: evs.map((e) => e.point_key), reason: 'plan_ended' } });
      return rows.length;
    });
  }

  async function openDue(): Promise<number> {
    const day = today();
    const due = await queryRows<{ id: string }>(
      db,
      sql`select ev.id from pip_evaluations ev join pip_plans p on p.id = ev.plan_id
          where ev.status = 'scheduled' and ev.opens_on <= ${day}::date and p.state in (${sqlList(pushStates)})`,
    );
    let opened = 0;
    for (const d of due) {
      await db.transaction(async (tx) => {
        if (await open(tx, d.id)) opened++;
      });
    }
    return opened;
  }

  /** Pushes one scheduled evaluation now (in the caller's transaction): due dates, the locked goals' version, the three parties told. */
  async function open(tx: Tx, id: string): Promise<boolean> {
    const day = today();
    const [e] = await tx.update(pipEvaluations).set({ status: 'open', openedAt: clock.now(), updatedAt: clock.now() }).where(and(eq(pipEvaluations.id, id), eq(pipEvaluations.status, 'scheduled'))).returning();
    if (!e) return false;
    const [plan] = await tx.select().from(pipPlans).where(eq(pipPlans.id, e.planId));
    const n = (await planPolicy(tx, plan!.policyVersionId)).evaluation.dueWorkingDays;
    const city = await planCity(tx, calendar, plan!);
    const dueOn = (await calendar.addWorkingDays(tx, { from: day, days: n, city })).due;
    const escalateOn = (await calendar.addWorkingDays(tx, { from: dueOn, days: n, city })).due;
    await tx.update(pipEvaluations).set({ dueOn, escalateOn, goalsVersion: plan!.goalsVersion }).where(eq(pipEvaluations.id, e.id));
    await record.event(tx, SYSTEM, e.planId, 'evaluation_opened', { data: { evaluationId: e.id, point: e.pointKey, kind: e.kind, dueOn, goalsVersion: plan!.goalsVersion } });
    const title = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
    await record.tell(tx, SYSTEM, [plan!.managerId], { kind: 'evaluation.requested', dedupeKey: `evaluation-open:${e.id}:manager`, title: title(`请完成「${e.name}」`, `Complete the ${e.name}`), body: title(`请对照锁定的目标逐项评分并给出总体评价，${dueOn} 前完成。`, `Rate each locked goal and overall by ${dueOn}.`), link: link(e.planId, e.id), ...asks.evaluation(e.planId, e.id, 'manager', link(e.planId, e.id)) });
    await record.tell(tx, SYSTEM, [plan!.employeeId], { kind: 'evaluation.self_requested', dedupeKey: `evaluation-open:${e.id}:self`, title: title(`请完成「${e.name}」自评`, `Submit your self-assessment for the ${e.name}`), body: title(`请对每个目标做自我评价，${dueOn} 前提交。`, `Assess yourself on each goal by ${dueOn}.`), link: link(e.planId, e.id), ...asks.evaluation(e.planId, e.id, 'self', link(e.planId, e.id)) });
    await record.tell(tx, SYSTEM, [plan!.hrbpId], { kind: 'evaluation.opened', dedupeKey: `evaluation-open:${e.id}:hrbp`, title: title(`「${e.name}」已推送`, `The ${e.name} is open`), body: title(`直属上级提交后请填写评语，${dueOn} 前完成。`, `Add your comment after the manager's rating, by ${dueOn}.`), link: link(e.planId, e.id) });
    return true;
  }

  /** One reminder a day to each party still missing after the due date; one escalation after as many working days again. */
  async function chase(): Promise<{ reminded: number; escalated: number }> {
    const day = today();
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select ev.id from pip_evaluations ev join pip_plans p on p.id = ev.plan_id
          where ev.status = 'open' and ev.due_on < ${day}::date and p.state in (${sqlList(pushStates)})
            and ((ev.reminded_on is null or ev.reminded_on < ${day}::date) or (ev.escalated_at is null and ev.escalate_on <= ${day}::date))`,
    );
    let reminded = 0;
    let escalated = 0;
    for (const r of rows) {
      await db.transaction(async (tx) => {
        const [e] = await tx.select().from(pipEvaluations).where(eq(pipEvaluations.id, r.id)).for('update');
        if (!e || e.status !== 'open') return;
        const [plan] = await tx.select().from(pipPlans).where(eq(pipPlans.id, e.planId));
        const missing = missingParts(e);
        const to = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
        if (e.remindedOn === null || e.remindedOn < day) {
          await tx.update(pipEvaluations).set({ remindedOn: day }).where(eq(pipEvaluations.id, e.id));
          const who = [missing.includes('manager') ? plan!.managerId : null, missing.includes('self') ? plan!.employeeId : null, missing.includes('hrbp') && e.managerAt ? plan!.hrbpId : null];
          await record.tell(tx, SYSTEM, who, { kind: 'evaluation.overdue', dedupeKey: `evaluation-overdue:${e.id}:${day}`, title: to(`「${e.name}」已逾期`, `The ${e.name} is overdue`), body: to(`应于 ${e.dueOn} 前完成，请尽快提交您的部分。`, `It was due by ${e.dueOn}; please submit your part.`), link: link(e.planId, e.id) });
          reminded++;
        }
        if (e.escalatedAt === null && e.escalateOn !== null && e.escalateOn <= day) {
          await tx.update(pipEvaluations).set({ escalatedAt: clock.now() }).where(and(eq(pipEvaluations.id, e.id), isNull(pipEvaluations.escalatedAt)));
          const [m] = await queryRows<{ mm: string | null; hm: string | null }>(
            tx as Db,
            sql`select (select manager_id from employees where id = ${plan!.managerId}) as mm, (select manager_id from employees where id = ${plan!.hrbpId}) as hm`,
          );
          const targets = escalationTargets(missing, { managerId: plan!.managerId, managersManagerId: m?.mm ?? null, hrbpId: plan!.hrbpId, hrbpsManagerId: m?.hm ?? null });
          await record.event(tx, SYSTEM, e.planId, 'evaluation_escalated', { data: { evaluationId: e.id, point: e.pointKey, missing, to: targets } });
          const parts = missing.map((x) => ({ manager: '上级评估', self: '员工自评', hrbp: 'HRBP 评语' })[x]).join('、');
          await record.tell(tx, SYSTEM, targets, { kind: 'evaluation.escalated', dedupeKey: `evaluation-escalated:${e.id}`, title: to(`升级提醒：「${e.name}」逾期未完成`, `Escalation: the ${e.name} is overdue`), body: to(`应于 ${e.dueOn} 前完成，尚缺：${parts}。`, `It was due by ${e.dueOn}; still missing: ${missing.join(', ')}.`), link: link(e.planId, e.id) });
          escalated++;
        }
      });
    }
    return { reminded, escalated };
  }

  /** Open evaluations past their due date: the caller's plans as HRBP, and plans in their HR scope. */
  async function overdue(access: Access) {
    const me = access.employeeId;
    const rows = await queryRows<{ id: string; plan_id: string; name: string; due_on: string; manager_at: Date | null; self_at: Date | null; hrbp_at: Date | null; escalated_at: Date | string | null; eid: string; ename: string; mid: string | null; mname: string | null }>(
      db,
      sql`select ev.id, ev.plan_id, ev.name, ev.due_on::text as due_on, ev.manager_at, ev.self_at, ev.hrbp_at, ev.escalated_at, e.id as eid, e.name as ename, m.id as mid, m.name as mname
          from pip_evaluations ev join pip_plans p on p.id = ev.plan_id join employees e on e.id = p.employee_id left join employees m on m.id = p.manager_id
          where ev.status = 'open' and ev.due_on < ${today()}::date and p.state in (${sqlList(pushStates)})
            and (${me ? sql`p.hrbp_id = ${me} or ` : sql``}${pathInScope(sql`e.org_path`, access.hr)})
            ${me ? sql`and p.employee_id <> ${me}` : sql``}
          order by ev.due_on, e.name
          limit 500`,
    );
    return rows.map((r) => ({
      id: r.id,
      planId: r.plan_id,
      name: r.name,
      dueOn: r.due_on,
      missing: missingParts({ managerAt: r.manager_at, selfAt: r.self_at, hrbpAt: r.hrbp_at }),
      escalatedAt: r.escalated_at ? new Date(r.escalated_at).toISOString() : null,
      employee: { id: r.eid, name: r.ename },
      manager: r.mid ? { id: r.mid, name: r.mname ?? '' } : null,
    }));
  }

  return { schedule, open, list, one, submitManager, submitSelf, submitHrbp, tick, overdue };
}

export type Evaluations = ReturnType<typeof createEvaluations>;
