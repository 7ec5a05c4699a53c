import { describe, expect, it } from 'vitest';
import { evidenceChartOption } from './evidence-chart.ts';

type Bar = { value: number | null; itemStyle: { color: string } };
type Series = { type: string; data: Bar[]; label: { formatter: string }; markLine?: { data: { yAxis: number }[]; label: { formatter: string } } };

describe('evidenceChartOption', () => {
  it('shows the values per cycle, the ones below the threshold in red, and the threshold line', () => {
    const o = evidenceChartOption({
      bars: [
        { label: 'Q3', value: 72 },
        { label: 'Q4', value: 85 },
        { label: 'Q1', value: null },
      ],
      threshold: 80,
      suffix: '%',
      name: '达成率',
      thresholdLabel: '阈值',
    });
    expect((o.xAxis as { data: string[] }).data).toEqual(['Q3', 'Q4', 'Q1']);
    const [bars] = o.series as Series[];
    expect(bars?.type).toBe('bar');
    expect(bars?.label.formatter).toBe('{c}%');
    expect(bars?.data.map((b) => [b.value, b.itemStyle.color])).toEqual([
      [72, '#cf1322'],
      [85, '#1677ff'],
      [null, '#1677ff'],
    ]);
    expect(bars?.markLine?.data).toEqual([{ yAxis: 80 }]);
    expect(bars?.markLine?.label.formatter).toBe('阈值 80%');
    expect(o.yAxis).toMatchObject({ max: 120, interval: 20 });
  });

  it('draws no threshold line without a threshold, and scales a score axis from zero', () => {
    const o = evidenceChartOption({ bars: [{ label: 'Q3', value: 42 }], threshold: null, suffix: '', name: '得分', thresholdLabel: '阈值' });
    const [bars] = o.series as Series[];
    expect(bars?.markLine).toBeUndefined();
    expect(bars?.data[0]?.itemStyle.color).toBe('#1677ff');
    expect(o.yAxis).toMatchObject({ max: 50, interval: 10 });
    expect((o.yAxis as { axisLabel: { formatter: string } }).axisLabel.formatter).toBe('{value}');
  });
});
