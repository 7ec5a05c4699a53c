import { addDays, addWorkingDays, type DayOverrides } from '../calendar/working-days.ts';
import { planDays } from '../pip/pip.facts.ts';

export type EvaluationPoint = { key: string; name: string; atPercent: number };
export type PlannedEvaluation = EvaluationPoint & { opensOn: string };

/**
 * When each evaluation point of a plan is pushed: `atPercent` of the way from the start to the
 * planned end (rounded to a whole day), moved to the next working day of the employee's city.
 * Sorted by date; the final point (100%) falls on the end date or the working day after it.
 */
export function evaluationDates(input: { start: string; end: string; points: readonly EvaluationPoint[] }, overrides: DayOverrides): PlannedEvaluation[] {
  const span = planDays(input.start, input.end) - 1;
  return input.points
    .map((p) => ({ ...p, opensOn: addWorkingDays(addDays(input.start, Math.round((span * p.atPercent) / 100)), 0, overrides).due }))
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.atPercent - b.atPercent);
}

/** The parts of an evaluation still missing, in the order they are expected. */
export function missingParts(e: { managerAt: Date | null; selfAt: Date | null; hrbpAt: Date | null }): ('manager' | 'self' | 'hrbp')[] {
  const out: ('manager' | 'self' | 'hrbp')[] = [];
  if (!e.managerAt) out.push('manager');
  if (!e.selfAt) out.push('self');
  if (!e.hrbpAt) out.push('hrbp');
  return out;
}

/**
 * Who an overdue evaluation escalates to: a missing manager part to the manager's own manager and
 * the HRBP; a missing self-assessment to the manager and the HRBP; a missing HRBP comment to the
 * HRBP's manager.
 */
export function escalationTargets(missing: readonly string[], people: { managerId: string | null; managersManagerId: string | null; hrbpId: string | null; hrbpsManagerId: string | null }): string[] {
  const out = new Set<string | null>();
  if (missing.includes('manager')) [people.managersManagerId, people.hrbpId].forEach((x) => out.add(x));
  if (missing.includes('self')) [people.managerId, people.hrbpId].forEach((x) => out.add(x));
  if (missing.includes('hrbp')) out.add(people.hrbpsManagerId);
  return [...out].filter((x): x is string => x !== null);
}
