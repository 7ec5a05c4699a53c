import { describe, expect, it } from 'vitest';
import { planOpen, workbenchSections } from './workbench.ts';

const keys = (user: Parameters<typeof workbenchSections>[0]) => workbenchSections(user).map((s) => (s.hideWhenEmpty ? `${s.key}?` : s.key));
const id = '00000000-0000-4000-8000-000000000001';

describe('workbenchSections', () => {
  it('an employee: their to-dos, plans and meetings; approvals only when delegated one', () => {
    expect(keys({ roles: [], employeeId: id, isManager: false })).toEqual(['approvals?', 'todos', 'mine', 'upcoming']);
  });

  it('a manager: approvals, the team with candidates; their own plans only when they have one', () => {
    expect(keys({ roles: [], employeeId: id, isManager: true })).toEqual(['approvals', 'todos', 'mine?', 'upcoming', 'team', 'candidates']);
  });

  it('an HRBP: approvals, overdue minutes and evaluations, candidates', () => {
    expect(keys({ roles: ['hrbp'], employeeId: id, isManager: false })).toEqual(['approvals', 'todos', 'mine?', 'upcoming', 'overdue', 'candidates']);
  });

  it('an account without an employee record has no plans or meetings of its own', () => {
    expect(keys({ roles: ['group_hr'], employeeId: null })).toEqual(['approvals', 'todos', 'overdue', 'candidates']);
  });
});

describe('plan states on the workbench', () => {
  it('finished plans are not open', () => {
    expect(['in_progress', 'paused', 'pending_approval'].every((s) => planOpen(s as 'in_progress'))).toBe(true);
    expect(['closed', 'archived', 'cancelled'].some((s) => planOpen(s as 'closed'))).toBe(false);
  });
});
