import { describe, expect, it } from 'vitest';
import { wholeMonths } from './compliance.dates.ts';
import { economicCompensation, lastDayOf, noticeEnd, payInLieu } from './severance.ts';

const comp = (serviceStart: string, lastDay: string, averageMonthly: number, localAverageMonthly = 1_218_300) => economicCompensation({ serviceStart, lastDay, averageMonthly, localAverageMonthly });

describe('notice', () => {
  it('notice given on D: employment may end on D + 30; in lieu it ends on D with last month’s wage', () => {
    expect(noticeEnd('2026-03-01')).toBe('2026-03-31');
    expect(noticeEnd('2026-12-15')).toBe('2027-01-14');
    expect(noticeEnd('2028-02-01')).toBe('2028-03-02');
    expect(lastDayOf('notice', '2026-03-01')).toBe('2026-03-31');
    expect(lastDayOf('pay_in_lieu', '2026-03-01')).toBe('2026-03-01');
    expect(payInLieu(1_234_567)).toBe(1_234_567);
  });
});

describe('economic compensation (第四十七条), in cents', () => {
  it('whole months by anniversaries, a day the month lacks falling on its last day', () => {
    expect(wholeMonths('2026-01-31', '2026-02-28')).toBe(1);
    expect(wholeMonths('2026-01-31', '2026-02-27')).toBe(0);
    expect(wholeMonths('2020-04-01', '2026-04-01')).toBe(72);
  });

  it('six full years: six months’ wage', () => {
    // 2020-04-01 … 2026-03-31 inclusive
    expect(comp('2020-04-01', '2026-03-31', 1_500_000)).toMatchObject({ serviceYears: 6, serviceMonths: 0, halfMonths: 12, capped: false, base: 1_500_000, total: 9_000_000 });
  });

  it('exactly six months counts as one year', () => {
    expect(comp('2025-10-01', '2026-03-31', 1_000_000)).toMatchObject({ serviceYears: 0, serviceMonths: 6, halfMonths: 2, monthsCounted: 1, total: 1_000_000 });
  });

  it('under six months (one day short) is half a month', () => {
    expect(comp('2025-10-02', '2026-03-31', 1_000_000)).toMatchObject({ serviceYears: 0, serviceMonths: 5, halfMonths: 1, monthsCounted: 0.5, total: 500_000 });
  });

  it('three years and a few days: 3.5 months; an odd cent rounds up', () => {
    expect(comp('2023-03-01', '2026-03-10', 1_000_001)).toMatchObject({ serviceYears: 3, serviceMonths: 0, halfMonths: 7, total: 3_500_004 });
  });

  it('three years eight months: four months', () => {
    expect(comp('2022-08-01', '2026-03-31', 2_000_000)).toMatchObject({ serviceYears: 3, serviceMonths: 8, halfMonths: 8, total: 8_000_000 });
  });

  it('above three times the local average: the base is the triple and at most 12 years count', () => {
    // 15 years 8 months (would be 16 months); average 50,000.00 > 3 × 12,183.00 = 36,549.00
    const c = comp('2010-08-01', '2026-03-31', 5_000_000);
    expect(c).toMatchObject({ serviceYears: 15, serviceMonths: 8, capBase: 3_654_900, capped: true, base: 3_654_900, halfMonths: 24, monthsCounted: 12, total: 43_858_800 });
  });

  it('above the triple with under 12 years: the base is capped, the years are not', () => {
    expect(comp('2021-04-01', '2026-03-31', 5_000_000)).toMatchObject({ capped: true, halfMonths: 10, total: 18_274_500 });
  });

  it('exactly three times the local average is not capped', () => {
    expect(comp('2010-04-01', '2026-03-31', 3_654_900)).toMatchObject({ capped: false, halfMonths: 32, total: 58_478_400 });
  });
});
