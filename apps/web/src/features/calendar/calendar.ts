import type { CalendarDay, CalendarDayKind } from '@uplift/contract';

/** What a date shows: the entry in force (a city's over the national one), if any. */
export type DayMark = { kind: CalendarDayKind; name: string; city: string | null };

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a year, month (1–12) and day. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * A month as weeks of seven cells, Monday first (as Chinese calendars print it); cells outside
 * the month are null.
 */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (weekdayOf(isoDate(year, month, 1)) + 6) % 7;
  const cells: (string | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: days }, (_, i) => isoDate(year, month, i + 1))];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The entries in force per date: a city's entry wins over the national one on its date. */
export function marksByDate(days: readonly CalendarDay[]): Map<string, DayMark> {
  const out = new Map<string, DayMark>();
  for (const d of days) {
    const seen = out.get(d.date);
    if (!seen || (seen.city === null && d.city !== null)) out.set(d.date, { kind: d.kind, name: d.name, city: d.city });
  }
  return out;
}

/** Whether a date is a working day: the entry decides, else Monday–Friday. */
export function isWorking(date: string, mark: DayMark | undefined): boolean {
  if (mark) return mark.kind === 'workday';
  const d = weekdayOf(date);
  return d !== 0 && d !== 6;
}

/** Holidays and make-up days of the year in force for the city, counted for the summary line. */
export function yearSummary(marks: Map<string, DayMark>): { holidays: number; workdays: number; local: number } {
  let holidays = 0;
  let workdays = 0;
  let local = 0;
  for (const m of marks.values()) {
    if (m.kind === 'holiday') holidays++;
    else workdays++;
    if (m.city !== null) local++;
  }
  return { holidays, workdays, local };
}

/** Weekday names Monday first, as the language writes them in a calendar header (一 … 日, Mon … Sun). */
export function weekdayNames(lang: string): string[] {
  const fmt = new Intl.DateTimeFormat(lang, { weekday: lang.startsWith('zh') ? 'narrow' : 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday
  return Array.from({ length: 7 }, (_, i) => fmt.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** A month's name in the language (1月, January). */
export function monthName(lang: string, month: number): string {
  return new Intl.DateTimeFormat(lang, { month: lang.startsWith('zh') ? 'short' : 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, month - 1, 1)));
}

/** One weekday's name (一, Mon) of a date. */
export function weekdayName(lang: string, date: string): string {
  return weekdayNames(lang)[(weekdayOf(date) + 6) % 7]!;
}

/** A run of consecutive dates with the same entry (春节 2/15–2/23), as the year's list shows them. */
export type DayRun = DayMark & { from: string; to: string; days: number };

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Groups the marks into runs of consecutive dates with the same kind, name and city, in date order. */
export function dayRuns(marks: Map<string, DayMark>): DayRun[] {
  const runs: DayRun[] = [];
  for (const [date, m] of [...marks.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const last = runs.at(-1);
    if (last && last.kind === m.kind && last.name === m.name && last.city === m.city && nextDate(last.to) === date) {
      last.to = date;
      last.days++;
    } else runs.push({ ...m, from: date, to: date, days: 1 });
  }
  return runs;
}
