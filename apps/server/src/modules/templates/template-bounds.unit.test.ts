import { describe, expect, it } from 'vitest';
import { defaultPolicySettings, defaultTemplateSettings, templateSettingsSchema, type PolicySettings, type TemplateSettings } from '@uplift/contract';
import { gradeAtLeast, inheritedIssues, overrideIssues, templateIssues, valueShapeIssues, valueWithinBounds, valueWithinPolicy } from './template-bounds.ts';

const policy = (change: (p: PolicySettings) => void = () => {}): PolicySettings => {
  const p = structuredClone(defaultPolicySettings);
  change(p);
  return p;
};
const template = (change: (t: TemplateSettings) => void = () => {}): TemplateSettings => {
  const t = structuredClone(defaultTemplateSettings(defaultPolicySettings));
  change(t);
  return t;
};
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe('grades', () => {
  it('compares within one letter track only', () => {
    expect(gradeAtLeast('M3', 'M3')).toBe(true);
    expect(gradeAtLeast('M10', 'M3')).toBe(true);
    expect(gradeAtLeast('m4', 'M3')).toBe(true);
    expect(gradeAtLeast('M2', 'M3')).toBe(false);
    expect(gradeAtLeast('P7', 'M3')).toBe(false);
    expect(gradeAtLeast('经理', 'M3')).toBe(false);
  });
});

describe('the default template', () => {
  it('parses, and is clean against the default policy and without one', () => {
    expect(templateSettingsSchema.safeParse(template()).success).toBe(true);
    expect(templateIssues(template(), defaultPolicySettings)).toEqual([]);
    expect(templateIssues(template(), null)).toEqual([]);
  });
  it('follows a narrower policy', () => {
    const p = policy((x) => {
      x.outcomes.durationDays = { min: 45, max: 60 };
      x.communication.oneOnOneEveryDays = 7;
    });
    const t = defaultTemplateSettings(p);
    expect(t.values.duration).toEqual({ defaultDays: 60, minDays: 45, maxDays: 60 });
    expect(t.bounds.cadence.oneOnOneOptions).toEqual([7]);
    expect(templateIssues(t, p)).toEqual([]);
  });
});

describe('value shape', () => {
  it('orders the duration and keeps the default inside it', () => {
    expect(paths(valueShapeIssues('duration', { defaultDays: 60, minDays: 90, maxDays: 30 }, 'v'))).toEqual(['v.maxDays', 'v.defaultDays']);
    expect(valueShapeIssues('duration', { defaultDays: 30, minDays: 30, maxDays: 30 }, 'v')).toEqual([]);
  });
  it('needs a final evaluation and unique keys', () => {
    expect(paths(valueShapeIssues('evaluation', { points: [{ key: 'a', name: 'A', atPercent: 50 }] }, 'v'))).toEqual(['v.points']);
    expect(valueShapeIssues('evaluation', { points: [{ key: 'a', name: 'A', atPercent: 50 }, { key: 'a', name: 'B', atPercent: 100 }] }, 'v')[0]!.message).toMatch(/不能重复/);
  });
  it('refuses duplicate approval nodes and goal fields', () => {
    const node = { key: 'm', kind: 'direct_manager', minGrade: null } as const;
    expect(paths(valueShapeIssues('approvalChain', { nodes: [node, node] }, 'v'))).toEqual(['v.nodes']);
    expect(paths(valueShapeIssues('goalForm', { fields: ['title', 'title'] }, 'v'))).toEqual(['v.fields']);
  });
  it('has nothing to say about cadence, reminders, outcomes, extension', () => {
    const v = template().values;
    for (const k of ['cadence', 'reminders', 'outcomes', 'extension'] as const) expect(valueShapeIssues(k, v[k], 'v')).toEqual([]);
  });
});

