import { asc, eq } from 'drizzle-orm';
import { guardReportSchema, type Compensation, type GuardCondition, type GuardReport, type ProposeTermination, type TerminationReview } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { terminationReviews } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import { inScope, type Access } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { concludeFollowUp } from '../pip/pip.conclude.ts';
import { actorsOf, loadPlan, type PlanWithPerson } from '../pip/pip.queries.ts';
import type { PipRecord } from '../pip/pip.record.ts';
import { gatherFacts } from './guard.facts.ts';
import { guardReport, guardTitles, redactProtected } from './guard.ts';
import { callerName } from '../pip/pip.queries.ts';
import { economicCompensation, lastDayOf, payInLieu } from './severance.ts';

export type TerminationDeps = { db: Db; clock: Clock; audit: Audit; record: PipRecord; crypto: FieldCrypto; businessDate(at: Date): string };

type Row = typeof terminationReviews.$inferSelect;
type Figures = { wages: TerminationReview['wages']; payInLieu: number | null; compensation: Compensation };

/** HR in scope or the plan's HRBP: who sees the guard and proposes a review. */
function mayPropose(access: Access, p: PlanWithPerson): boolean {
  const a = actorsOf(access, p, []);
  return a.has('hr') || a.has('hrbp');
}

/**
 * Termination reviews of plans not passed (劳动合同法 第四十条第二项): the guard's report, the named
 * overrides of its unmet conditions, the notice and the economic compensation, decided by another
 * HR person in scope. The guard advises; an unmet condition needs a reason to proceed.
 */
