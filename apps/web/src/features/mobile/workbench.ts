import type { Me, PipState } from '@uplift/contract';
import { hasAnyRole, hrRoles } from '../auth/session.ts';

export type WorkbenchSectionKey = 'approvals' | 'todos' | 'mine' | 'upcoming' | 'team' | 'overdue' | 'candidates';
/** A section and whether it disappears when it has nothing (rather than saying so). */
export type WorkbenchSection = { key: WorkbenchSectionKey; hideWhenEmpty: boolean };

/**
 * The workbench for this person, in order: what waits on them first, then their own plan and
 * meetings, their team (managers), and what HR follows up. Approvals and one's own plans vanish
 * when empty for those who have other work (an employee may be a delegate; most managers have no
 * plan); a plain employee is told they have none.
 */
export function workbenchSections(user: Pick<Me, 'roles' | 'employeeId' | 'isManager'>): WorkbenchSection[] {
  const hr = hasAnyRole(user, hrRoles);
  const manager = user.isManager === true;
  const employee = Boolean(user.employeeId);
  const busy = hr || manager;
  const out: WorkbenchSection[] = [
    { key: 'approvals', hideWhenEmpty: !busy },
    { key: 'todos', hideWhenEmpty: false },
  ];
  if (employee) out.push({ key: 'mine', hideWhenEmpty: busy }, { key: 'upcoming', hideWhenEmpty: false });
  if (manager) out.push({ key: 'team', hideWhenEmpty: false });
  if (hr) out.push({ key: 'overdue', hideWhenEmpty: false });
  if (busy) out.push({ key: 'candidates', hideWhenEmpty: false });
  return out;
}

const ended: readonly PipState[] = ['closed', 'archived', 'cancelled'];

/** A plan still under way (the team list leaves the finished ones to /pips). */
export function planOpen(state: PipState): boolean {
  return !ended.includes(state);
}
