import { describe, expect, it } from 'vitest';
import { cadenceDates, zonedInstant } from './checkins.schedule.ts';

describe('cadence dates', () => {
  it('every N days after the start, moved to the next working day, none past the end', () => {
    // 2026-10-01..07 National Day (holidays), 2026-10-10 a make-up Saturday: minutes of the 8th are due on it
    const overrides = new Map([...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as const), ['2026-10-10', 'workday'] as const]);
    const r = cadenceDates({ start: '2026-09-17', end: '2026-10-20', oneOnOneEveryDays: 14, threePartyEveryDays: 30, minutesDueWorkingDays: 2 }, overrides);
    expect(r).toEqual([
      { kind: 'one_on_one', seq: 1, on: '2026-10-08', minutesDueOn: '2026-10-10' },
      { kind: 'one_on_one', seq: 2, on: '2026-10-15', minutesDueOn: '2026-10-19' },
      { kind: 'three_party', seq: 1, on: '2026-10-19', minutesDueOn: '2026-10-21' },
    ]);
  });

  it('a kind every 0 days is not generated', () => {
    expect(cadenceDates({ start: '2026-03-02', end: '2026-03-31', oneOnOneEveryDays: 7, threePartyEveryDays: 0, minutesDueWorkingDays: 0 }, new Map()).map((c) => c.on)).toEqual(['2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
  });
});

describe('zoned instant', () => {
  it('wall time in Shanghai', () => {
    expect(zonedInstant('2026-10-08', '10:00', 'Asia/Shanghai').toISOString()).toBe('2026-10-08T02:00:00.000Z');
  });
});
