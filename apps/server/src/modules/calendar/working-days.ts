import type { CalendarDayKind } from '@uplift/contract';

/** The dates (YYYY-MM-DD) that differ from the Monday–Friday week, a city's entries already laid over the national ones. */
export type DayOverrides = ReadonlyMap<string, CalendarDayKind>;

const MS_PER_DAY = 86_400_000;
const toUtc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The calendar date `n` days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  return fromUtc(toUtc(date) + n * MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** A statutory holiday is never a working day; a make-up day (调休上班) always is; otherwise Monday–Friday. */
export function isWorkingDay(date: string, overrides: DayOverrides): boolean {
  const kind = overrides.get(date);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/**
 * The deadline `n` working days after `from`: the n-th working day strictly after it ("minutes
 * within 2 working days" of a Friday meeting are due on Tuesday). With n = 0, `from` itself when
 * it is a working day, else the next one. `counted` lists the working days that were counted.
 */
export function addWorkingDays(from: string, n: number, overrides: DayOverrides): { due: string; counted: string[] } {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let day = from;
  if (n === 0) {
    while (!isWorkingDay(day, overrides)) day = addDays(day, 1);
    return { due: day, counted: [day] };
  }
  const counted: string[] = [];
  while (counted.length < n) {
    day = addDays(day, 1);
    if (isWorkingDay(day, overrides)) counted.push(day);
  }
  return { due: day, counted };
}

/** Working days in (from, to]: how many working days `to` lies after `from` (negative when before). */
export function workingDaysBetween(from: string, to: string, overrides: DayOverrides): number {
  if (to < from) return -workingDaysBetween(to, from, overrides);
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, overrides)) n++;
  return n;
}

/** Calendar days needed to be sure `n` working days fit, even across the longest holiday runs. */
export function spanFor(n: number): number {
  return n * 2 + 40;
}
