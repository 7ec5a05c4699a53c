import { describe, expect, it } from 'vitest';
import { achievementChartOption, type AchievementChartInput } from './achievement-chart.ts';
import { niceAxis, plainLabel } from './chart-option.ts';

const names = { achievement: '达成率', score: '得分', grade: '等级' };
const base: AchievementChartInput = {
  points: [
    { label: '2025年第3季度', achievement: 72, score: null, grade: 'C' },
    { label: '2025年第4季度', achievement: 75.5, score: null, grade: null },
  ],
  thresholds: [],
  names,
  gradeScale: ['S', 'A', 'B', 'C', 'D'],
};

type Series = { type: string; name: string; yAxisIndex?: number; data: unknown[]; markLine?: { data: { yAxis: number; name: string; label: { formatter: string } }[] } };
const seriesOf = (o: ReturnType<typeof achievementChartOption>) => o.series as Series[];
const axesOf = (o: ReturnType<typeof achievementChartOption>) => o.yAxis as { type: string; name: string; max?: number; interval?: number; data?: string[] }[];

describe('achievementChartOption', () => {
  it('plots achievement per cycle in order, each point labelled with its grade', () => {
    const o = achievementChartOption(base);
    expect((o.xAxis as { data: string[] }).data).toEqual(['2025年第3季度', '2025年第4季度']);
    const [line] = seriesOf(o);
    expect(line?.type).toBe('line');
    expect(line?.data).toEqual([
      { value: 72, label: { formatter: '{c}% · C' } },
      { value: 75.5, label: { formatter: '{c}%' } },
    ]);
    expect(seriesOf(o)).toHaveLength(1);
    expect(o.legend).toBeUndefined();
    expect(axesOf(o)[0]).toMatchObject({ max: 120, interval: 20 });
  });

  it('draws one dashed line per achievement threshold, rules with the same value merged', () => {
    const o = achievementChartOption({
      ...base,
      thresholds: [
        { ruleName: '连续两季低于80%', metric: 'achievement', value: 80 },
        { ruleName: '销售规则', metric: 'achievement', value: 80 },
        { ruleName: '低分', metric: 'score', value: 60 },
        { ruleName: '差评等级', metric: 'grade', value: 'C' },
        { ruleName: '目标过低', metric: 'achievement', value: 60 },
      ],
    });
    const [line] = seriesOf(o);
    expect(line?.markLine?.data.map((d) => [d.yAxis, d.name, d.label.formatter])).toEqual([
      [60, '目标过低', '60%'],
      [80, '连续两季低于80% / 销售规则', '80%'],
    ]);
    // no scores recorded: no score axis, so the score threshold has nowhere to go
    expect(seriesOf(o)).toHaveLength(1);
  });

  it('adds the score on a second axis, with its own thresholds, when scores were recorded', () => {
    const o = achievementChartOption({
      ...base,
      points: [
        { label: 'Q3', achievement: 90, score: 120, grade: 'B' },
        { label: 'Q4', achievement: null, score: 58, grade: 'D' },
      ],
      thresholds: [{ ruleName: '低分', metric: 'score', value: 60 }],
    });
    const [line, score] = seriesOf(o);
    expect(line?.data[1]).toEqual({ value: null, label: { formatter: '{c}% · D' } });
    expect(score).toMatchObject({ type: 'line', name: '得分', yAxisIndex: 1, data: [120, 58] });
    expect(score?.markLine?.data.map((d) => d.yAxis)).toEqual([60]);
    expect(axesOf(o).map((a) => a.name)).toEqual(['达成率 %', '得分']);
    expect(axesOf(o)[1]).toMatchObject({ max: 150, interval: 25 });
    expect(o.legend).toMatchObject({ data: ['达成率', '得分'] });
  });

  it('keeps the axis above the highest threshold', () => {
    const o = achievementChartOption({ ...base, thresholds: [{ ruleName: '高标准', metric: 'achievement', value: 150 }] });
    expect(axesOf(o)[0]).toMatchObject({ max: 200, interval: 50 });
  });

  it('plots the grades on the grade scale (best on top) when nothing numeric was recorded', () => {
    const o = achievementChartOption({
      ...base,
      points: [
        { label: 'Q1', achievement: null, score: null, grade: 'B' },
        { label: 'Q2', achievement: null, score: null, grade: 'X' },
        { label: 'Q3', achievement: null, score: null, grade: 'D' },
      ],
    });
    expect(axesOf(o)).toMatchObject({ type: 'category', name: '等级', data: ['D', 'C', 'B', 'A', 'S'] });
    expect(seriesOf(o)[0]?.data).toEqual(['B', null, 'D']);
  });

  it('keeps template characters of a grade out of the label formatter', () => {
    const o = achievementChartOption({ ...base, points: [{ label: 'Q1', achievement: 50, score: null, grade: '{b}' }] });
    expect(seriesOf(o)[0]?.data[0]).toEqual({ value: 50, label: { formatter: '{c}% · b' } });
  });
});

describe('chart helpers', () => {
  it('niceAxis leaves a tenth of headroom on a round interval of at most six steps, never under the floor', () => {
    expect(niceAxis([72, 75], 100)).toEqual({ max: 120, interval: 20 });
    expect(niceAxis([], 100)).toEqual({ max: 120, interval: 20 });
    expect(niceAxis([3.2], 0)).toEqual({ max: 4, interval: 1 });
    expect(niceAxis([0.27], 0)).toEqual({ max: 0.3, interval: 0.05 });
    expect(niceAxis([Number.NaN, 200], 0)).toEqual({ max: 250, interval: 50 });
    expect(niceAxis([], 0)).toEqual({ max: 1, interval: 0.2 });
  });

  it('plainLabel strips the braces and bars ECharts reads as templates and rich text', () => {
    expect(plainLabel('{a|x} 80%')).toBe('ax 80%');
  });
});