export function createTerminations(deps: TerminationDeps) {
  const { db, clock, audit, record, crypto, businessDate } = deps;
  const today = () => businessDate(clock.now());
  const factsDeps = { crypto, businessDate };

  /** The review as stored, amounts and report decrypted: plain JSON for the page and the evidence package. */
  function present(r: Row): TerminationReview {
    const figures = JSON.parse(crypto.decrypt(r.figuresEnc)!) as Figures;
    return {
      id: r.id,
      planId: r.planId,
      status: r.status as TerminationReview['status'],
      reviewDate: r.reviewDate,
      union: { date: r.unionNotifiedOn, note: r.unionNote },
      notice: { mode: r.noticeMode as TerminationReview['notice']['mode'], givenOn: r.noticeOn, lastDay: r.lastDay, payInLieu: figures.payInLieu },
      wages: figures.wages,
      compensation: figures.compensation,
      guard: guardReportSchema.parse(JSON.parse(crypto.decrypt(r.guardEnc)!)),
      overrides: r.overrides.map((o) => ({ condition: o.condition as GuardCondition, reason: o.reason, by: o.by, at: o.at })),
      proposed: { name: r.proposedByName, at: r.proposedAt.toISOString() },
      decided: r.decision && r.decidedAt ? { decision: r.decision as 'approved' | 'rejected', note: r.decisionNote ?? '', name: r.decidedByName ?? '', at: r.decidedAt.toISOString() } : null,
    };
  }

  /** Protected situations are named only to HR whose scope covers the employee. */
  const forViewer = (access: Access, p: PlanWithPerson, r: GuardReport) => (inScope(access.hr, p.orgPath) ? r : redactProtected(r));

  /** The advisory report now: review date today, last day by the notice mode (30 days' notice unless asked otherwise). */
  async function guard(access: Access, planId: string, q: { noticeMode?: 'notice' | 'pay_in_lieu' | undefined; noticeOn?: string | undefined }): Promise<GuardReport> {
    const p = await loadPlan(db, access, planId, false);
    if (!mayPropose(access, p)) throw new AppError('FORBIDDEN', '只有人力资源角色或该计划的 HRBP 可以查看合规检查');
    const asOf = today();
    const reviews = await db.select().from(terminationReviews).where(eq(terminationReviews.planId, planId)).orderBy(asc(terminationReviews.proposedAt));
    const last = reviews.at(-1);
    const union = last ? { date: last.unionNotifiedOn, note: last.unionNote } : null;
    const facts = await gatherFacts(db, factsDeps, planId, { asOf, lastDay: lastDayOf(q.noticeMode ?? 'notice', q.noticeOn ?? asOf), union });
    return forViewer(access, p, guardReport(facts));
  }

  async function propose(access: Access, ctx: AuditContext, planId: string, input: ProposeTermination): Promise<TerminationReview> {
    const asOf = today();
    const noticeOn = input.noticeOn ?? asOf;
    if (noticeOn < asOf) throw fieldError('body.noticeOn', `书面通知日期不能早于今天（${asOf}）`);
    const seen = new Set<GuardCondition>();
    for (const [i, o] of input.overrides.entries()) {
      if (seen.has(o.condition)) throw fieldError(`body.overrides.${i}.condition`, '同一条件只能覆盖一次');
      seen.add(o.condition);
    }
    const row = await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, planId, true);
      if (!mayPropose(access, p)) throw new AppError('FORBIDDEN', '只有人力资源角色或该计划的 HRBP 可以提出终止评审');
      if (p.plan.state !== 'follow_up') throw new AppError('CONFLICT', '只有未通过、处于跟进阶段的计划可以提出终止评审', { reason: 'plan_state', state: p.plan.state });
      const earlier = await tx.select().from(terminationReviews).where(eq(terminationReviews.planId, planId));
      if (earlier.some((r) => r.status === 'proposed')) throw new AppError('CONFLICT', '已有一项终止评审待决定', { reason: 'review_pending' });
      if (earlier.some((r) => r.status === 'approved')) throw new AppError('CONFLICT', '终止评审已批准', { reason: 'review_approved' });

      const lastDay = lastDayOf(input.noticeMode, noticeOn);
      const facts = await gatherFacts(tx, factsDeps, planId, { asOf, lastDay, union: input.union });
      const report = guardReport(facts);
      for (const [i, o] of input.overrides.entries()) {
        if (!report.unmet.includes(o.condition)) throw fieldError(`body.overrides.${i}.condition`, `「${guardTitles[o.condition]['zh-CN']}」已满足，无需覆盖`);
      }
      const missing = report.unmet.filter((c) => !seen.has(c));
      if (missing.length) {
        throw new AppError('CONFLICT', `以下条件未满足，须逐项说明理由后方可继续：${missing.map((c) => `「${guardTitles[c]['zh-CN']}」`).join('')}`, {
          reason: 'guard_unmet',
          unmet: missing,
          report: forViewer(access, p, report),
        });
      }
      const now = clock.now();
      const by = await callerName(tx, access);
      const figures: Figures = {
        wages: input.wages,
        payInLieu: input.noticeMode === 'pay_in_lieu' ? payInLieu(input.wages.lastMonth) : null,
        compensation: economicCompensation({ serviceStart: facts.serviceStart, lastDay, averageMonthly: input.wages.averageMonthly, localAverageMonthly: input.wages.localAverageMonthly }),
      };
      const overrides = input.overrides.map((o) => ({ condition: o.condition, reason: o.reason, by, byUserId: access.userId, at: now.toISOString() }));
      const [r] = await tx
        .insert(terminationReviews)
        .values({
          planId,
          status: 'proposed',
          reviewDate: asOf,
          unionNotifiedOn: input.union.date,
          unionNote: input.union.note,
          noticeMode: input.noticeMode,
          noticeOn,
          lastDay,
          figuresEnc: crypto.encrypt(JSON.stringify(figures))!,
          guardEnc: crypto.encrypt(JSON.stringify(report))!,
          unmet: report.unmet,
          overrides,
          proposedBy: access.userId,
          proposedByName: by,
          proposedAt: now,
        })
        .returning();
      // the plan's timeline (seen by all it concerns) names the review and the conditions, never amounts or reasons
      await record.event(tx, ctx, planId, 'termination_review_proposed', { data: { reviewId: r!.id, noticeMode: input.noticeMode, noticeOn, lastDay, unmet: report.unmet } });
      for (const o of overrides) await record.event(tx, ctx, planId, 'guard_override', { data: { reviewId: r!.id, condition: o.condition } });
      await audit.append(tx, ctx, { action: 'compliance.termination_review_proposed', entityType: 'termination_review', entityId: r!.id, after: { planId, unmet: report.unmet, overrides, noticeMode: input.noticeMode, noticeOn, lastDay } });
      return r!;
    });
    return present(row);
  }

  /** Another HR person in scope approves or rejects; approval concludes the plan's follow-up (HR may then close it). */
  async function decide(access: Access, ctx: AuditContext, planId: string, reviewId: string, input: { decision: 'approved' | 'rejected'; note: string }): Promise<TerminationReview> {
    const row = await db.transaction(async (tx) => {
      const p = await loadPlan(tx, access, planId, true);
      if (!actorsOf(access, p, []).has('hr')) throw new AppError('FORBIDDEN', '只有该员工所在范围的人力资源角色可以决定终止评审');
      const [r] = await tx.select().from(terminationReviews).where(eq(terminationReviews.id, reviewId)).for('update');
      if (!r || r.planId !== planId) throw new AppError('NOT_FOUND', `没有这项终止评审：${reviewId}`);
      if (r.status !== 'proposed') throw new AppError('CONFLICT', '该终止评审已决定', { reason: 'review_decided' });
      if (r.proposedBy === access.userId) throw new AppError('FORBIDDEN', '提出人不能决定自己的终止评审', { reason: 'own_proposal' });
      if (p.plan.state !== 'follow_up') throw new AppError('CONFLICT', '计划已不在跟进阶段', { reason: 'plan_state', state: p.plan.state });
      const now = clock.now();
      const [updated] = await tx
        .update(terminationReviews)
        .set({ status: input.decision, decision: input.decision, decisionNote: input.note, decidedBy: access.userId, decidedByName: await callerName(tx, access), decidedAt: now })
        .where(eq(terminationReviews.id, r.id))
        .returning();
      if (input.decision === 'approved') await concludeFollowUp(tx, planId, 'termination_review', now);
      await record.event(tx, ctx, planId, 'termination_review_decided', { data: { reviewId: r.id, decision: input.decision } });
      await audit.append(tx, ctx, { action: 'compliance.termination_review_decided', entityType: 'termination_review', entityId: r.id, before: { status: 'proposed' }, after: { status: input.decision, note: input.note } });
      return updated!;
    });
    return present(row);
  }

  /** A plan's reviews, oldest first: HR in scope, the plan's HRBP, and auditors in scope (read-only records). */
  async function list(access: Access, planId: string): Promise<TerminationReview[]> {
    const p = await loadPlan(db, access, planId, false);
    if (!mayPropose(access, p) && !inScope(access.records, p.orgPath)) throw new AppError('FORBIDDEN', '只有人力资源角色、该计划的 HRBP 或审计人员可以查看终止评审');
    const rows = await db.select().from(terminationReviews).where(eq(terminationReviews.planId, planId)).orderBy(asc(terminationReviews.proposedAt));
    return rows.map(present).map((r) => ({ ...r, guard: forViewer(access, p, r.guard) }));
  }

  /** The plan's reviews with their guard reports, overrides and decrypted amounts, as plain JSON (for the evidence package). */
  async function terminationEvidence(exec: Db | Tx, planId: string): Promise<TerminationReview[]> {
    const rows = await exec.select().from(terminationReviews).where(eq(terminationReviews.planId, planId)).orderBy(asc(terminationReviews.proposedAt));
    return rows.map(present);
  }

  return { guard, propose, decide, list, terminationEvidence };
}

export type Terminations = ReturnType<typeof createTerminations>;
