import type { ChartOption } from './chart-option.ts';
import { niceAxis, plainLabel } from './chart-option.ts';

/** One closed or open cycle of a person: its label on the x axis and what was recorded. */
export type CyclePoint = { label: string; achievement: number | null; score: number | null; grade: string | null };
/** A threshold of a rule that applies to the person (grade thresholds are not drawn). */
export type ChartThreshold = { ruleName: string; metric: 'achievement' | 'score' | 'grade'; value: number | string };

export type AchievementChartInput = {
  /** oldest cycle first */
  points: readonly CyclePoint[];
  thresholds: readonly ChartThreshold[];
  /** series names in the UI language */
  names: { achievement: string; score: string; grade: string };
  /** the grade scale, best first: the y axis when nothing numeric was recorded */
  gradeScale: readonly string[];
};

const DANGER = '#cf1322';
// long cycle names wrap instead of hiding their neighbours (phones are narrow)
const cycleLabels = { hideOverlap: true, width: 76, overflow: 'break' as const };
const WARN = '#d46b08';

/** Numeric thresholds of `metric`, rules with the same value merged into one line ("A / B"). */
function lines(thresholds: readonly ChartThreshold[], metric: 'achievement' | 'score'): { value: number; name: string }[] {
  const byValue = new Map<number, string[]>();
  for (const t of thresholds) {
    if (t.metric !== metric || typeof t.value !== 'number') continue;
    byValue.set(t.value, [...(byValue.get(t.value) ?? []), t.ruleName]);
  }
  return [...byValue].sort(([a], [b]) => a - b).map(([value, names]) => ({ value, name: names.join(' / ') }));
}

function markLine(marks: { value: number; name: string }[], suffix: string, color: string) {
  if (marks.length === 0) return undefined;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color, type: 'dashed' as const, width: 1 },
    label: { position: 'insideEndTop' as const, color, fontSize: 11 },
    // the value only: rule names are long, and listed beside the chart
    data: marks.map((m) => ({ yAxis: m.value, name: m.name, label: { formatter: plainLabel(`${m.value}${suffix}`) } })),
  };
}

/**
 * The performance file's chart: achievement % per cycle as a line labelled with the grade, the
 * score on a second axis when there are scores, and a dashed line per rule threshold. With only
 * grades recorded, the grades themselves are plotted on the grade scale (best at the top).
 */
export function achievementChartOption(input: AchievementChartInput): ChartOption {
  const { points, names } = input;
  const labels = points.map((p) => p.label);
  const achievements = points.flatMap((p) => (p.achievement === null ? [] : [p.achievement]));
  const scores = points.flatMap((p) => (p.score === null ? [] : [p.score]));
  const grid = { left: 8, right: 16, top: 44, bottom: 8, containLabel: true };

  if (achievements.length === 0 && scores.length === 0) {
    const scale = [...input.gradeScale].reverse();
    return {
      grid,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: cycleLabels },
      yAxis: { type: 'category', name: names.grade, data: scale, boundaryGap: false },
      series: [{ type: 'line', name: names.grade, data: points.map((p) => (p.grade !== null && scale.includes(p.grade) ? p.grade : null)), symbolSize: 8, connectNulls: false }],
    };
  }

  const achievementMarks = lines(input.thresholds, 'achievement');
  const scoreMarks = lines(input.thresholds, 'score');
  const withScore = scores.length > 0;
  const series: NonNullable<ChartOption['series']> = [
    {
      type: 'line',
      name: names.achievement,
      yAxisIndex: 0,
      symbolSize: 8,
      connectNulls: false,
      label: { show: true, position: 'top', fontSize: 11 },
      data: points.map((p) => ({ value: p.achievement, label: { formatter: p.grade === null ? '{c}%' : `{c}% · ${plainLabel(p.grade)}` } })),
      markLine: markLine(achievementMarks, '%', DANGER),
    },
  ];
  const yAxis: NonNullable<ChartOption['yAxis']> = [
    { type: 'value', name: `${names.achievement} %`, min: 0, ...niceAxis([...achievements, ...achievementMarks.map((m) => m.value)], 100), axisLabel: { formatter: '{value}%' } },
  ];
  if (withScore) {
    series.push({
      type: 'line',
      name: names.score,
      yAxisIndex: 1,
      symbolSize: 6,
      connectNulls: false,
      lineStyle: { type: 'dotted' },
      data: points.map((p) => p.score),
      markLine: markLine(scoreMarks, '', WARN),
    });
    yAxis.push({ type: 'value', name: names.score, min: 0, ...niceAxis([...scores, ...scoreMarks.map((m) => m.value)], 0), splitLine: { show: false } });
  }
  return {
    grid,
    tooltip: { trigger: 'axis' },
    legend: withScore ? { top: 0, data: [names.achievement, names.score] } : undefined,
    xAxis: { type: 'category', data: labels, axisLabel: cycleLabels },
    yAxis,
    series,
  };
}
