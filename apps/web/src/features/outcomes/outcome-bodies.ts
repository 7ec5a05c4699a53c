import type { PipFollowUp, PipOutcome, ProposeOutcome, SaveTraining, trainingAttendances } from '@uplift/contract';

/** The outcome proposal form's values. */
export type ProposalValues = { outcome: PipOutcome; note: string; extension?: { plannedEnd?: string; reason?: string }; followUps?: PipFollowUp[] };
/** The training form's values ('' attendance: not recorded). */
export type TrainingValues = { topic: string; gap: string; goalIds: string[]; startsOn: string; endsOn: string; trainer: string; attendance: (typeof trainingAttendances)[number] | ''; attendanceNote?: string };

/** What the form sends: an extension only when extended, follow-ups only when not passed. */
export function proposalBody(v: ProposalValues): ProposeOutcome {
  return {
    outcome: v.outcome,
    note: v.note.trim(),
    ...(v.outcome === 'extended' ? { extension: { plannedEnd: v.extension?.plannedEnd ?? '', reason: v.extension?.reason?.trim() ?? '' } } : {}),
    followUps: v.outcome === 'not_passed' ? (v.followUps ?? []) : [],
  };
}

/** The form's values as the endpoint takes them ('' is "not recorded"). */
export function trainingBody(v: TrainingValues): SaveTraining {
  return { topic: v.topic.trim(), gap: v.gap.trim(), goalIds: v.goalIds, startsOn: v.startsOn, endsOn: v.endsOn, trainer: v.trainer.trim(), attendance: v.attendance === '' ? null : v.attendance, attendanceNote: v.attendanceNote?.trim() ?? '' };
}
