import type { AckSummary } from '@uplift/contract';
import type { ChartOption } from './chart-option.ts';

/** A stacked horizontal bar per unit: confirmed, refused, pending. */
export function ackChartOption(summary: AckSummary, labels: { confirmed: string; refused: string; pending: string }): ChartOption {
  const units = summary.units;
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
