import type { ComposeOption, GridComponentOption, LegendComponentOption, LineSeriesOption, BarSeriesOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts';

/** The options the app's charts use: line and bar series, grid, legend, tooltip and mark lines. */
export type ChartOption = ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | MarkLineComponentOption>;

/** Removes ECharts' template braces from text shown in a label formatter string. */
export function plainLabel(text: string): string {
  return text.replace(/[{}|]/g, '');
}

/**
 * A value axis from zero that leaves a tenth of headroom above the highest value (and never ends
 * under `floor`): a round interval (1, 2, 2.5 or 5 × 10ⁿ) giving at most six steps, and a maximum
 * on that interval, so no label lands between two ticks.
 */
export function niceAxis(values: readonly number[], floor: number): { max: number; interval: number } {
  const top = Math.max(floor, ...values.filter((v) => Number.isFinite(v)));
  // 110% of the top, computed as 11/10 so that 100 gives exactly 110 (100 * 1.1 does not)
  const target = top > 0 ? (top * 11) / 10 : 1;
  let magnitude = 10 ** Math.floor(Math.log10(target / 6));
  for (;;) {
    for (const m of [1, 2, 2.5, 5]) {
      // toPrecision: 2.5 × 0.1 and the like carry binary noise
      const interval = Number((m * magnitude).toPrecision(12));
      if (target / interval <= 6) return { max: Number((Math.ceil(target / interval - 1e-9) * interval).toPrecision(12)), interval };
    }
    magnitude *= 10;
  }
}
