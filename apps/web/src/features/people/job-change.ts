import type { ChangeEmployee, EmployeeDetail } from '@uplift/contract';

/** What the "调整任职" form holds: the job as it should become, and when and why. */
export type JobChangeValues = {
  effectiveDate: string;
  reason: string;
  unitId: string;
  managerId: string | null;
  position: string;
  grade: string;
  status: EmployeeDetail['status'];
  leaveReason?: string | null;
};

export type CurrentJob = Pick<EmployeeDetail, 'unitId' | 'managerId' | 'position' | 'grade' | 'status'>;

/**
 * The change request for the form's values: only the fields that differ from the current job
 * (the history records exactly those), a leave reason only when the person leaves. Null when
 * nothing would change.
 */
export function jobChangeBody(current: CurrentJob, v: JobChangeValues): ChangeEmployee | null {
  const body: ChangeEmployee = { effectiveDate: v.effectiveDate, reason: v.reason.trim() };
  const position = v.position.trim();
  const grade = v.grade.trim();
  if (v.unitId !== current.unitId) body.unitId = v.unitId;
  if ((v.managerId ?? null) !== current.managerId) body.managerId = v.managerId ?? null;
  if (position !== current.position) body.position = position;
  if (grade !== current.grade) body.grade = grade;
  if (v.status !== current.status) body.status = v.status;
  if (Object.keys(body).length === 2) return null;
  const leaveReason = v.leaveReason?.trim();
  if (body.status === 'left' && leaveReason) body.leaveReason = leaveReason;
  return body;
}

/** Today in the user's time zone as YYYY-MM-DD, the form's default effective date. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
