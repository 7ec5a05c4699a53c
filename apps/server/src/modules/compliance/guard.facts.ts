import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { protectedSituationKindSchema, saveAdoptionSchema } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { acknowledgments, employees, pipEvaluations, pipOutcomes, pipPlans, pipRoleAdjustments, pipTrainings, policyVersions, protectedSituations, retirementDates, storedFiles } from '../../db/schema/index.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import { PIP_ACK_SUBJECT } from '../pip/pip.acknowledgment.ts';
import { FILE_OWNER as POLICY_FILES } from '../policies/policies.service.ts';
import { ACK_SUBJECT as POLICY_ACK_SUBJECT } from '../policies/policy-publishing.ts';
import type { AckFact, GuardFacts } from './guard.ts';
import { OUTCOME_ACK, ROLE_ADJUSTMENT_ACK } from '../outcomes/outcomes.queries.ts';


type AckRow = typeof acknowledgments.$inferSelect;
export type FactsDeps = { crypto: FieldCrypto; businessDate(at: Date): string };

/** A protected situation decrypted (the kind is encrypted at rest with the note). */
export function decryptSituation(crypto: FieldCrypto, r: typeof protectedSituations.$inferSelect) {
  return { ...r, kind: protectedSituationKindSchema.parse(crypto.decrypt(r.kindEnc)), note: crypto.decrypt(r.noteEnc) ?? '' };
}

/** Everything the guard reads for one plan, on a review date with the last day of employment it would lead to. */
export async function gatherFacts(exec: Db | Tx, deps: FactsDeps, planId: string, at: { asOf: string; lastDay: string; union: GuardFacts['union'] }): Promise<GuardFacts> {
  const { crypto, businessDate } = deps;
  const ack = (a: AckRow): AckFact => ({ id: a.id, status: a.status === 'refused' ? 'refused' : 'confirmed', witnessed: a.witnessEmployeeId !== null, on: businessDate(a.at) });
  const [plan] = await exec.select().from(pipPlans).where(eq(pipPlans.id, planId));
  if (!plan) throw new Error(`no plan ${planId}`);
  const [employee] = await exec.select({ serviceStartDate: employees.serviceStartDate }).from(employees).where(eq(employees.id, plan.employeeId));

  const goalAcks = await exec
    .select()
    .from(acknowledgments)
    .where(and(eq(acknowledgments.subjectType, PIP_ACK_SUBJECT), eq(acknowledgments.subjectId, planId), eq(acknowledgments.employeeId, plan.employeeId)));

  let policy: GuardFacts['policy'] = null;
  const [pv] = plan.policyVersionId ? await exec.select().from(policyVersions).where(eq(policyVersions.id, plan.policyVersionId)) : [];
  if (pv) {
    const adoption = pv.adoption ? saveAdoptionSchema.safeParse(pv.adoption) : null;
    const files = await exec.select({ id: storedFiles.id, name: storedFiles.name }).from(storedFiles).where(and(eq(storedFiles.ownerType, POLICY_FILES), eq(storedFiles.ownerId, pv.id))).orderBy(asc(storedFiles.createdAt));
    const [pa] = await exec
      .select()
      .from(acknowledgments)
      .where(and(eq(acknowledgments.subjectType, POLICY_ACK_SUBJECT), eq(acknowledgments.subjectId, pv.id), eq(acknowledgments.subjectVersion, pv.version), eq(acknowledgments.employeeId, plan.employeeId)));
    policy = { id: pv.id, version: pv.version, title: pv.title, adoption: adoption?.success ? { procedure: adoption.data.procedure, date: adoption.data.date } : null, evidence: files, ack: pa ? ack(pa) : null };
  }

  // the latest confirmed "not passed" outcome: what the follow-up follows
  const [outcome] = await exec
    .select()
    .from(pipOutcomes)
    .where(and(eq(pipOutcomes.planId, planId), eq(pipOutcomes.status, 'confirmed'), eq(pipOutcomes.outcome, 'not_passed')))
    .orderBy(desc(pipOutcomes.round), desc(pipOutcomes.confirmedAt))
    .limit(1);

  const receipts = outcome
    ? await exec
        .select()
        .from(acknowledgments)
        .where(and(eq(acknowledgments.subjectType, OUTCOME_ACK), eq(acknowledgments.subjectId, outcome.id), eq(acknowledgments.employeeId, plan.employeeId)))
        .orderBy(asc(acknowledgments.at))
    : [];
  const trainings = await exec.select().from(pipTrainings).where(eq(pipTrainings.planId, planId)).orderBy(asc(pipTrainings.startsOn));
  const adjustments = await exec.select().from(pipRoleAdjustments).where(eq(pipRoleAdjustments.planId, planId)).orderBy(asc(pipRoleAdjustments.createdAt));
  const adjustmentAcks = adjustments.length
    ? await exec
        .select()
        .from(acknowledgments)
        .where(and(eq(acknowledgments.subjectType, ROLE_ADJUSTMENT_ACK), inArray(acknowledgments.subjectId, adjustments.map((r) => r.id)), eq(acknowledgments.employeeId, plan.employeeId)))
        .orderBy(asc(acknowledgments.at))
    : [];
  const reassessments = await exec
    .select()
    .from(pipEvaluations)
    .where(and(eq(pipEvaluations.planId, planId), eq(pipEvaluations.kind, 'reassessment'), eq(pipEvaluations.status, 'completed')));
  const situations = await exec.select().from(protectedSituations).where(eq(protectedSituations.employeeId, plan.employeeId)).orderBy(asc(protectedSituations.fromDate));
  const [retirement] = await exec.select().from(retirementDates).where(eq(retirementDates.employeeId, plan.employeeId));

  return {
    asOf: at.asOf,
    lastDay: at.lastDay,
    plan: { id: plan.id, plannedStart: plan.plannedStart, plannedEnd: plan.plannedEnd, goalsVersion: plan.goalsVersion },
    goalAcks: goalAcks.map((a) => ({ ...ack(a), version: a.subjectVersion })),
    policy,
    outcome: outcome?.confirmedAt ? { id: outcome.id, confirmedOn: businessDate(outcome.confirmedAt), receipt: receipts[0] ? ack(receipts[0]) : null } : null,
    trainings: trainings.map((t) => ({ id: t.id, topic: t.topic, startsOn: t.startsOn, endsOn: t.endsOn, attendance: t.attendance })),
    roleAdjustments: adjustments.map((r) => {
      // a confirmed signature stands over an earlier refusal
      const acks = adjustmentAcks.filter((a) => a.subjectId === r.id).map(ack);
      return { id: r.id, toPosition: r.toPosition, effectiveOn: r.effectiveOn, createdOn: businessDate(r.createdAt), ack: acks.find((a) => a.status === 'confirmed') ?? acks.find((a) => a.witnessed) ?? acks[0] ?? null };
    }),
    reassessments: reassessments.map((e) => ({ id: e.id, conclusion: e.conclusion, goalsVersion: e.goalsVersion, completedOn: businessDate(e.completedAt ?? e.updatedAt) })),
    situations: situations.map((s) => decryptSituation(crypto, s)).map((s) => ({ id: s.id, kind: s.kind, from: s.fromDate, to: s.toDate })),
    serviceStart: employee!.serviceStartDate,
    retirement: retirement ? { date: retirement.date, source: retirement.source } : null,
    union: at.union,
  };
}
