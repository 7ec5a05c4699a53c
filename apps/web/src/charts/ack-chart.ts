import type { AckSummary } from '@uplift/contract';
import type { ChartOption } from './chart-option.ts';

/** How many units the chart shows: the largest ones (the table and the export have them all). */
export const ACK_CHART_UNITS = 20;

/** A stacked horizontal bar per unit (the largest ACK_CHART_UNITS): confirmed, refused, pending. */
export function ackChartOption(summary: AckSummary, labels: { confirmed: string; refused: string; pending: string }): ChartOption {
  const size = (u: AckSummary['units'][number]) => u.confirmed + u.refused + u.pending;
  const units = [...summary.units].sort((a, b) => size(b) - size(a)).slice(0, ACK_CHART_UNITS);
  const series = (key: 'confirmed' | 'refused' | 'pending', color: string) => ({ name: labels[key], type: 'bar' as const, stack: 'total', data: units.map((u) => u[key]), itemStyle: { color }, barMaxWidth: 24 });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: units.map((u) => u.unitName), inverse: true, axisLabel: { width: 96, overflow: 'truncate' } },
    series: [series('confirmed', '#52c41a'), series('refused', '#ff4d4f'), series('pending', '#d9d9d9')],
  };
}
