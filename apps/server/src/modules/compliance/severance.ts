import type { Compensation } from '@uplift/contract';
import { addDays, addMonths, wholeMonths } from './compliance.dates.ts';

/** Written notice given on day D: employment may end on D + 30 (劳动合同法 第四十条, 提前三十日). */
export function noticeEnd(givenOn: string): string {
  return addDays(givenOn, 30);
}

/** The last day of employment: D + 30 with notice; D itself with a month's wage in lieu (代通知金). */
export function lastDayOf(mode: 'notice' | 'pay_in_lieu', givenOn: string): string {
  return mode === 'notice' ? noticeEnd(givenOn) : givenOn;
}

/** 代通知金: the previous month's wage (劳动合同法实施条例 第二十条), in cents. */
export function payInLieu(lastMonthWage: number): number {
  return lastMonthWage;
}

/**
 * 经济补偿 (劳动合同法 第四十七条), all amounts in integer cents. Service runs from its start to the
 * last day inclusive: one month's wage per full year; a remainder of six months or more counts as
 * a year, a shorter one as half a month. The base is the average monthly wage of the last 12
 * months; above three times the local average monthly wage, the base is that triple and at most
 * 12 years are counted.
 */
export function economicCompensation(i: { serviceStart: string; lastDay: string; averageMonthly: number; localAverageMonthly: number }): Compensation {
  const until = addDays(i.lastDay, 1);
  const months = wholeMonths(i.serviceStart, until);
  const years = Math.floor(months / 12);
  const rest = months % 12;
  // days beyond the whole months are part of a remainder "under six months"
  const leftover = rest > 0 || (until > i.serviceStart && addMonths(i.serviceStart, months) < until);
  let halfMonths = years * 2 + (rest >= 6 ? 2 : leftover ? 1 : 0);
  const capBase = i.localAverageMonthly * 3;
  const capped = i.averageMonthly > capBase;
  const base = capped ? capBase : i.averageMonthly;
  if (capped) halfMonths = Math.min(halfMonths, 24);
  const doubled = base * halfMonths;
  if (!Number.isSafeInteger(doubled)) throw new Error('compensation out of range');
  // half a cent rounds up
  const total = Math.floor((doubled + 1) / 2);
  return { serviceStart: i.serviceStart, lastDay: i.lastDay, serviceYears: years, serviceMonths: rest, halfMonths, monthsCounted: halfMonths / 2, averageMonthly: i.averageMonthly, capBase, capped, base, total };
}
