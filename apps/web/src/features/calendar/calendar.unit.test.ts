import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '@uplift/contract';
import { isWorking, marksByDate, monthGrid, weekdayOf, yearSummary } from './calendar.ts';

const day = (date: string, kind: CalendarDay['kind'], city: string | null = null, name = '假日'): CalendarDay => ({ date, kind, city, name, updatedAt: '2026-01-01T00:00:00.000Z' });

describe('calendar helpers', () => {
  it('lays a month out Monday first, with blanks around it', () => {
    // February 2026 starts on a Sunday: six blanks, then 28 days, padded to full weeks
    const feb = monthGrid(2026, 2);
    expect(feb[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(feb.flat().filter(Boolean)).toHaveLength(28);
    expect(feb.every((w) => w.length === 7)).toBe(true);
    expect(monthGrid(2024, 2).flat().filter(Boolean)).toHaveLength(29);
    expect(weekdayOf('2026-10-01')).toBe(4);
  });

  it("a city's entry wins over the national one on its date, whatever the order", () => {
    const marks = marksByDate([day('2026-10-07', 'workday', '深圳', '调整'), day('2026-10-07', 'holiday'), day('2026-10-08', 'holiday', null, '国庆')]);
    expect(marks.get('2026-10-07')).toEqual({ kind: 'workday', name: '调整', city: '深圳' });
    expect(isWorking('2026-10-07', marks.get('2026-10-07'))).toBe(true);
    expect(isWorking('2026-10-08', marks.get('2026-10-08'))).toBe(false);
    expect(isWorking('2026-10-10', undefined)).toBe(false); // a Saturday
    expect(isWorking('2026-10-09', undefined)).toBe(true);
    expect(yearSummary(marks)).toEqual({ holidays: 1, workdays: 1, local: 1 });
  });
});

describe('names', () => {
  it('writes weekdays Monday first and months in each language', async () => {
    const { weekdayNames, monthName, weekdayName } = await import('./calendar.ts');
    expect(weekdayNames('zh-CN')).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    expect(weekdayNames('en-US')[0]).toBe('Mon');
    expect(monthName('zh-CN', 2)).toBe('2月');
    expect(monthName('en-US', 2)).toBe('February');
    expect(weekdayName('zh-CN', '2026-02-15')).toBe('日');
  });
});

describe('runs', () => {
  it('groups consecutive equal days and keeps make-up days and city entries apart', async () => {
    const { dayRuns } = await import('./calendar.ts');
    const marks = marksByDate([
      day('2026-02-15', 'holiday', null, '春节'),
      day('2026-02-16', 'holiday', null, '春节'),
      day('2026-02-17', 'holiday', null, '春节'),
      day('2026-02-14', 'workday', null, '春节调休上班'),
      day('2026-02-28', 'workday', null, '春节调休上班'),
      day('2026-02-18', 'holiday', '深圳', '春节延长'),
      day('2026-02-20', 'holiday', null, '春节'),
    ]);
    expect(dayRuns(marks).map((r) => [r.from, r.to, r.days, r.kind, r.city])).toEqual([
      ['2026-02-14', '2026-02-14', 1, 'workday', null],
      ['2026-02-15', '2026-02-17', 3, 'holiday', null],
      ['2026-02-18', '2026-02-18', 1, 'holiday', '深圳'],
      ['2026-02-20', '2026-02-20', 1, 'holiday', null],
      ['2026-02-28', '2026-02-28', 1, 'workday', null],
    ]);
  });
});
