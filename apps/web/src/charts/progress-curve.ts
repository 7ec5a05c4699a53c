import type { Checkin, Evaluation } from '@uplift/contract';
import type { ChartOption } from './chart-option.ts';
import { plainLabel } from './chart-option.ts';

/** What the curve needs of a goal, a check-in and an evaluation (the API's shapes fit). */
export type CurveGoal = { id: string; title: string };
export type CurveCheckin = Pick<Checkin, 'status' | 'scheduledAt' | 'minutesRecordedAt' | 'progress'>;
export type CurveEvaluation = Pick<Evaluation, 'name' | 'status' | 'manager'>;
/** Words in the UI language: the y axis, the evaluation marks' series, and the tooltip kinds. */
export type CurveLabels = { percent: string; evaluations: string; checkin: string; evaluation: string; formatAt: (iso: string) => string };

const EVAL_COLOR = '#722ed1';
const DAY = 24 * 3600 * 1000;

/** Goal titles are typed by people and the tooltip is HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
type Point = { at: string; percent: number; from: 'checkin' | 'evaluation' };

/** Points of one goal, oldest first: the minutes' percent at the meeting, the manager's at the evaluation. */
function pointsOf(goalId: string, checkins: readonly CurveCheckin[], evaluations: readonly CurveEvaluation[]): Point[] {
  const points: Point[] = [];
  for (const c of checkins) {
    if (c.status !== 'held' || c.minutesRecordedAt === null) continue;
    const g = c.progress.find((p) => p.goalId === goalId);
    if (g) points.push({ at: c.scheduledAt, percent: g.percent, from: 'checkin' });
  }
  for (const e of evaluations) {
    const g = e.manager?.goals.find((p) => p.goalId === goalId);
    if (e.manager && g) points.push({ at: e.manager.at, percent: g.percent, from: 'evaluation' });
  }
  return points.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The plan's progress curve: one line per goal on a time axis, a point for each check-in's minutes
 * (meeting time) and each manager's evaluation (diamond, submission time), and a dashed vertical line
 * per evaluation with its name and overall rating. Null when nothing has been recorded yet.
 */
export function progressCurveOption(goals: readonly CurveGoal[], checkins: readonly CurveCheckin[], evaluations: readonly CurveEvaluation[], labels: CurveLabels): ChartOption | null {
  const lines = goals.map((g) => ({ goal: g, points: pointsOf(g.id, checkins, evaluations) })).filter((l) => l.points.length > 0);
  const rated = evaluations.filter((e) => e.status !== 'cancelled' && e.manager !== null).sort((a, b) => Date.parse(a.manager!.at) - Date.parse(b.manager!.at));
  if (lines.length === 0 && rated.length === 0) return null;
  const series: NonNullable<ChartOption['series']> = lines.map(({ goal, points }) => ({
    type: 'line',
    name: goal.title,
    symbolSize: 8,
    data: points.map((p) => ({ value: [p.at, p.percent], symbol: p.from === 'evaluation' ? 'diamond' : 'circle', symbolSize: p.from === 'evaluation' ? 12 : 8, name: p.from === 'evaluation' ? labels.evaluation : labels.checkin })),
  }));
  if (rated.length > 0) {
    // the marks ride on a series of their own, so hiding a goal in the legend keeps them
    series.push({
      type: 'line',
      name: labels.evaluations,
      data: [],
      itemStyle: { color: EVAL_COLOR },
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: EVAL_COLOR, type: 'dashed', width: 1 },
        label: { position: 'insideEndTop', color: EVAL_COLOR, fontSize: 11 },
        data: rated.map((e) => ({ xAxis: e.manager!.at, name: e.name, label: { formatter: plainLabel(`${e.name} · ${e.manager!.overall}`) } })),
      },
    });
  }
  return {
    // the option is rebuilt after every change to the plan's meetings; a replayed entry animation would hide the points meanwhile
    animation: false,
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const one = Array.isArray(p) ? p[0] : p;
        const value = one?.value;
        if (!one || !Array.isArray(value)) return '';
        return `${escapeHtml(one.seriesName ?? '')}<br/>${escapeHtml(one.name)} · ${escapeHtml(labels.formatAt(String(value[0])))}: <b>${String(value[1])}%</b>`;
      },
    },
    // goal titles are long: the legend scrolls sideways inside the chart instead of widening the page
    legend: { type: 'scroll', top: 0, data: series.map((s) => String(s.name)) },
    // days, not hours: meetings are days or weeks apart
    xAxis: { type: 'time', minInterval: DAY, axisLabel: { hideOverlap: true, formatter: '{MM}-{dd}' } },
    yAxis: { type: 'value', name: labels.percent, min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%' } },
    series,
  };
}
