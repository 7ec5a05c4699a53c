import type { Checkin, PipState } from '@uplift/contract';

/** Each goal's latest recorded percent (minutes in time order): where the next minutes and ratings start. */
export function latestPercents(items: readonly Pick<Checkin, 'minutesRecordedAt' | 'progress'>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of items) if (c.minutesRecordedAt) for (const p of c.progress) out.set(p.goalId, p.percent);
  return out;
}

/** The plan's states in which it has (or had) meetings and evaluations. */
export function hasCheckins(state: PipState): boolean {
  return state !== 'draft' && state !== 'pending_approval' && state !== 'goal_setting';
}

/** The plan's states in which meetings may be added, moved or cancelled (the server's rule): a running plan. */
export function meetingsOpen(state: PipState): boolean {
  return state === 'in_progress';
}

/** The plan's states in which minutes may still be recorded (the server's rule). */
export function minutesOpen(state: PipState): boolean {
  return state === 'in_progress' || state === 'paused' || state === 'final_review';
}

/** Where a to-do is done: the plan page, opened at the check-in or evaluation it is about. */
export function todoLink(todo: { kind: string; planId: string; refId: string | null }): string {
  const base = `/pips/${todo.planId}`;
  if (!todo.refId) return base;
  switch (todo.kind) {
    case 'record_minutes':
    case 'confirm_minutes':
      return `${base}#checkin-${todo.refId}`;
    case 'evaluate':
    case 'self_assess':
    case 'comment_evaluation':
      return `${base}#evaluation-${todo.refId}`;
    default:
      return base;
  }
}