describe('values within the template bounds', () => {
  const b = template((t) => {
    t.bounds.duration = { min: 30, max: 90 };
    t.bounds.cadence.oneOnOneOptions = [7, 14];
  }).bounds;
  it('duration inside min–max, each field named', () => {
    expect(valueWithinBounds('duration', { defaultDays: 60, minDays: 30, maxDays: 90 }, b, 'v')).toEqual([]);
    expect(paths(valueWithinBounds('duration', { defaultDays: 60, minDays: 20, maxDays: 120 }, b, 'v'))).toEqual(['v.minDays', 'v.maxDays']);
  });
  it('cadence from the listed options (weekly or bi-weekly)', () => {
    expect(valueWithinBounds('cadence', { oneOnOneEveryDays: 14, threePartyEveryDays: 30 }, b, 'v')).toEqual([]);
    expect(paths(valueWithinBounds('cadence', { oneOnOneEveryDays: 10, threePartyEveryDays: 60 }, b, 'v'))).toEqual(['v.oneOnOneEveryDays', 'v.threePartyEveryDays']);
  });
  it('keeps required approvers and goal fields', () => {
    expect(valueWithinBounds('approvalChain', { nodes: [{ key: 'x', kind: 'group_hr', minGrade: null }] }, b, 'v')[0]!.message).toMatch(/direct_manager、unit_hrbp/);
    expect(paths(valueWithinBounds('goalForm', { fields: ['title'] }, b, 'v'))).toEqual(['v.fields']);
  });
  it('evaluation points, reminders, outcomes, extension', () => {
    expect(paths(valueWithinBounds('evaluation', { points: [{ key: 'f', name: 'F', atPercent: 100 }] }, b, 'v'))).toEqual(['v.points']);
    expect(paths(valueWithinBounds('reminders', { beforeCheckInHours: 1, overdueMinutes: 5000 }, b, 'v'))).toEqual(['v.beforeCheckInHours', 'v.overdueMinutes']);
    const narrow = template((t) => (t.bounds.outcomes.allowed = ['passed', 'not_passed'])).bounds;
    expect(paths(valueWithinBounds('outcomes', { allowed: ['passed', 'extended'] }, narrow, 'v'))).toEqual(['v.allowed']);
    expect(paths(valueWithinBounds('extension', { maxTimes: 2, maxDays: 31 }, b, 'v'))).toEqual(['v.maxTimes', 'v.maxDays']);
  });
});

describe('values within the policy', () => {
  const p = policy();
  it('duration max 120 > policy 90, min below, default outside', () => {
    const issues = valueWithinPolicy('duration', { defaultDays: 100, minDays: 20, maxDays: 120 }, p, 'v');
    expect(paths(issues)).toEqual(['v.maxDays', 'v.minDays', 'v.defaultDays']);
    expect(issues[0]!.message).toBe('期限上限 120 天超过制度的 90 天');
  });
  it('a cadence less frequent than the policy is refused; more frequent is fine', () => {
    expect(paths(valueWithinPolicy('cadence', { oneOnOneEveryDays: 21, threePartyEveryDays: 45 }, p, 'v'))).toEqual(['v.oneOnOneEveryDays', 'v.threePartyEveryDays']);
    expect(valueWithinPolicy('cadence', { oneOnOneEveryDays: 7, threePartyEveryDays: 14 }, p, 'v')).toEqual([]);
  });
  it('outcomes the policy does not allow', () => {
    const strict = policy((x) => (x.outcomes.allowed = ['passed', 'not_passed']));
    expect(valueWithinPolicy('outcomes', { allowed: ['passed', 'extended'] }, strict, 'v')[0]!.message).toBe('制度不允许的结果：extended');
  });
  it('fewer evaluation points than the policy requires', () => {
    expect(valueWithinPolicy('evaluation', { points: [{ key: 'f', name: 'F', atPercent: 100 }] }, p, 'v')[0]!.message).toBe('评估节点 1 个，少于制度要求的 2 个');
  });
  it('required goal fields missing', () => {
    expect(valueWithinPolicy('goalForm', { fields: ['title', 'measure'] }, p, 'v')[0]!.message).toBe('缺少制度要求的目标字段：target、dueDate');
  });
  it('extension past the policy', () => {
    expect(paths(valueWithinPolicy('extension', { maxTimes: 3, maxDays: 60 }, p, 'v'))).toEqual(['v.maxTimes', 'v.maxDays']);
  });
  it('the policy says nothing about the approval chain or reminders', () => {
    expect(valueWithinPolicy('approvalChain', { nodes: [{ key: 'x', kind: 'group_hr', minGrade: null }] }, p, 'v')).toEqual([]);
    expect(valueWithinPolicy('reminders', { beforeCheckInHours: 0, overdueMinutes: 0 }, p, 'v')).toEqual([]);
  });
});

