import { describe, expect, it } from 'vitest';
import { escalationTargets, evaluationDates, missingParts } from './evaluations.schedule.ts';

const points = [
  { key: 'final', name: '终期评估', atPercent: 100 },
  { key: 'mid', name: '中期评估', atPercent: 50 },
];

describe('evaluation dates', () => {
  it('fall at their share of the plan, on working days, in date order', () => {
    // 3 Sep – 31 Oct 2026: the middle is 2 October (National Day) → 8 October; the end a Saturday → Monday
    const holidays = new Map([...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as const), ['2026-10-10', 'workday'] as const]);
    expect(evaluationDates({ start: '2026-09-03', end: '2026-10-31', points }, holidays).map((p) => [p.key, p.opensOn])).toEqual([
      ['mid', '2026-10-08'],
      ['final', '2026-11-02'],
    ]);
  });

  it('a point at 1% of a short plan is its first days; 100% is the end itself when it is a working day', () => {
    const out = evaluationDates({ start: '2026-03-02', end: '2026-03-31', points: [{ key: 'early', name: '首次', atPercent: 1 }, points[0]!] }, new Map());
    expect(out.map((p) => p.opensOn)).toEqual(['2026-03-02', '2026-03-31']);
  });
});

describe('missing parts and escalation', () => {
  const d = new Date();
  it('lists the parts not yet in', () => {
    expect(missingParts({ managerAt: null, selfAt: null, hrbpAt: null })).toEqual(['manager', 'self', 'hrbp']);
    expect(missingParts({ managerAt: d, selfAt: null, hrbpAt: d })).toEqual(['self']);
    expect(missingParts({ managerAt: d, selfAt: d, hrbpAt: d })).toEqual([]);
  });

  it('escalates a missing part to the person above whoever owes it', () => {
    const people = { managerId: 'm', managersManagerId: 'mm', hrbpId: 'h', hrbpsManagerId: 'hm' };
    expect(escalationTargets(['manager'], people)).toEqual(['mm', 'h']);
    expect(escalationTargets(['self'], people)).toEqual(['m', 'h']);
    expect(escalationTargets(['hrbp'], people)).toEqual(['hm']);
    expect(escalationTargets(['manager', 'self', 'hrbp'], { ...people, managersManagerId: null })).toEqual(['h', 'm', 'hm']);
  });
});
