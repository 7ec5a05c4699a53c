import type { ChartOption } from './chart-option.ts';
import { niceAxis, plainLabel } from './chart-option.ts';

export type EvidenceChartInput = {
  /** the cycles a candidate was raised on, oldest first */
  bars: readonly { label: string; value: number | null }[];
  threshold: number | null;
  /** "%" for achievement, "" for score */
  suffix: string;
  /** the series name and the threshold's label, in the UI language */
  name: string;
  thresholdLabel: string;
};

const DANGER = '#cf1322';
const OK = '#1677ff';

/** A candidate's evidence: the value per cycle as bars (red below the threshold) and the threshold as a line. */
export function evidenceChartOption(input: EvidenceChartInput): ChartOption {
  const { threshold, suffix } = input;
  const values = input.bars.flatMap((b) => (b.value === null ? [] : [b.value]));
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: input.bars.map((b) => b.label), axisLabel: { hideOverlap: true, width: 76, overflow: 'break' } },
    yAxis: { type: 'value', min: 0, ...niceAxis(threshold === null ? values : [...values, threshold], suffix === '%' ? 100 : 0), axisLabel: { formatter: `{value}${suffix}` } },
    series: [
      {
        type: 'bar',
        name: input.name,
        barMaxWidth: 36,
        label: { show: true, position: 'top', formatter: `{c}${suffix}`, fontSize: 11 },
        data: input.bars.map((b) => ({ value: b.value, itemStyle: { color: threshold !== null && b.value !== null && b.value < threshold ? DANGER : OK } })),
        markLine:
          threshold === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: DANGER, type: 'dashed', width: 1 },
                label: { position: 'insideEndTop', color: DANGER, fontSize: 11, formatter: plainLabel(`${input.thresholdLabel} ${threshold}${suffix}`) },
                data: [{ yAxis: threshold }],
              },
      },
    ],
  };
}
