import { addDays, addWorkingDays, type DayOverrides } from '../calendar/working-days.ts';

export type CheckinKind = 'one_on_one' | 'three_party';
export type PlannedCheckin = { kind: CheckinKind; seq: number; on: string; minutesDueOn: string };

/** Cadence meetings start at this business time unless rescheduled. */
export const DEFAULT_CHECKIN_TIME = '10:00';

/**
 * The cadence's meetings over a plan: every `everyDays` after the start (the start itself is the
 * kick-off, not a check-in), each moved to the next working day; those that land after the end
 * are dropped. `everyDays` 0 means the policy asks for none of that kind.
 */
export function cadenceDates(input: { start: string; end: string; oneOnOneEveryDays: number; threePartyEveryDays: number; minutesDueWorkingDays: number }, overrides: DayOverrides): PlannedCheckin[] {
  const out: PlannedCheckin[] = [];
  const kinds: [CheckinKind, number][] = [
    ['one_on_one', input.oneOnOneEveryDays],
    ['three_party', input.threePartyEveryDays],
  ];
  for (const [kind, every] of kinds) {
    if (every <= 0) continue;
    for (let seq = 1; ; seq++) {
      const nominal = addDays(input.start, seq * every);
      if (nominal > input.end) break;
      const on = addWorkingDays(nominal, 0, overrides).due;
      if (on > input.end) break;
      // a holiday can push two meetings of a kind onto one day: that day has one
      if (out.some((c) => c.kind === kind && c.on === on)) continue;
      out.push({ kind, seq, on, minutesDueOn: addWorkingDays(on, input.minutesDueWorkingDays, overrides).due });
    }
  }
  return out.sort((a, b) => (a.on === b.on ? a.kind.localeCompare(b.kind) : a.on.localeCompare(b.on)));
}

/** The instant of a wall-clock date and time (HH:MM) in a time zone. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const offset = offsetAt(guess, timeZone);
  // a second pass settles the rare case where the offset changes between guess and answer
  return new Date(guess - offsetAt(guess - offset, timeZone));
}

/** The wall time in `timeZone` minus UTC, in milliseconds, at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(ms / 1000) * 1000;
}
