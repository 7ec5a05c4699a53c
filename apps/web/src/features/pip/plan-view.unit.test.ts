import { describe, expect, it } from 'vitest';
import { awaitingAcknowledgment, goalsEditMode } from './plan-view.ts';

const plan = (over: Partial<Parameters<typeof goalsEditMode>[0]>) => ({ state: 'goal_setting' as const, pauseReason: null, goalsFinal: false, actors: [] as string[], ...over });

describe('plan view rules', () => {
  it('the employee drafts goals until finalised; the manager sets them, and amends a running plan', () => {
    expect(goalsEditMode(plan({ actors: ['employee'] }))).toBe('employee');
    expect(goalsEditMode(plan({ actors: ['employee'], goalsFinal: true }))).toBeNull();
    expect(goalsEditMode(plan({ actors: ['manager'] }))).toBe('lead');
    expect(goalsEditMode(plan({ actors: ['hr'], state: 'in_progress' }))).toBe('amend');
    expect(goalsEditMode(plan({ actors: ['manager'], state: 'paused', pauseReason: 'absence' }))).toBeNull();
    expect(goalsEditMode(plan({ actors: ['manager'], state: 'paused', pauseReason: 'reacknowledgment' }))).toBe('lead');
    expect(goalsEditMode(plan({ actors: ['approver'], state: 'pending_approval' }))).toBeNull();
  });

  it('an acknowledgment is awaited once the goals are final, and again after an amendment', () => {
    expect(awaitingAcknowledgment(plan({ goalsFinal: true }))).toBe(true);
    expect(awaitingAcknowledgment(plan({ goalsFinal: false }))).toBe(false);
    expect(awaitingAcknowledgment(plan({ goalsFinal: true, state: 'paused', pauseReason: 'reacknowledgment' }))).toBe(true);
    expect(awaitingAcknowledgment(plan({ goalsFinal: true, state: 'paused', pauseReason: 'absence' }))).toBe(false);
    expect(awaitingAcknowledgment(plan({ goalsFinal: true, state: 'in_progress' }))).toBe(false);
  });
});
