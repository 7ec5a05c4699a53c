import { describe, expect, it } from 'vitest';
import type { PipGoalInput } from '@uplift/contract';
import { dateIssues, extendedEnd, goalIssues, planDays, type PlanBounds } from './pip.facts.ts';
import { pausedDays } from './pip.service.ts';

const bounds: PlanBounds = { goalFields: ['title', 'measure', 'target', 'dueDate'], minGoals: 1, maxGoals: 3, minDays: 30, maxDays: 90, reminderMinutes: 60, pauseAbsences: ['sick_leave'], appealWorkingDays: 5 };
const goal = (over: Partial<PipGoalInput> = {}): PipGoalInput => ({ title: '回款', description: '', metric: '回款额', baseline: '60', target: '100', unit: '万元', weight: 100, dueDate: '2026-04-01', support: '', ...over });

describe('plan rules', () => {
  it('counts the plan days inclusively and checks them against the template duration', () => {
    expect(planDays('2026-03-09', '2026-04-07')).toBe(30);
    expect(dateIssues('2026-03-09', '2026-04-07', bounds)).toEqual([]);
    expect(dateIssues('2026-03-09', '2026-04-06', bounds)[0]).toMatchObject({ path: 'body.plannedEnd', message: expect.stringContaining('29 天') });
    expect(dateIssues('2026-03-09', '2026-03-09', bounds)[0]!.message).toContain('晚于');
  });

  it('goals follow the count, the required fields and weights summing to 100', () => {
    expect(goalIssues([goal()], bounds)).toEqual([]);
    expect(goalIssues([], bounds)[0]!.message).toContain('1–3');
    expect(goalIssues([goal({ weight: 60 }), goal({ weight: 30 })], bounds).map((i) => i.message)).toEqual(['目标权重合计须为 100%（当前 90%）']);
    expect(goalIssues([goal({ metric: '', dueDate: null })], bounds).map((i) => i.path)).toEqual(['body.goals.0.measure', 'body.goals.0.dueDate']);
    expect(goalIssues([goal({ weight: 25 }), goal({ weight: 25 }), goal({ weight: 25 }), goal({ weight: 25 })], bounds)[0]!.path).toBe('body.goals');
  });

  it('a pause extends the end date by the whole calendar days paused', () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(pausedDays(new Date('2026-03-10T02:00:00Z'), '2026-03-10', day)).toBe(0);
    expect(pausedDays(new Date('2026-03-10T02:00:00Z'), '2026-03-20', day)).toBe(10);
    expect(pausedDays(null, '2026-03-20', day)).toBe(0);
    expect(extendedEnd('2026-04-30', 10)).toBe('2026-05-10');
  });
});
