import { describe, expect, it } from 'vitest';
import { describeRule } from './rules.match.ts';

describe('rules in words', () => {
  it('describes every kind in Chinese and English', () => {
    expect(describeRule({ kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 80, cycles: 2 })).toEqual({
      'zh-CN': '连续 2 个季度周期达成率低于 80%',
      'en-US': 'achievement below 80% in 2 consecutive quarterly cycles',
    });
    expect(describeRule({ kind: 'consecutive_below', cycleType: 'annual', metric: 'grade', threshold: 'B', cycles: 1 })['zh-CN']).toBe('连续 1 个年度周期等级低于 B');
    expect(describeRule({ kind: 'rolling_average_below', cycleType: 'monthly', metric: 'score', threshold: 60, window: 6 })['en-US']).toBe('average score over the last 6 monthly cycles below 60');
    expect(describeRule({ kind: 'negative_feedback', count: 3, days: 90 })['zh-CN']).toBe('90 天内至少 3 条负面客户反馈');
    expect(describeRule({ kind: 'grade_count', cycleType: 'half_yearly', grades: ['C', 'D'], times: 2, cycles: 4 })['zh-CN']).toBe('最近 4 个半年度周期中至少 2 次等级为 C/D');
  });
});
