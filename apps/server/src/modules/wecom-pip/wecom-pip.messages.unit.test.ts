import { describe, expect, it } from 'vitest';
import { chatIdOf, milestone, remindDiff, scheduleOf } from './wecom-pip.messages.ts';

describe('WeCom builders of a plan', () => {
  it('rounds the reminder lead to a value WeCom accepts', () => {
    expect(remindDiff(24 * 3600)).toBe(-86400);
    expect(remindDiff(72 * 3600)).toBe(-86400);
    expect(remindDiff(2 * 3600)).toBe(-3600);
    expect(remindDiff(10 * 3600)).toBe(-3600);
    expect(remindDiff(13 * 3600)).toBe(-86400);
    expect(remindDiff(600)).toBe(-900);
    expect(remindDiff(0)).toBe(0);
  });

  it('derives a valid, stable chat id from the plan id', () => {
    const id = chatIdOf('0B2C5E1A-9F3D-4C7B-8A11-22334455AABB');
    expect(id).toBe('0b2c5e1a9f3d4c7b8a1122334455aabb');
    expect(id).toMatch(/^[0-9a-zA-Z]{1,32}$/);
    expect(() => chatIdOf('x')).toThrow();
  });

  it('builds a 60-minute schedule named after the employee only', () => {
    const s = scheduleOf({ kind: 'one_on_one', employeeName: '张三', scheduledAt: new Date('2026-03-10T02:00:00Z'), reminderDueAt: new Date('2026-03-09T02:00:00Z'), attendees: ['zhangsan', 'lisi'], admin: 'lisi' });
    expect(s).toMatchObject({ admins: ['lisi'], summary: '改进计划一对一面谈：张三', location: '', attendees: [{ userid: 'zhangsan' }, { userid: 'lisi' }], reminders: { is_remind: 1, remind_time_diffs: [-86400] } });
    expect(s.end_time - s.start_time).toBe(3600);
    expect(scheduleOf({ kind: 'three_party', employeeName: '张三', scheduledAt: new Date(0), reminderDueAt: new Date(0), attendees: [], admin: null }).admins).toBeUndefined();
  });

  it('words the milestones', () => {
    expect(milestone.started('2026-03-09', '2026-04-07')).toContain('2026-03-09 至 2026-04-07');
    expect(milestone.evaluation('中期评估', '部分达成')).toBe('「中期评估」已完成，总体评价：部分达成。');
    expect(milestone.outcome('not_passed')).toContain('未通过');
    expect(milestone.ended('cancel')).toBe('改进计划已取消。本群不再发送消息。');
  });
});
