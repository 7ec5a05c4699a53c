import { describe, expect, it } from 'vitest';
import type { CalendarDayKind } from '@uplift/contract';
import { NATIONAL_HOLIDAYS } from './national-holidays.ts';
import { addDays, addWorkingDays, isWorkingDay, weekday, workingDaysBetween } from './working-days.ts';

const national = (year: number) => new Map<string, CalendarDayKind>(NATIONAL_HOLIDAYS[year]!.map((e) => [e.date, e.kind]));
const cal2026 = national(2026);
const none = new Map<string, CalendarDayKind>();

describe('working-day arithmetic', () => {
  it('plain weeks: Monday to Friday', () => {
    expect(weekday('2026-03-06')).toBe(5);
    expect(isWorkingDay('2026-03-06', none)).toBe(true);
    expect(isWorkingDay('2026-03-07', none)).toBe(false);
    // minutes within 2 working days of a Friday meeting are due on Tuesday
    expect(addWorkingDays('2026-03-06', 2, none)).toEqual({ due: '2026-03-10', counted: ['2026-03-09', '2026-03-10'] });
    expect(addWorkingDays('2026-03-09', 1, none).due).toBe('2026-03-10');
  });

  it('0 working days: the day itself when it is one, else the next working day', () => {
    expect(addWorkingDays('2026-03-09', 0, none).due).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 0, none).due).toBe('2026-03-09');
    expect(addWorkingDays('2026-10-01', 0, cal2026).due).toBe('2026-10-08');
  });

  it('skips a statutory holiday run and counts its make-up working days (Spring Festival 2026)', () => {
    // Friday 13 Feb; Saturday 14 Feb is a make-up working day; 15–23 Feb is the holiday
    expect(isWorkingDay('2026-02-14', cal2026)).toBe(true);
    expect(isWorkingDay('2026-02-16', cal2026)).toBe(false);
    expect(addWorkingDays('2026-02-13', 2, cal2026)).toEqual({ due: '2026-02-24', counted: ['2026-02-14', '2026-02-24'] });
    // without the calendar the same deadline would be wrongly in the middle of the holiday
    expect(addWorkingDays('2026-02-13', 2, none).due).toBe('2026-02-17');
  });

  it('National Day 2026 with Sunday 20 Sep and Saturday 10 Oct as make-up days', () => {
    expect(addWorkingDays('2026-09-18', 1, cal2026).due).toBe('2026-09-20');
    expect(addWorkingDays('2026-09-30', 1, cal2026).due).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cal2026).due).toBe('2026-10-10');
    // 2025: National Day and Mid-Autumn together, 1–8 Oct
    expect(addWorkingDays('2025-09-30', 1, national(2025)).due).toBe('2025-10-09');
  });

  it('a holiday on what would be a weekday and a city entry laid over the national one', () => {
    const city = new Map(cal2026);
    city.set('2026-03-10', 'holiday'); // a local holiday
    city.set('2026-10-07', 'workday'); // a city that works on the last day of the national holiday
    expect(addWorkingDays('2026-03-09', 1, city).due).toBe('2026-03-11');
    expect(addWorkingDays('2026-09-30', 1, city).due).toBe('2026-10-07');
  });

  it('counts working days between two dates, either way round', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-24', cal2026)).toBe(2);
    expect(workingDaysBetween('2026-02-24', '2026-02-13', cal2026)).toBe(-2);
    expect(workingDaysBetween('2026-03-09', '2026-03-09', cal2026)).toBe(0);
    expect(workingDaysBetween('2026-03-06', '2026-03-13', none)).toBe(5);
  });

  it('crosses a year end and refuses a negative count', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    // 1–3 Jan 2026 holiday, Sunday 4 Jan a make-up working day
    expect(addWorkingDays('2025-12-31', 1, cal2026).due).toBe('2026-01-04');
    expect(() => addWorkingDays('2026-01-01', -1, cal2026)).toThrow(RangeError);
  });

  it('the built-in national years have the announced totals', () => {
    const count = (y: number, kind: CalendarDayKind) => NATIONAL_HOLIDAYS[y]!.filter((e) => e.kind === kind).length;
    expect([count(2025, 'holiday'), count(2025, 'workday')]).toEqual([1 + 8 + 3 + 5 + 3 + 8, 5]);
    expect([count(2026, 'holiday'), count(2026, 'workday')]).toEqual([3 + 9 + 3 + 5 + 3 + 3 + 7, 6]);
    // every make-up working day is on a weekend
    for (const y of [2025, 2026]) for (const e of NATIONAL_HOLIDAYS[y]!) if (e.kind === 'workday') expect([0, 6]).toContain(weekday(e.date));
  });
});
