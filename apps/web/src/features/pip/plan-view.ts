import type { Pip } from '@uplift/contract';

type PlanLike = Pick<Pip, 'state' | 'pauseReason' | 'goalsFinal' | 'actors'>;

/** Who may edit the goals now, and how (mirrors the server's rules; the server decides). */
export function goalsEditMode(p: PlanLike): 'employee' | 'lead' | 'amend' | null {
  const lead = p.actors.includes('manager') || p.actors.includes('hr');
  if (lead && p.state === 'in_progress') return 'amend';
  if (lead && (p.state === 'goal_setting' || (p.state === 'paused' && p.pauseReason === 'reacknowledgment'))) return 'lead';
  if (p.actors.includes('employee') && p.state === 'goal_setting' && !p.goalsFinal) return 'employee';
  return null;
}

/** The plan waits for the employee's acknowledgment (first time, or again after an amendment). */
export function awaitingAcknowledgment(p: PlanLike): boolean {
  return p.goalsFinal && (p.state === 'goal_setting' || (p.state === 'paused' && p.pauseReason === 'reacknowledgment'));
}
