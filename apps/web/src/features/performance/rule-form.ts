import { DEFAULT_GRADES, type CycleType, type RuleKind, type RuleScope, type TriggerRule } from '@uplift/contract';
import type { EmployeeStatus } from '../people/use-people.ts';

/**
 * What the rule form holds: one flat set of fields for every kind (only the kind's own are sent),
 * so switching kinds keeps what was typed.
 */
export type RuleFormValues = {
  name: string;
  ownerUnitId: string | null;
  kind: RuleKind;
  cycleType: CycleType;
  metric: 'achievement' | 'score' | 'grade';
  /** the threshold of an achievement or score rule */
  threshold: number | null;
  /** the threshold of a grade rule: flagged below (worse than) this grade */
  thresholdGrade: string | null;
  /** consecutive_below: N cycles in a row; grade_count: within the last N cycles */
  cycles: number | null;
  window: number | null;
  count: number | null;
  days: number | null;
  gradeSet: string[];
  times: number | null;
  unitIds: string[];
  positions: string[];
  grades: string[];
  minTenureDays: number | null;
  excludeStatuses: EmployeeStatus[];
};

/** A new rule: "two consecutive quarters below 80% achievement", probation and leavers excluded. */
export function defaultRuleForm(ownerUnitId: string | null): RuleFormValues {
  return {
    name: '',
    ownerUnitId,
    kind: 'consecutive_below',
    cycleType: 'quarterly',
    metric: 'achievement',
    threshold: 80,
    thresholdGrade: 'C',
    cycles: 2,
    window: 3,
    count: 3,
    days: 90,
    gradeSet: ['C', 'D'].filter((g) => (DEFAULT_GRADES as readonly string[]).includes(g)),
    times: 2,
    unitIds: [],
    positions: [],
    grades: [],
    minTenureDays: 0,
    excludeStatuses: ['probation', 'left'],
  };
}

/** The form's values for an existing rule (the other kinds' fields keep their defaults). */
export function ruleToForm(rule: Pick<TriggerRule, 'name' | 'ownerUnitId' | 'params' | 'scope'>): RuleFormValues {
  const v: RuleFormValues = { ...defaultRuleForm(rule.ownerUnitId), name: rule.name, kind: rule.params.kind, ...scopeToForm(rule.scope) };
  const p = rule.params;
  switch (p.kind) {
    case 'consecutive_below':
      return {
        ...v,
        cycleType: p.cycleType,
        metric: p.metric,
        cycles: p.cycles,
        threshold: typeof p.threshold === 'number' ? p.threshold : v.threshold,
        thresholdGrade: typeof p.threshold === 'string' ? p.threshold : v.thresholdGrade,
      };
    case 'rolling_average_below':
      return { ...v, cycleType: p.cycleType, metric: p.metric, threshold: p.threshold, window: p.window };
    case 'negative_feedback':
      return { ...v, count: p.count, days: p.days };
    case 'grade_count':
      return { ...v, cycleType: p.cycleType, gradeSet: p.grades, times: p.times, cycles: p.cycles };
    default: {
      const never: never = p;
      return never;
    }
  }
}

function scopeToForm(s: RuleScope): Pick<RuleFormValues, 'unitIds' | 'positions' | 'grades' | 'minTenureDays' | 'excludeStatuses'> {
  return { unitIds: s.unitIds, positions: s.positions, grades: s.grades, minTenureDays: s.minTenureDays, excludeStatuses: s.excludeStatuses };
}

/**
 * The body of POST/PUT /api/performance/rules (and of the preview) for the form's values: the
 * kind's own parameters only. Unchecked: the caller parses it with saveRuleSchema.
 */
export function formToRule(v: RuleFormValues): unknown {
  return { ownerUnitId: v.ownerUnitId, name: v.name.trim(), params: paramsOf(v), scope: { unitIds: v.unitIds, positions: trimmed(v.positions), grades: trimmed(v.grades), minTenureDays: v.minTenureDays ?? 0, excludeStatuses: v.excludeStatuses } };
}

function trimmed(list: readonly string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter((s) => s !== ''))];
}

function paramsOf(v: RuleFormValues): unknown {
  switch (v.kind) {
    case 'consecutive_below':
      return { kind: v.kind, cycleType: v.cycleType, metric: v.metric, threshold: v.metric === 'grade' ? v.thresholdGrade : v.threshold, cycles: v.cycles };
    case 'rolling_average_below':
      return { kind: v.kind, cycleType: v.cycleType, metric: v.metric === 'grade' ? 'achievement' : v.metric, threshold: v.threshold, window: v.window };
    case 'negative_feedback':
      return { kind: v.kind, count: v.count, days: v.days };
    case 'grade_count':
      return { kind: v.kind, cycleType: v.cycleType, grades: trimmed(v.gradeSet), times: v.times, cycles: v.cycles };
    default: {
      const never: never = v.kind;
      return never;
    }
  }
}

const scopeFields: Record<string, keyof RuleFormValues> = { unitIds: 'unitIds', positions: 'positions', grades: 'grades', minTenureDays: 'minTenureDays', excludeStatuses: 'excludeStatuses' };
const paramFields: Record<string, keyof RuleFormValues> = { cycleType: 'cycleType', metric: 'metric', cycles: 'cycles', window: 'window', count: 'count', days: 'days', grades: 'gradeSet', times: 'times' };

/**
 * The form field a problem of the body belongs on ("params.threshold" → threshold or
 * thresholdGrade, "scope.grades.0" → grades); null when none fits.
 */
export function ruleFieldOf(path: string, v: Pick<RuleFormValues, 'metric'>): keyof RuleFormValues | null {
  const parts = path.replace(/^body\./, '').split('.');
  const [head, key] = parts;
  if (head === 'name' || head === 'ownerUnitId') return head;
  if (head === 'params') {
    if (key === 'threshold') return v.metric === 'grade' ? 'thresholdGrade' : 'threshold';
    if (key === 'kind') return 'kind';
    return key === undefined ? null : (paramFields[key] ?? null);
  }
  if (head === 'scope') return key === undefined ? null : (scopeFields[key] ?? null);
  return null;
}
