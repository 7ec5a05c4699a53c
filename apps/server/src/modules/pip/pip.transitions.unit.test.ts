import { describe, expect, it } from 'vitest';
import { pipActions, pipActors, pipStates, type PipAction, type PipActor, type PipState } from '@uplift/contract';
import { AppError } from '../../lib/errors.ts';
import { availableActions, decide, TRANSITIONS, type PlanFacts, type TransitionInput } from './pip.transitions.ts';

// The spec, written out by hand: every legal (state, action) pair and where it leads, who may take
// it, and the input it needs. Every pair not listed must be refused naming the state.
type Legal = { to: PipState; actors: PipActor[]; input?: TransitionInput };
const open: PipState[] = ['draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review', 'follow_up'];
const spec: Partial<Record<PipState, Partial<Record<PipAction, Legal>>>> = {
  draft: { submit: { to: 'pending_approval', actors: ['initiator', 'manager', 'hr'] } },
  pending_approval: {
    withdraw: { to: 'draft', actors: ['initiator', 'hr'] },
    approve: { to: 'goal_setting', actors: ['approver'] },
    reject: { to: 'draft', actors: ['approver'], input: { comment: '目标不够具体' } },
  },
  goal_setting: {
    acknowledge: { to: 'in_progress', actors: ['employee'] },
    record_refusal: { to: 'in_progress', actors: ['hr'], input: { witness: '工会代表 王某' } },
  },
  in_progress: {
    amend_goals: { to: 'paused', actors: ['manager', 'hr'], input: { reason: '目标二的口径调整' } },
    pause: { to: 'paused', actors: ['hr'], input: { reason: '病假' } },
    begin_final_review: { to: 'final_review', actors: ['manager', 'hr', 'system'] },
  },
  paused: {
    resume: { to: 'in_progress', actors: ['hr'] },
    acknowledge: { to: 'in_progress', actors: ['employee'] },
    record_refusal: { to: 'in_progress', actors: ['hr'], input: { witness: '工会代表 王某' } },
  },
  final_review: {
    close: { to: 'closed', actors: ['hr'] },
    extend: { to: 'paused', actors: ['hrbp', 'hr'] },
    begin_follow_up: { to: 'follow_up', actors: ['manager', 'hrbp', 'hr', 'system'] },
  },
  follow_up: { close: { to: 'closed', actors: ['hr'] } },
  closed: { archive: { to: 'archived', actors: ['hr', 'system'] } },
};
for (const s of open) {
  spec[s] = { ...spec[s], cancel: { to: 'cancelled', actors: s === 'draft' || s === 'pending_approval' ? ['hr', 'initiator'] : ['hr'], input: { reason: '员工调岗' } }, employee_left: { to: 'closed', actors: ['system'] } };
}

/** Facts where every precondition holds, for the given state. */
const facts = (state: PipState, over: Partial<PlanFacts> = {}): PlanFacts => ({
  state,
  pauseReason: state === 'paused' ? 'absence' : null,
  complete: true,
  chainResolved: true,
  approvalsLeft: 1,
  goalsValid: true,
  goalsFinal: true,
  endReached: true,
  outcomeRecorded: true,
  outcome: 'passed',
  outcomeAcknowledged: true,
  followUpConcluded: true,
  ...over,
});
const as = (...a: PipActor[]) => new Set(a);
const fail = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the transition to be refused');
};
// paused → in_progress by acknowledgment is for a re-acknowledgment pause; resume for an absence
// an extension and a follow-up follow their own outcome
const factsFor = (state: PipState, action: PipAction) =>
  facts(state, {
    ...(state === 'paused' && (action === 'acknowledge' || action === 'record_refusal') && { pauseReason: 'reacknowledgment' }),
    ...(action === 'extend' && { outcome: 'extended' }),
    ...(action === 'begin_follow_up' && { outcome: 'not_passed' }),
  });

