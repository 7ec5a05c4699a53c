import { describe, expect, it } from 'vitest';
import { hasCheckins, latestPercents, meetingsOpen, minutesOpen, todoLink } from './checkin-rules.ts';

const plan = '00000000-0000-4000-8000-00000000000a';
const ref = '00000000-0000-4000-8000-00000000000b';

describe('check-in rules', () => {
  it('links each to-do to the plan, at the check-in or evaluation it is about', () => {
    expect(todoLink({ kind: 'record_minutes', planId: plan, refId: ref })).toBe(`/pips/${plan}#checkin-${ref}`);
    expect(todoLink({ kind: 'confirm_minutes', planId: plan, refId: ref })).toBe(`/pips/${plan}#checkin-${ref}`);
    for (const kind of ['evaluate', 'self_assess', 'comment_evaluation']) expect(todoLink({ kind, planId: plan, refId: ref })).toBe(`/pips/${plan}#evaluation-${ref}`);
    expect(todoLink({ kind: 'approve', planId: plan, refId: null })).toBe(`/pips/${plan}`);
    expect(todoLink({ kind: 'evaluate', planId: plan, refId: null })).toBe(`/pips/${plan}`);
  });

  it("starts from each goal's latest recorded percent, ignoring meetings without minutes", () => {
    const m = latestPercents([
      { minutesRecordedAt: '2026-03-02T03:00:00Z', progress: [{ goalId: 'a', percent: 20, comment: '' }, { goalId: 'b', percent: 10, comment: '' }] },
      { minutesRecordedAt: null, progress: [{ goalId: 'a', percent: 99, comment: '' }] },
      { minutesRecordedAt: '2026-03-16T03:00:00Z', progress: [{ goalId: 'a', percent: 45, comment: '' }] },
    ]);
    expect([...m]).toEqual([
      ['a', 45],
      ['b', 10],
    ]);
  });

  it('shows meetings from the running plan on, and takes minutes while it runs, pauses or is under final review', () => {
    expect(hasCheckins('goal_setting')).toBe(false);
    expect(hasCheckins('closed')).toBe(true);
    expect(minutesOpen('paused')).toBe(true);
    expect(minutesOpen('closed')).toBe(false);
  });

  it('adds, moves and cancels meetings only while the plan runs', () => {
    expect(meetingsOpen('in_progress')).toBe(true);
    expect(meetingsOpen('paused')).toBe(false);
    expect(meetingsOpen('final_review')).toBe(false);
  });
});
