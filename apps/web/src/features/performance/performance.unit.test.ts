import { describe, expect, it } from 'vitest';
import { byCycleEnd, candidateParams, correctionChanges, isBelow, numberText, percentText, readCandidateFilters, resultBody, ruleMeasure, suggestCycle, valueText, type ResultFormValues } from './performance.ts';

describe('byCycleEnd', () => {
  it('orders by end date, then by code, without touching the input', () => {
    const rows = [
      { endDate: '2025-12-31', c: 'B' },
      { endDate: '2025-09-30', c: 'Z' },
      { endDate: '2025-12-31', c: 'A' },
    ];
    expect(byCycleEnd(rows, (r) => r.c).map((r) => r.c)).toEqual(['Z', 'A', 'B']);
    expect(rows[0]?.c).toBe('B');
  });
});

describe('number texts', () => {
  it('rounds to two decimals and shows a dash for nothing', () => {
    expect(numberText(72.456)).toBe('72.46');
    expect(numberText(80)).toBe('80');
    expect(numberText(null)).toBe('—');
    expect(numberText(Number.NaN)).toBe('—');
    expect(percentText(75.5)).toBe('75.5%');
    expect(percentText(null)).toBe('—');
  });

  it('valueText shows numbers, text and objects of a correction record', () => {
    expect(valueText(null)).toBe('—');
    expect(valueText('')).toBe('—');
    expect(valueText(1 / 3)).toBe('0.33');
    expect(valueText('C')).toBe('C');
    expect(valueText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('correctionChanges', () => {
  it('lists the changed fields in form order, unchanged ones left out', () => {
    const changes = correctionChanges({
      before: { grade: 'C', achievement: 72, comment: '待提升', target: 100 },
      after: { grade: 'B', achievement: 81, comment: '待提升', target: 100, extra: 'x' },
    });
    expect(changes).toEqual([
      { field: 'achievement', from: '72', to: '81' },
      { field: 'grade', from: 'C', to: 'B' },
      { field: 'extra', from: '—', to: 'x' },
    ]);
  });

  it('treats a missing value and null alike', () => {
    expect(correctionChanges({ before: { score: null }, after: {} })).toEqual([]);
  });
});

describe('ruleMeasure and isBelow', () => {
  it('names the metric and threshold of the rules about cycle results', () => {
    expect(ruleMeasure({ kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 80, cycles: 2 })).toEqual({ metric: 'achievement', threshold: 80 });
    expect(ruleMeasure({ kind: 'rolling_average_below', cycleType: 'monthly', metric: 'score', threshold: 60, window: 3 })).toEqual({ metric: 'score', threshold: 60 });
    expect(ruleMeasure({ kind: 'negative_feedback', count: 3, days: 90 })).toBeNull();
    expect(ruleMeasure({ kind: 'grade_count', cycleType: 'annual', grades: ['D'], times: 2, cycles: 3 })).toBeNull();
  });

  it('compares numbers, and grades by their place in the scale (worse is below)', () => {
    const scale = ['S', 'A', 'B', 'C', 'D'];
    expect(isBelow('achievement', 79.9, 80, scale)).toBe(true);
    expect(isBelow('achievement', 80, 80, scale)).toBe(false);
    expect(isBelow('score', null, 80, scale)).toBe(false);
    expect(isBelow('grade', 'C', 'B', scale)).toBe(true);
    expect(isBelow('grade', 'A', 'B', scale)).toBe(false);
    expect(isBelow('grade', 'X', 'B', scale)).toBe(false);
  });
});

describe('candidate filters in the address', () => {
  it('reads status (open by default), rule and unit', () => {
    expect(readCandidateFilters(new URLSearchParams(''))).toEqual({ status: 'open', ruleId: null, unitId: null });
    expect(readCandidateFilters(new URLSearchParams('status=dismissed&ruleId=r1&unitId=u1'))).toEqual({ status: 'dismissed', ruleId: 'r1', unitId: 'u1' });
    expect(readCandidateFilters(new URLSearchParams('status=nonsense')).status).toBe('open');
  });

  it('writes only what differs from the defaults, and the open candidate', () => {
    expect(candidateParams({ status: 'open', ruleId: null, unitId: null }, null)).toEqual({});
    expect(candidateParams({ status: 'closed', ruleId: 'r1', unitId: 'u1' }, 'c1')).toEqual({ status: 'closed', ruleId: 'r1', unitId: 'u1', open: 'c1' });
  });
});

describe('suggestCycle', () => {
  it('gives the period containing today for each type, in Chinese', () => {
    expect(suggestCycle('quarterly', '2026-05-20', 'zh-CN')).toEqual({ code: '2026Q2', name: '2026年第2季度', startDate: '2026-04-01', endDate: '2026-06-30' });
    expect(suggestCycle('monthly', '2024-02-10', 'zh-CN')).toEqual({ code: '2024M02', name: '2024年2月', startDate: '2024-02-01', endDate: '2024-02-29' });
    expect(suggestCycle('half_yearly', '2026-07-01', 'zh-CN')).toEqual({ code: '2026H2', name: '2026年下半年', startDate: '2026-07-01', endDate: '2026-12-31' });
    expect(suggestCycle('annual', '2026-01-01', 'zh-CN')).toEqual({ code: '2026', name: '2026年度', startDate: '2026-01-01', endDate: '2026-12-31' });
  });

  it('names the period in English for English users', () => {
    expect(suggestCycle('quarterly', '2026-12-31', 'en-US').name).toBe('2026 Q4');
    expect(suggestCycle('half_yearly', '2026-03-01', 'en-US').name).toBe('2026 H1');
  });
});

describe('resultBody', () => {
  const v: ResultFormValues = { cycleId: 'c1', score: null, target: 100, achievement: 72, grade: ' C ', comment: '  ', reason: ' 复核调整 ' };

  it('sends every field (blank comment as null) and no reason for a new result', () => {
    expect(resultBody(v, false)).toEqual({ score: null, target: 100, achievement: 72, grade: 'C', comment: null });
  });

  it('adds the trimmed reason for a correction', () => {
    expect(resultBody(v, true)).toEqual({ score: null, target: 100, achievement: 72, grade: 'C', comment: null, reason: '复核调整' });
  });

  it('refuses a result without a score, an achievement or a grade', () => {
    expect(resultBody({ ...v, achievement: null, grade: '' }, false)).toBeNull();
  });
});
