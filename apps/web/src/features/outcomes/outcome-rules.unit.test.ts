import { describe, expect, it } from 'vitest';
import type { Evaluation, PipOutcomeRecord, PipRoleAdjustment, PipTraining } from '@uplift/contract';
import { proposalBody, trainingBody } from './outcome-bodies.ts';
import { awaitingReceipt, currentOutcome, finalEvaluationMissing, mayDecide, mayPropose, pendingProposal, reassessmentReady, reassessmentsOf, showsFollowUp } from './outcome-rules.ts';

const who = { name: '王经理', at: '2026-11-02T02:00:00.000Z' };
const ack = { id: 'a1', version: 1, contentSha256: 'f'.repeat(64), channel: 'web', refused: false, witness: null, witnessNote: null, at: '2026-11-03T02:00:00.000Z' };
const round = (over: Partial<PipOutcomeRecord>): PipOutcomeRecord => ({ id: 'o1', round: 1, outcome: 'passed', note: '达成', extension: null, followUps: [], status: 'proposed', proposed: who, proposedByYou: false, confirmed: null, returned: null, acknowledgment: null, ...over });
const plan = (over: { state?: 'final_review' | 'follow_up' | 'closed' | 'in_progress'; outcome?: { outcome: 'passed' | 'extended' | 'not_passed'; followUps: []; note: string } | null; actors?: string[] }) => ({ state: 'final_review' as const, outcome: null, actors: ['manager'], ...over });
const evaluation = (over: Partial<Evaluation>): Evaluation =>
  ({ id: 'e1', kind: 'point', final: false, status: 'open', manager: null, conclusion: null, name: '终期评估', ...over }) as Evaluation;

describe('outcome rules', () => {
  it('the manager or HR proposes in the final review while nothing is confirmed or waiting', () => {
    expect(mayPropose(plan({}), [])).toBe(true);
    expect(mayPropose(plan({ actors: ['hr'] }), [round({ status: 'returned' })])).toBe(true);
    expect(mayPropose(plan({}), [round({})])).toBe(false);
    expect(mayPropose(plan({ actors: ['hrbp'] }), [])).toBe(false);
    expect(mayPropose(plan({ actors: ['employee'] }), [])).toBe(false);
    expect(mayPropose(plan({ state: 'in_progress' }), [])).toBe(false);
    expect(mayPropose(plan({ outcome: { outcome: 'passed', followUps: [], note: '' } }), [round({ status: 'confirmed' })])).toBe(false);
    expect(pendingProposal([round({ id: 'x', status: 'returned' }), round({ id: 'y' })])?.id).toBe('y');
  });

  it('four eyes: the HRBP or HR confirms, never the proposer', () => {
    expect(mayDecide(plan({ actors: ['hrbp'] }), round({}))).toBe(true);
    expect(mayDecide(plan({ actors: ['hr', 'manager'] }), round({}))).toBe(true);
    expect(mayDecide(plan({ actors: ['hr'] }), round({ proposedByYou: true }))).toBe(false);
    expect(mayDecide(plan({ actors: ['manager'] }), round({}))).toBe(false);
    expect(mayDecide(plan({ actors: ['hrbp'], state: 'follow_up' }), round({}))).toBe(false);
  });

  it('the receipt waits for the employee once the round is confirmed, until acknowledged or refused', () => {
    const confirmed = { outcome: { outcome: 'passed' as const, followUps: [] as [], note: '' } };
    expect(awaitingReceipt(plan(confirmed), [round({ status: 'returned' }), round({ id: 'o2', status: 'confirmed' })])).toBe(true);
    expect(currentOutcome(plan(confirmed), [round({ status: 'confirmed' }), round({ id: 'o2', status: 'confirmed' })])?.id).toBe('o2');
    expect(awaitingReceipt(plan(confirmed), [round({ status: 'confirmed', acknowledgment: ack })])).toBe(false);
    // an extension confirmed earlier cleared the plan's outcome: nothing to receive in this round
    expect(awaitingReceipt(plan({}), [round({ status: 'confirmed', outcome: 'extended' })])).toBe(false);
    expect(awaitingReceipt(plan({ ...confirmed, state: 'follow_up' }), [round({ status: 'confirmed' })])).toBe(false);
  });

  it('the proposal waits for the manager’s rating of the last final evaluation', () => {
    const final = evaluation({ id: 'f1', final: true });
    expect(finalEvaluationMissing([evaluation({}), final])?.id).toBe('f1');
    expect(finalEvaluationMissing([{ ...final, manager: { by: 'x', at: who.at, overall: '达成', summary: '', goals: [] } } as Evaluation])).toBeNull();
    expect(finalEvaluationMissing([evaluation({ kind: 'reassessment', final: false })])).toBeNull();
    expect(finalEvaluationMissing([])).toBeNull();
  });

  it('a re-assessment follows a training that took place or a role adjustment signed or refused', () => {
    const tr = (attendance: PipTraining['attendance']) => ({ attendance }) as PipTraining;
    const ra = (acknowledgment: PipRoleAdjustment['acknowledgment']) => ({ acknowledgment }) as PipRoleAdjustment;
    expect(reassessmentReady({ trainings: [], roleAdjustments: [] })).toBe(false);
    expect(reassessmentReady({ trainings: [tr(null), tr('absent')], roleAdjustments: [ra(null)] })).toBe(false);
    expect(reassessmentReady({ trainings: [tr('partial')], roleAdjustments: [] })).toBe(true);
    expect(reassessmentReady({ trainings: [], roleAdjustments: [ra({ ...ack, refused: true })] })).toBe(true);
    const re = (id: string, status: Evaluation['status'], conclusion: Evaluation['conclusion']) => evaluation({ id, kind: 'reassessment', status, conclusion });
    expect(reassessmentsOf([re('r1', 'completed', 'not_met'), re('r2', 'open', null)])).toMatchObject({ open: { id: 'r2' }, concluded: { id: 'r1' } });
    expect(reassessmentsOf([evaluation({})])).toEqual({ open: null, concluded: null });
    expect(showsFollowUp({ state: 'follow_up' }, undefined)).toBe(true);
    expect(showsFollowUp({ state: 'closed' }, { trainings: [], roleAdjustments: [] })).toBe(false);
    expect(showsFollowUp({ state: 'closed' }, { trainings: [tr('attended')], roleAdjustments: [] })).toBe(true);
  });

  it('the forms send an extension only when extended, follow-ups only when not passed, and blank attendance as null', () => {
    expect(proposalBody({ outcome: 'passed', note: ' 达成 ', followUps: ['training'], extension: { plannedEnd: '2026-12-01' } })).toEqual({ outcome: 'passed', note: '达成', followUps: [] });
    expect(proposalBody({ outcome: 'extended', note: '延', extension: { plannedEnd: '2026-12-01', reason: ' 回款周期长 ' } })).toEqual({ outcome: 'extended', note: '延', extension: { plannedEnd: '2026-12-01', reason: '回款周期长' }, followUps: [] });
    expect(proposalBody({ outcome: 'not_passed', note: '未达成', followUps: ['training', 'reassessment'] })).toMatchObject({ followUps: ['training', 'reassessment'] });
    const body = trainingBody({ topic: ' 回款 ', gap: '差距', goalIds: ['g'], startsOn: '2026-11-09', endsOn: '2026-11-10', trainer: '王老师', attendance: '' });
    expect(body).toMatchObject({ topic: '回款', attendance: null, attendanceNote: '' });
  });
});