describe('the PIP transition table', () => {
  it('has exactly the transitions of the spec', () => {
    for (const action of pipActions) {
      const from = pipStates.filter((s) => spec[s]?.[action]);
      expect([...TRANSITIONS[action].from].sort(), action).toEqual(from.sort());
    }
  });

  for (const state of pipStates) {
    for (const action of pipActions) {
      const legal = spec[state]?.[action];
      if (!legal) {
        it(`${state} × ${action}: refused, naming the state`, () => {
          const e = fail(() => decide(action, facts(state), as(...pipActors), { comment: 'x', reason: 'x', witness: 'x' }));
          expect(e.code).toBe('CONFLICT');
          expect(e.details).toMatchObject({ reason: 'state', state, action });
          expect(e.message).toContain('「');
        });
        continue;
      }
      it(`${state} × ${action} → ${legal.to}, only for ${legal.actors.join('/')}`, () => {
        for (const actor of pipActors) {
          const run = () => decide(action, factsFor(state, action), as(actor), legal.input ?? {});
          if (legal.actors.includes(actor)) expect(run().to).toBe(legal.to);
          else expect(fail(run).code, `${actor} may not ${action} in ${state}`).toBe('FORBIDDEN');
        }
      });
    }
  }
});

describe('preconditions', () => {
  it('submission needs a complete plan and a resolvable approval chain', () => {
    expect(fail(() => decide('submit', facts('draft', { complete: false }), as('initiator'))).details).toMatchObject({ precondition: 'complete' });
    expect(fail(() => decide('submit', facts('draft', { chainResolved: false }), as('hr'))).code).toBe('CONFLICT');
  });

  it('an approval stays pending until the last node', () => {
    expect(decide('approve', facts('pending_approval', { approvalsLeft: 3 }), as('approver')).to).toBe('pending_approval');
    expect(decide('approve', facts('pending_approval', { approvalsLeft: 1 }), as('approver')).to).toBe('goal_setting');
  });

  it('a rejection needs a comment; a pause and a cancellation a reason; a refusal a witness — as input errors naming the field', () => {
    const reject = fail(() => decide('reject', facts('pending_approval'), as('approver'), { comment: '  ' }));
    expect(reject.code).toBe('VALIDATION_FAILED');
    expect(reject.details).toMatchObject({ issues: [{ path: 'body.comment' }] });
    expect(fail(() => decide('pause', facts('in_progress'), as('hr'))).details).toMatchObject({ issues: [{ path: 'body.reason' }] });
    expect(fail(() => decide('cancel', facts('draft'), as('hr'))).details).toMatchObject({ issues: [{ path: 'body.reason' }] });
    expect(fail(() => decide('record_refusal', facts('goal_setting'), as('hr'))).details).toMatchObject({ issues: [{ path: 'body.witness' }] });
  });

  it('acknowledgment needs valid, finalised goals', () => {
    expect(fail(() => decide('acknowledge', facts('goal_setting', { goalsValid: false }), as('employee'))).details).toMatchObject({ precondition: 'goalsValid' });
    expect(fail(() => decide('acknowledge', facts('goal_setting', { goalsFinal: false }), as('employee'))).details).toMatchObject({ precondition: 'goalsFinal' });
  });

  it('a goal change pauses for re-acknowledgment: the employee resumes it by acknowledging, HR cannot simply resume', () => {
    const amended = decide('amend_goals', facts('in_progress'), as('manager'), { reason: '口径调整' });
    expect(amended).toEqual({ to: 'paused', pause: 'reacknowledgment' });
    expect(fail(() => decide('resume', facts('paused', { pauseReason: 'reacknowledgment' }), as('hr'))).details).toMatchObject({ precondition: 'pausedForAbsence' });
    expect(decide('acknowledge', facts('paused', { pauseReason: 'reacknowledgment' }), as('employee'))).toEqual({ to: 'in_progress', pause: null });
    // an absence pause is not waiting for a signature
    expect(fail(() => decide('acknowledge', facts('paused', { pauseReason: 'absence' }), as('employee'))).details).toMatchObject({ precondition: 'awaitingAcknowledgment' });
    expect(decide('pause', facts('in_progress'), as('hr'), { reason: '产假' })).toEqual({ to: 'paused', pause: 'absence' });
    expect(decide('resume', facts('paused'), as('hr'))).toEqual({ to: 'in_progress', pause: null });
  });

  it('final review waits for the end date; closing for an outcome', () => {
    expect(fail(() => decide('begin_final_review', facts('in_progress', { endReached: false }), as('system'))).details).toMatchObject({ precondition: 'endReached' });
    expect(fail(() => decide('close', facts('final_review', { outcomeRecorded: false }), as('hr'))).details).toMatchObject({ precondition: 'outcomeRecorded' });
  });

  it('an outcome is acknowledged before anything follows; not passed closes only after the follow-up concludes; an extension pauses for re-acknowledgment', () => {
    expect(fail(() => decide('close', facts('final_review', { outcomeAcknowledged: false }), as('hr'))).details).toMatchObject({ precondition: 'outcomeAcknowledged' });
    expect(fail(() => decide('close', facts('final_review', { outcome: 'not_passed' }), as('hr'))).details).toMatchObject({ precondition: 'closable' });
    expect(fail(() => decide('begin_follow_up', facts('final_review', { outcome: 'not_passed', outcomeAcknowledged: false }), as('system'))).details).toMatchObject({ precondition: 'outcomeAcknowledged' });
    expect(fail(() => decide('begin_follow_up', facts('final_review', { outcome: 'passed' }), as('system'))).details).toMatchObject({ precondition: 'outcomeNotPassed' });
    expect(fail(() => decide('close', facts('follow_up', { outcome: 'not_passed', followUpConcluded: false }), as('hr'))).details).toMatchObject({ precondition: 'closable' });
    expect(decide('close', facts('follow_up', { outcome: 'not_passed', followUpConcluded: true }), as('hr')).to).toBe('closed');
    expect(fail(() => decide('extend', facts('final_review', { outcome: 'passed' }), as('hrbp'))).details).toMatchObject({ precondition: 'outcomeExtended' });
    expect(decide('extend', facts('final_review', { outcome: 'extended', outcomeAcknowledged: false }), as('hrbp'))).toEqual({ to: 'paused', pause: 'reacknowledgment' });
  });

  it('the initiator may cancel only before approval; HR at any open state', () => {
    expect(decide('cancel', facts('pending_approval'), as('initiator'), { reason: '误发起' }).to).toBe('cancelled');
    expect(fail(() => decide('cancel', facts('in_progress'), as('initiator'), { reason: '误发起' })).code).toBe('FORBIDDEN');
    expect(decide('cancel', facts('in_progress'), as('initiator', 'hr'), { reason: '员工调岗' }).to).toBe('cancelled');
  });

  it('the refusal names the state in Chinese and in English', () => {
    const e = fail(() => decide('submit', facts('in_progress'), as('hr')));
    expect(e.message).toBe('计划当前为「执行中」，不能提交审批（只能在「草稿」时提交审批）');
    expect((e.details as { en: string }).en).toContain('in progress');
  });
});

describe('available actions', () => {
  it('offers what the state and the caller allow, never the system-only leaver transition', () => {
    expect(availableActions('draft', as('initiator'))).toEqual(['submit', 'cancel']);
    expect(availableActions('pending_approval', as('approver'))).toEqual(['approve', 'reject']);
    expect(availableActions('in_progress', as('employee'))).toEqual([]);
    expect(availableActions('in_progress', as('hr'))).toEqual(['amend_goals', 'pause', 'begin_final_review', 'cancel']);
    expect(availableActions('closed', as('system'))).toEqual(['archive']);
    // an extension and the follow-up follow from the outcome's confirmation and receipt, not from a button
    expect(availableActions('final_review', as('hr', 'hrbp'))).toEqual(['close', 'cancel']);
    expect(availableActions('follow_up', as('hr'))).toEqual(['close', 'cancel']);
  });
});
