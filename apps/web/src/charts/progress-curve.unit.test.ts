import { describe, expect, it } from 'vitest';
import { escapeHtml, progressCurveOption, type CurveCheckin, type CurveEvaluation, type CurveLabels } from './progress-curve.ts';

const G1 = '00000000-0000-4000-8000-000000000001';
const G2 = '00000000-0000-4000-8000-000000000002';
const goals = [
  { id: G1, title: '季度销售额达成' },
  { id: G2, title: '客户拜访质量' },
];
const labels: CurveLabels = { percent: '进度', evaluations: '评估', checkin: '面谈', evaluation: '评估', formatAt: (iso) => iso.slice(0, 10) };

const held = (at: string, progress: [string, number][]): CurveCheckin => ({ status: 'held', scheduledAt: at, minutesRecordedAt: at, progress: progress.map(([goalId, percent]) => ({ goalId, percent, comment: '' })) });
const evaluation = (name: string, at: string, overall: string, percents: [string, number][]): CurveEvaluation => ({
  name,
  status: 'completed',
  manager: { at, by: '王经理', overall, summary: '', goals: percents.map(([goalId, percent]) => ({ goalId, percent, rating: overall, comment: '' })) },
});

type Series = { name: string; data: { value: [string, number]; symbol: string }[]; markLine?: { data: { xAxis: string; name: string; label: { formatter: string } }[] } };
const seriesOf = (o: ReturnType<typeof progressCurveOption>) => (o?.series ?? []) as Series[];

describe('progressCurveOption', () => {
  it('is null when nothing was recorded (scheduled or cancelled meetings, no rated evaluation)', () => {
    expect(progressCurveOption(goals, [], [], labels)).toBeNull();
    const scheduled: CurveCheckin = { status: 'scheduled', scheduledAt: '2026-03-02T02:00:00.000Z', minutesRecordedAt: null, progress: [] };
    const open: CurveEvaluation = { name: '中期评估', status: 'open', manager: null };
    expect(progressCurveOption(goals, [scheduled], [open], labels)).toBeNull();
  });

  it('draws one line per goal, its points in time order whatever the input order', () => {
    const o = progressCurveOption(
      goals,
      [held('2026-03-16T02:00:00.000Z', [[G1, 40], [G2, 30]]), held('2026-03-02T02:00:00.000Z', [[G1, 20]])],
      [evaluation('中期评估', '2026-03-09T08:00:00.000Z', 'B', [[G1, 35], [G2, 25]])],
      labels,
    );
    const [g1, g2, marks] = seriesOf(o);
    expect(g1?.name).toBe('季度销售额达成');
    expect(g1?.data.map((d) => d.value)).toEqual([
      ['2026-03-02T02:00:00.000Z', 20],
      ['2026-03-09T08:00:00.000Z', 35],
      ['2026-03-16T02:00:00.000Z', 40],
    ]);
    // the evaluation's point is told apart from the meetings'
    expect(g1?.data.map((d) => d.symbol)).toEqual(['circle', 'diamond', 'circle']);
    expect(g2?.data.map((d) => d.value[1])).toEqual([25, 30]);
    expect(marks?.name).toBe('评估');
    expect((o?.legend as { data: string[] }).data).toEqual(['季度销售额达成', '客户拜访质量', '评估']);
    expect(o?.yAxis).toMatchObject({ min: 0, max: 100 });
  });

  it('marks each rated evaluation with a vertical line labelled with its name and overall rating', () => {
    const o = progressCurveOption(
      goals,
      [],
      [evaluation('终期评估', '2026-04-20T08:00:00.000Z', 'A', [[G1, 90]]), evaluation('中期评估', '2026-03-09T08:00:00.000Z', 'C{b}', [[G1, 50]]), { name: '未评', status: 'open', manager: null }],
      labels,
    );
    const marks = seriesOf(o).at(-1);
    expect(marks?.data).toEqual([]);
    expect(marks?.markLine?.data).toEqual([
      { xAxis: '2026-03-09T08:00:00.000Z', name: '中期评估', label: { formatter: '中期评估 · Cb' } },
      { xAxis: '2026-04-20T08:00:00.000Z', name: '终期评估', label: { formatter: '终期评估 · A' } },
    ]);
  });

  it('leaves out goals without progress and progress of goals no longer on the plan', () => {
    const o = progressCurveOption(goals, [held('2026-03-02T02:00:00.000Z', [[G2, 10], ['00000000-0000-4000-8000-000000000009', 99]])], [], labels);
    expect(seriesOf(o).map((s) => s.name)).toEqual(['客户拜访质量']);
  });

  it('escapes what people typed before it goes into the HTML tooltip', () => {
    expect(escapeHtml('<b>"A&B"</b>')).toBe('&#60;b&#62;&#34;A&#38;B&#34;&#60;/b&#62;');
  });
});