describe('templateIssues', () => {
  it('names bounds past the policy', () => {
    const t = template((x) => {
      x.locked = [];
      x.bounds.duration = { min: 10, max: 120 };
      x.bounds.cadence.oneOnOneOptions = [7, 30];
      x.bounds.cadence.threePartyOptions = [60];
      x.bounds.evaluation.minPoints = 1;
      x.bounds.extension = { maxTimes: 2, maxDays: 40 };
      x.values.cadence.threePartyEveryDays = 60;
    });
    expect(paths(templateIssues(t, policy((p) => (p.outcomes.allowed = ['passed', 'not_passed']))))).toEqual([
      'values.cadence.threePartyEveryDays',
      'values.outcomes.allowed',
      'bounds.duration.max',
      'bounds.duration.min',
      'bounds.cadence.oneOnOneOptions',
      'bounds.cadence.threePartyOptions',
      'bounds.evaluation.minPoints',
      'bounds.outcomes.allowed',
      'bounds.extension.maxTimes',
      'bounds.extension.maxDays',
    ]);
  });
  it('without a policy only the template itself is checked', () => {
    const t = template((x) => {
      x.bounds.duration = { min: 30, max: 180 };
      x.values.duration = { defaultDays: 150, minDays: 30, maxDays: 180 };
    });
    expect(templateIssues(t, null)).toEqual([]);
    expect(paths(templateIssues(t, policy()))).toEqual(['values.duration.maxDays', 'values.duration.defaultDays', 'bounds.duration.max']);
  });
  it('a value outside its own bounds, and reversed bounds', () => {
    const t = template((x) => {
      x.values.duration.maxDays = 95;
      x.bounds.reminders.overdueMinutes = { min: 100, max: 10 };
    });
    expect(paths(templateIssues(t, null))).toEqual(['bounds.reminders.overdueMinutes.max', 'values.duration.maxDays', 'values.reminders.overdueMinutes']);
  });
});

describe('locked parameters in the template', () => {
  it('ignore their (unused) bounds, but not the policy', () => {
    const t = template((x) => {
      x.locked.push('duration');
      x.bounds.duration = { min: 10, max: 200 };
      x.values.duration = { defaultDays: 40, minDays: 40, maxDays: 40 };
      x.bounds.reminders.overdueMinutes = { min: 100, max: 10 }; // reminders are adjustable: still checked
    });
    expect(paths(templateIssues(t, policy()))).toEqual(['bounds.reminders.overdueMinutes.max', 'values.reminders.overdueMinutes']);
    t.values.duration.maxDays = 120;
    t.values.duration.defaultDays = 100;
    expect(paths(templateIssues(t, policy()))).toContain('values.duration.maxDays');
  });
});

describe('overrideIssues', () => {
  const t = template(); // outcomes and evaluation locked
  it('accepts adjustable values within bounds and policy', () => {
    expect(overrideIssues({ duration: { defaultDays: 45, minDays: 30, maxDays: 60 }, cadence: { oneOnOneEveryDays: 14, threePartyEveryDays: 30 } }, t, policy())).toEqual([]);
    expect(overrideIssues({}, t, null)).toEqual([]);
  });
  it('refuses a locked parameter whatever its value', () => {
    const issues = overrideIssues({ outcomes: t.values.outcomes }, t, null);
    expect(issues).toEqual([{ path: 'values.outcomes', message: '该参数已被集团锁定，不能覆盖' }]);
  });
  it('refuses values outside the bounds, or inside the bounds but outside a narrower unit policy', () => {
    expect(paths(overrideIssues({ duration: { defaultDays: 60, minDays: 30, maxDays: 100 } }, t, null))).toEqual(['values.duration.maxDays']);
    const sub = policy((p) => (p.outcomes.durationDays = { min: 30, max: 60 }));
    expect(overrideIssues({ duration: { defaultDays: 60, minDays: 30, maxDays: 90 } }, t, sub)[0]).toEqual({ path: 'values.duration.maxDays', message: '期限上限 90 天超过制度的 60 天' });
  });
});

describe('inheritedIssues', () => {
  const t = template();
  const sub = policy((p) => {
    p.outcomes.durationDays = { min: 30, max: 60 };
    p.outcomes.allowed = ['passed', 'not_passed'];
  });
  it('asks the unit to override what it inherits past its policy, not what it overrides or the group locked', () => {
    expect(inheritedIssues(t.values, {}, t.locked, sub)).toEqual([{ path: 'values.duration', message: '沿用的值不符合本单位适用的制度（期限上限 90 天超过制度的 60 天），请覆盖此参数' }]);
    expect(inheritedIssues(t.values, { duration: { defaultDays: 45, minDays: 30, maxDays: 60 } }, t.locked, sub)).toEqual([]);
    expect(paths(inheritedIssues(t.values, {}, [], sub))).toEqual(['values.duration', 'values.outcomes']);
  });
});
