import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PipOutcomeRecord, PipRoleAdjustment, PipTraining } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { acknowledgments, employees, pipOutcomes, pipRoleAdjustments, pipTrainings } from '../../db/schema/index.ts';
import type { Files } from '../files/files.service.ts';

export type OutcomeRow = typeof pipOutcomes.$inferSelect;
export type TrainingRow = typeof pipTrainings.$inferSelect;
export type RoleAdjustmentRow = typeof pipRoleAdjustments.$inferSelect;

/** Acknowledgment subjects of the follow-up: the employee's receipt of an outcome, and their signature of a role adjustment notice. */
export const OUTCOME_ACK = 'pip_outcome';
export const ROLE_ADJUSTMENT_ACK = 'pip_role_adjustment';
/** The files module's owner type of a training's materials (sign-in sheets, slides, tests). */
export const TRAINING_FILES = 'pip_training';

export async function outcomesOf(exec: Db | Tx, planId: string): Promise<OutcomeRow[]> {
  return exec.select().from(pipOutcomes).where(eq(pipOutcomes.planId, planId)).orderBy(asc(pipOutcomes.round));
}

type AckRow = typeof acknowledgments.$inferSelect;

async function acksFor(exec: Db | Tx, type: string, ids: readonly string[]) {
  const rows = ids.length ? await exec.select().from(acknowledgments).where(and(eq(acknowledgments.subjectType, type), inArray(acknowledgments.subjectId, ids))) : [];
  const witnesses = rows.map((r) => r.witnessEmployeeId).filter((x): x is string => x !== null);
  const named = witnesses.length ? await exec.select({ id: employees.id, name: employees.name, employeeNo: employees.employeeNo }).from(employees).where(inArray(employees.id, witnesses)) : [];
  const present = (a: AckRow) => ({
    id: a.id,
    version: a.subjectVersion,
    contentSha256: a.contentSha256,
    channel: a.channel,
    refused: a.status === 'refused',
    witness: a.witnessEmployeeId ? (named.find((n) => n.id === a.witnessEmployeeId) ?? { id: a.witnessEmployeeId, name: '', employeeNo: '' }) : null,
    witnessNote: a.witnessNote,
    at: a.at.toISOString(),
  });
  return (id: string) => {
    const a = rows.find((r) => r.subjectId === id);
    return a ? present(a) : null;
  };
}

/** The rounds as `callerUserId` sees them (whether they proposed each: four eyes). */
export async function presentOutcomes(exec: Db | Tx, rows: readonly OutcomeRow[], callerUserId: string): Promise<PipOutcomeRecord[]> {
  const ackOf = await acksFor(exec, OUTCOME_ACK, rows.map((r) => r.id));
  return rows.map((o) => ({
    id: o.id,
    round: o.round,
    outcome: o.outcome as PipOutcomeRecord['outcome'],
    note: o.note,
    extension: o.extensionEnd ? { plannedEnd: o.extensionEnd, reason: o.extensionReason ?? '', previousEnd: o.previousEnd } : null,
    followUps: o.followUps as PipOutcomeRecord['followUps'],
    status: o.status as PipOutcomeRecord['status'],
    proposed: { name: o.proposedByName, at: o.proposedAt.toISOString() },
    proposedByYou: o.proposedBy === callerUserId,
    confirmed: o.confirmedAt ? { name: o.confirmedByName ?? '', at: o.confirmedAt.toISOString() } : null,
    returned: o.returnedAt ? { name: o.returnedByName ?? '', at: o.returnedAt.toISOString(), comment: o.returnComment ?? '' } : null,
    acknowledgment: ackOf(o.id),
  }));
}

export async function presentTrainings(exec: Db | Tx, files: Pick<Files, 'list'>, planId: string): Promise<PipTraining[]> {
  const rows = await exec.select().from(pipTrainings).where(eq(pipTrainings.planId, planId)).orderBy(asc(pipTrainings.startsOn), asc(pipTrainings.createdAt));
  const out: PipTraining[] = [];
  for (const t of rows) {
    const materials = (await files.list(exec, { type: TRAINING_FILES, id: t.id })).map(({ owner: _owner, ...f }) => f);
    out.push({ id: t.id, planId: t.planId, topic: t.topic, gap: t.gap, goalIds: t.goalIds, startsOn: t.startsOn, endsOn: t.endsOn, trainer: t.trainer, attendance: t.attendance as PipTraining['attendance'], attendanceNote: t.attendanceNote, created: { name: t.createdByName, at: t.createdAt.toISOString() }, materials });
  }
  return out;
}

export async function presentRoleAdjustments(exec: Db | Tx, planId: string): Promise<PipRoleAdjustment[]> {
  const rows = await exec.select().from(pipRoleAdjustments).where(eq(pipRoleAdjustments.planId, planId)).orderBy(asc(pipRoleAdjustments.createdAt));
  const ackOf = await acksFor(exec, ROLE_ADJUSTMENT_ACK, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    planId: r.planId,
    fromPosition: r.fromPosition,
    fromGrade: r.fromGrade,
    toPosition: r.toPosition,
    toGrade: r.toGrade,
    effectiveOn: r.effectiveOn,
    reason: r.reason,
    relation: r.relation,
    notice: { text: r.noticeText, sha256: r.noticeSha256 },
    acknowledgment: ackOf(r.id),
    created: { name: r.createdByName, at: r.createdAt.toISOString() },
  }));
}
