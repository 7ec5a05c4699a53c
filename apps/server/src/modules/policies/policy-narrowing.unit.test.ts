import { describe, expect, it } from 'vitest';
import { defaultPolicySettings, type PolicySettings } from '@uplift/contract';
import { narrowingIssues } from './policy-narrowing.ts';

const G = '00000000-0000-4000-8000-000000000001';
const A = '00000000-0000-4000-8000-000000000002';
const A1 = '00000000-0000-4000-8000-000000000003';
const B = '00000000-0000-4000-8000-000000000004';
const paths = new Map([
  [G, `/${G}/`],
  [A, `/${G}/${A}/`],
  [A1, `/${G}/${A}/${A1}/`],
  [B, `/${G}/${B}/`],
]);
const owners = { parentOwnerId: G, childOwnerId: A };
const clone = (): PolicySettings => structuredClone(defaultPolicySettings);
const check = (parent: PolicySettings, change: (s: PolicySettings) => void) => {
  const child = clone();
  change(child);
  return narrowingIssues(parent, child, owners, paths).map((i) => i.path);
};
const tighter = (parent: PolicySettings) => check(parent, () => undefined);

describe('a subsidiary policy narrows the group policy field by field', () => {
  it('accepts an identical copy', () => {
    expect(tighter(clone())).toEqual([]);
  });

  it('accepts a version that narrows every field at once', () => {
    const child = clone();
    child.scope = { unitIds: [A1], positions: ['工程师'], grades: ['P5'], excludedStatuses: ['probation', 'on_leave'] };
    child.start.problemTypes = ['performance'];
    child.start.manualReasons = ['连续绩效未达标'];
    child.goals = { ...child.goals, requiredFields: ['title', 'measure', 'target', 'dueDate', 'weight'], minGoals: 2, maxGoals: 4 };
    child.communication = { threePartyEveryDays: 14, oneOnOneEveryDays: 7, minutesDueWorkingDays: 1, appealAnswerWorkingDays: 3 };
    child.evaluation.pauseAbsences = ['sick_leave', 'maternity_leave'];
    child.evaluation.dueWorkingDays = 3;
    child.evaluation.points.push({ key: 'early', name: '首次评估', atPercent: 25 });
    child.outcomes = { allowed: ['passed', 'not_passed'], followUps: ['training'], durationDays: { min: 45, max: 60 }, extension: { maxTimes: 0, maxDays: 0 } };
    expect(narrowingIssues(clone(), child, owners, paths)).toEqual([]);
  });

  describe('scope', () => {
    it('units: only inside the subtrees the group covers', () => {
      const parent = clone();
      parent.scope.unitIds = [A1];
      expect(check(parent, () => undefined)).toEqual(['settings.scope.unitIds']); // whole A ⊄ A1
      expect(check(parent, (s) => (s.scope.unitIds = [A1]))).toEqual([]);
      expect(check(clone(), (s) => (s.scope.unitIds = [B]))).toEqual([]); // group scope empty = all
      parent.scope.unitIds = [B];
      expect(check(parent, (s) => (s.scope.unitIds = [A1]))).toEqual(['settings.scope.unitIds']);
    });
    it('positions and grades: a subset, never "all" under a restricted group', () => {
      const parent = clone();
      parent.scope.positions = ['工程师', '销售'];
      parent.scope.grades = ['P5'];
      expect(check(parent, () => undefined)).toEqual(['settings.scope.positions', 'settings.scope.grades']);
      expect(check(parent, (s) => ((s.scope.positions = ['销售']), (s.scope.grades = ['P5'])))).toEqual([]);
      expect(check(parent, (s) => ((s.scope.positions = ['经理']), (s.scope.grades = ['P6'])))).toEqual(['settings.scope.positions', 'settings.scope.grades']);
    });
    it('excluded statuses: a superset', () => {
      expect(check(clone(), (s) => (s.scope.excludedStatuses = []))).toEqual(['settings.scope.excludedStatuses']);
      expect(check(clone(), (s) => (s.scope.excludedStatuses = ['probation', 'on_leave']))).toEqual([]);
    });
  });

  it('start: problem types and manual reasons are subsets', () => {
    const parent = clone();
    parent.start.problemTypes = ['performance'];
    expect(check(parent, () => undefined)).toEqual(['settings.start.problemTypes']);
    expect(check(clone(), (s) => s.start.manualReasons.push('其他'))).toEqual(['settings.start.manualReasons']);
  });

  it('goals: required fields superset, min ≥, max ≤, scale equal', () => {
    expect(check(clone(), (s) => (s.goals.requiredFields = ['title']))).toEqual(['settings.goals.requiredFields']);
    const parent = clone();
    parent.goals.minGoals = 2;
    parent.goals.maxGoals = 3;
    expect(check(parent, () => undefined)).toEqual(['settings.goals.minGoals', 'settings.goals.maxGoals']);
    expect(check(clone(), (s) => (s.goals.ratingScale = ['达成', '未达成']))).toEqual(['settings.goals.ratingScale']);
    expect(check(clone(), (s) => (s.goals.ratingScale = ['未达成', '部分达成', '达成']))).toEqual(['settings.goals.ratingScale']);
  });

  it('communication: at least as frequent', () => {
    expect(check(clone(), (s) => (s.communication.threePartyEveryDays = 31))).toEqual(['settings.communication.threePartyEveryDays']);
    expect(check(clone(), (s) => (s.communication.oneOnOneEveryDays = 15))).toEqual(['settings.communication.oneOnOneEveryDays']);
    expect(check(clone(), (s) => (s.communication.minutesDueWorkingDays = 3))).toEqual(['settings.communication.minutesDueWorkingDays']);
    expect(check(clone(), (s) => (s.communication.appealAnswerWorkingDays = 6))).toEqual(['settings.communication.appealAnswerWorkingDays']);
  });

  it('evaluation: keeps every point of the group (by key)', () => {
    expect(check(clone(), (s) => (s.evaluation.points = [{ key: 'final', name: '终期', atPercent: 100 }]))).toEqual(['settings.evaluation.points']);
    expect(check(clone(), (s) => (s.evaluation.points[0]!.name = '改名也可以'))).toEqual([]);
  });

  it('evaluation: pauses only for absences the group allows', () => {
    const parent = clone();
    parent.evaluation.pauseAbsences = ['sick_leave', 'maternity_leave'];
    expect(check(parent, (s) => (s.evaluation.pauseAbsences = ['sick_leave', 'other']))).toEqual(['settings.evaluation.pauseAbsences']);
    expect(check(parent, (s) => (s.evaluation.pauseAbsences = ['maternity_leave']))).toEqual([]);
  });

  it('evaluation: the deadline is at most the group\'s', () => {
    expect(check(clone(), (s) => (s.evaluation.dueWorkingDays = 6))).toEqual(['settings.evaluation.dueWorkingDays']);
    expect(check(clone(), (s) => (s.evaluation.dueWorkingDays = 5))).toEqual([]);
  });

  it('outcomes: subsets, duration inside, extensions not more', () => {
    const parent = clone();
    parent.outcomes.allowed = ['passed', 'not_passed'];
    parent.outcomes.followUps = ['training'];
    expect(check(parent, () => undefined)).toEqual(['settings.outcomes.allowed', 'settings.outcomes.followUps']);
    expect(check(clone(), (s) => (s.outcomes.durationDays = { min: 20, max: 120 }))).toEqual(['settings.outcomes.durationDays.min', 'settings.outcomes.durationDays.max']);
    expect(check(clone(), (s) => (s.outcomes.extension = { maxTimes: 2, maxDays: 31 }))).toEqual(['settings.outcomes.extension.maxTimes', 'settings.outcomes.extension.maxDays']);
  });

  it('names each field with a Chinese and an English message', () => {
    const [i] = narrowingIssues(clone(), { ...clone(), goals: { ...clone().goals, maxGoals: 9 } }, owners, paths);
    expect(i).toEqual({ path: 'settings.goals.maxGoals', message: expect.stringContaining('5'), messages: { 'zh-CN': expect.stringContaining('上限'), 'en-US': expect.stringContaining('maximum') } });
  });
});
