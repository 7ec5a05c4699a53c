/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */

const parts = (d: string): [number, number, number] => {
  const [y, m, dd] = d.split('-').map(Number);
  return [y!, m!, dd!];
};
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The same day n months later; a day the month lacks falls on its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return iso(ty, tm, Math.min(d, daysIn(ty, tm)));
}

/** Whole months from `from` to `until` (exclusive): the largest n with addMonths(from, n) <= until. */
export function wholeMonths(from: string, until: string): number {
  if (until <= from) return 0;
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(until);
  let n = (y2 - y1) * 12 + (m2 - m1);
  while (n > 0 && addMonths(from, n) > until) n--;
  return n;
}

/** The later of two ISO dates. */
export const laterOf = (a: string, b: string) => (a >= b ? a : b);
