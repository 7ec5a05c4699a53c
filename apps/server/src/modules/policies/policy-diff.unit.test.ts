import { describe, expect, it } from 'vitest';
import { defaultPolicySettings } from '@uplift/contract';
import { changeSummary, policyDiff, settingsChanges } from './policy-diff.ts';

const sections = { scope: '全体员工\n试用期除外', start: '连续两期未达标', goals: 'SMART', communication: '每两周一对一', evaluation: '中期、终期', outcomes: '通过、延期、未通过' };

describe('policy diff', () => {
  it('diffs section text line by line and settings field by field', () => {
    const next = structuredClone(defaultPolicySettings);
    next.goals.maxGoals = 4;
    next.evaluation.points[0]!.atPercent = 40;
    const d = policyDiff({ title: 'v1', sections, settings: defaultPolicySettings }, { title: 'v2', sections: { ...sections, scope: '全体员工\n试用期及休假除外' }, settings: next });
    expect(d.titleChanged).toBe(true);
    expect(d.sections.find((s) => s.key === 'scope')).toEqual({
      key: 'scope',
      changed: true,
      lines: [
        { kind: 'same', text: '全体员工' },
        { kind: 'removed', text: '试用期除外' },
        { kind: 'added', text: '试用期及休假除外' },
      ],
    });
    expect(d.sections.filter((s) => s.changed).map((s) => s.key)).toEqual(['scope']);
    expect(d.settings).toEqual([
      { path: 'goals.maxGoals', before: 5, after: 4 },
      { path: 'evaluation.points.mid', before: { key: 'mid', name: '中期评估', atPercent: 50 }, after: { key: 'mid', name: '中期评估', atPercent: 40 } },
    ]);
    expect(changeSummary(d)['zh-CN']).toBe('修改了：适用范围；2 项执行设置有变化（goals.maxGoals、evaluation.points.mid）。');
  });

  it('a first version has no previous: everything is added, no settings changes', () => {
    const d = policyDiff(null, { title: 'v1', sections, settings: defaultPolicySettings });
    expect(d.sections[0]!.lines.every((l) => l.kind === 'added')).toBe(true);
    expect(d.settings).toEqual([]);
  });

  it('names added and removed list entries by their whole value', () => {
    const next = structuredClone(defaultPolicySettings);
    next.scope.excludedStatuses = ['probation', 'on_leave'];
    expect(settingsChanges(defaultPolicySettings, next)).toEqual([{ path: 'scope.excludedStatuses', before: ['probation'], after: ['probation', 'on_leave'] }]);
  });
});
