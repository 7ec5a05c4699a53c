import { describe, expect, it } from 'vitest';
import { saveRuleSchema, type TriggerRule } from '@uplift/contract';
import { defaultRuleForm, formToRule, ruleFieldOf, ruleToForm, type RuleFormValues } from './rule-form.ts';

const unit = '11111111-1111-4111-8111-111111111111';
const other = '22222222-2222-4222-8222-222222222222';
const scope = { unitIds: [other], positions: ['销售代表'], grades: ['P5'], minTenureDays: 90, excludeStatuses: ['probation' as const, 'left' as const] };

function rule(params: TriggerRule['params']): Pick<TriggerRule, 'name' | 'ownerUnitId' | 'params' | 'scope'> {
  return { name: '规则', ownerUnitId: unit, params, scope };
}

describe('rule form', () => {
  it('starts as "two consecutive quarters below 80% achievement", probation and leavers excluded, and parses', () => {
    const v = { ...defaultRuleForm(unit), name: ' 连续两季低于80% ' };
    const parsed = saveRuleSchema.parse(formToRule(v));
    expect(parsed).toEqual({
      ownerUnitId: unit,
      name: '连续两季低于80%',
      params: { kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 80, cycles: 2 },
      scope: { unitIds: [], positions: [], grades: [], minTenureDays: 0, excludeStatuses: ['probation', 'left'] },
    });
  });

  it('sends only the chosen kind’s parameters', () => {
    const v: RuleFormValues = { ...defaultRuleForm(unit), name: 'x' };
    expect((formToRule({ ...v, kind: 'negative_feedback', count: 3, days: 30 }) as { params: unknown }).params).toEqual({ kind: 'negative_feedback', count: 3, days: 30 });
    expect((formToRule({ ...v, kind: 'rolling_average_below', metric: 'score', threshold: 60, window: 4 }) as { params: unknown }).params).toEqual({
      kind: 'rolling_average_below',
      cycleType: 'quarterly',
      metric: 'score',
      threshold: 60,
      window: 4,
    });
    expect((formToRule({ ...v, kind: 'grade_count', gradeSet: [' D ', 'D', ''], times: 2, cycles: 4 }) as { params: unknown }).params).toEqual({
      kind: 'grade_count',
      cycleType: 'quarterly',
      grades: ['D'],
      times: 2,
      cycles: 4,
    });
  });

  it('uses the grade threshold for a grade rule, and never sends grade to a rolling average', () => {
    const v: RuleFormValues = { ...defaultRuleForm(unit), name: 'x', metric: 'grade', thresholdGrade: 'B' };
    expect((formToRule(v) as { params: { threshold: unknown } }).params.threshold).toBe('B');
    expect((formToRule({ ...v, kind: 'rolling_average_below' }) as { params: { metric: string; threshold: unknown } }).params).toMatchObject({ metric: 'achievement', threshold: 80 });
  });

  it('round-trips every kind of rule through the form', () => {
    const kinds: TriggerRule['params'][] = [
      { kind: 'consecutive_below', cycleType: 'monthly', metric: 'grade', threshold: 'C', cycles: 3 },
      { kind: 'consecutive_below', cycleType: 'annual', metric: 'score', threshold: 59.5, cycles: 1 },
      { kind: 'rolling_average_below', cycleType: 'half_yearly', metric: 'achievement', threshold: 85, window: 2 },
      { kind: 'negative_feedback', count: 5, days: 180 },
      { kind: 'grade_count', cycleType: 'quarterly', grades: ['C', 'D'], times: 2, cycles: 4 },
    ];
    for (const params of kinds) {
      const back = saveRuleSchema.parse(formToRule(ruleToForm(rule(params))));
      expect(back).toEqual({ ownerUnitId: unit, name: '规则', params, scope });
    }
  });

  it('leaves a missing parameter for the schema to refuse, on the field it belongs to', () => {
    const v: RuleFormValues = { ...defaultRuleForm(unit), name: 'x', cycles: null };
    const r = saveRuleSchema.safeParse(formToRule(v));
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['params.cycles']);
    expect(ruleFieldOf(paths[0] ?? '', v)).toBe('cycles');
  });
});

describe('ruleFieldOf', () => {
  it('maps the body’s paths onto the form fields', () => {
    const achievement = { metric: 'achievement' as const };
    expect(ruleFieldOf('name', achievement)).toBe('name');
    expect(ruleFieldOf('body.ownerUnitId', achievement)).toBe('ownerUnitId');
    expect(ruleFieldOf('params.threshold', achievement)).toBe('threshold');
    expect(ruleFieldOf('params.threshold', { metric: 'grade' })).toBe('thresholdGrade');
    expect(ruleFieldOf('params.grades.0', achievement)).toBe('gradeSet');
    expect(ruleFieldOf('scope.grades.1', achievement)).toBe('grades');
    expect(ruleFieldOf('scope.unitIds', achievement)).toBe('unitIds');
    expect(ruleFieldOf('params', achievement)).toBeNull();
    expect(ruleFieldOf('other', achievement)).toBeNull();
  });
});
