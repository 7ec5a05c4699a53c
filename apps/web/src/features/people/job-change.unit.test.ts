import { describe, expect, it } from 'vitest';
import { changeEmployeeSchema } from '@uplift/contract';
import { jobChangeBody, todayIso, type CurrentJob, type JobChangeValues } from './job-change.ts';

const unit = '11111111-1111-4111-8111-111111111111';
const other = '22222222-2222-4222-8222-222222222222';
const boss = '33333333-3333-4333-8333-333333333333';
const current: CurrentJob = { unitId: unit, managerId: boss, position: '工程师', grade: 'P5', status: 'active' };
const same: JobChangeValues = { effectiveDate: '2026-03-01', reason: ' 晋升 ', ...current };

describe('jobChangeBody', () => {
  it('sends only what changed, trimmed, and passes the contract schema', () => {
    const body = jobChangeBody(current, { ...same, grade: ' P6 ' });
    expect(body).toEqual({ effectiveDate: '2026-03-01', reason: '晋升', grade: 'P6' });
    expect(changeEmployeeSchema.safeParse(body).success).toBe(true);
  });

  it('is null when nothing would change', () => {
    expect(jobChangeBody(current, { ...same, position: ' 工程师 ' })).toBeNull();
  });

  it('clears the manager with null and moves to another unit', () => {
    expect(jobChangeBody(current, { ...same, managerId: null, unitId: other })).toEqual({ effectiveDate: '2026-03-01', reason: '晋升', unitId: other, managerId: null });
  });

  it('adds the leave reason only when the person leaves', () => {
    expect(jobChangeBody(current, { ...same, status: 'left', leaveReason: ' 个人发展 ' })).toMatchObject({ status: 'left', leaveReason: '个人发展' });
    expect(jobChangeBody(current, { ...same, status: 'on_leave', leaveReason: '个人发展' })).not.toHaveProperty('leaveReason');
  });
});

describe('todayIso', () => {
  it('formats the local date', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
