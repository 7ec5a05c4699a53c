import { sql } from 'drizzle-orm';
import type { CalendarDay, CalendarDayKind, CalendarYear, PutCalendarDay, WorkingDaysResult } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { NATIONAL_HOLIDAYS } from './national-holidays.ts';
import { addDays, addWorkingDays, spanFor, workingDaysBetween, type DayOverrides } from './working-days.ts';

/** '' is the national calendar in the table; the API says null. */
const key = (city: string | null | undefined): string => city ?? '';

type DayRow = { city: string; day: string; kind: CalendarDayKind; name: string; updated_at: Date | string };
const present = (r: DayRow): CalendarDay => ({ date: r.day, city: r.city || null, kind: r.kind, name: r.name, updatedAt: new Date(r.updated_at).toISOString() });

/** Admins keep the calendar (sys_admin, group HR); everyone signed in reads it. */
export function canMaintainCalendar(access: Access): boolean {
  return access.roles.has('sys_admin') || access.roles.has('group_hr');
}

/** A city's calendar over a date range: its own entries laid over the national ones. */
export async function loadOverrides(db: Db | Tx, city: string | null, from: string, to: string): Promise<DayOverrides> {
  const rows = await queryRows<{ day: string; kind: CalendarDayKind }>(
    db as Db,
    sql`select distinct on (day) day::text as day, kind from calendar_days
        where city in ('', ${key(city)}) and day between ${from}::date and ${to}::date
        order by day, city desc`,
  );
  return new Map(rows.map((r) => [r.day, r.kind]));
}

/** Years (in [fromYear, toYear]) without any national entry: deadlines there count weekends only. */
async function missingYears(db: Db | Tx, fromYear: number, toYear: number): Promise<number[]> {
  const rows = await queryRows<{ y: number }>(
    db as Db,
    sql`select y from generate_series(${fromYear}::int, ${toYear}::int) y
        where not exists (select 1 from calendar_days c where c.city = '' and c.day >= make_date(y, 1, 1) and c.day < make_date(y + 1, 1, 1))`,
  );
  return rows.map((r) => r.y);
}

/** The working-day calendar (法定节假日与调休) per year and city, and deadline arithmetic over it. */
export function createCalendar(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  function requireMaintainer(access: Access) {
    if (!canMaintainCalendar(access)) throw new AppError('FORBIDDEN', '只有系统管理员和集团 HR 可以维护节假日日历');
  }

  /** The deadline `days` working days after `from` in a city's calendar (null: national). */
  async function addWorking(tx: Db | Tx, input: { from: string; days: number; city?: string | null }): Promise<WorkingDaysResult> {
    const city = input.city ?? null;
    let span = spanFor(input.days);
    for (;;) {
      const to = addDays(input.from, span);
      const overrides = await loadOverrides(tx, city, input.from, to);
      const out = addWorkingDays(input.from, input.days, overrides);
      if (out.due <= to) {
        const missing = await missingYears(tx, Number(input.from.slice(0, 4)), Number(out.due.slice(0, 4)));
        return { from: input.from, days: input.days, city, due: out.due, counted: out.counted, missingYears: missing };
      }
      span *= 2; // a calendar with unusually long holiday runs: look further
    }
  }

  return {
    addWorkingDays: addWorking,

    /** Working days in (from, to] of a city's calendar, e.g. how late minutes are. */
    async workingDaysBetween(tx: Db | Tx, input: { from: string; to: string; city?: string | null }): Promise<number> {
      const [a, b] = input.from <= input.to ? [input.from, input.to] : [input.to, input.from];
      return workingDaysBetween(input.from, input.to, await loadOverrides(tx, input.city ?? null, a, b));
    },

    /** The city whose calendar applies to a unit: the nearest unit on its path with a city (null: national). */
    async cityOfUnit(tx: Db | Tx, unitId: string): Promise<string | null> {
      const [row] = await queryRows<{ city: string }>(
        tx as Db,
        sql`select a.city from org_units u join org_units a on u.path like a.path || '%'
            where u.id = ${unitId} and a.city is not null and a.city <> '' order by a.depth desc limit 1`,
      );
      return row?.city ?? null;
    },

    /** One year of a city's calendar (the national entries and the city's own). */
    async year(year: number, city: string | null): Promise<CalendarYear> {
      const rows = await queryRows<DayRow>(
        db,
        sql`select city, day::text as day, kind, name, updated_at from calendar_days
            where city in ('', ${key(city)}) and day >= make_date(${year}::int, 1, 1) and day < make_date(${year}::int + 1, 1, 1)
            order by day, city`,
      );
      const years = await queryRows<{ y: number }>(db, sql`select distinct extract(year from day)::int as y from calendar_days where city = '' order by 1`);
      const cities = await queryRows<{ city: string }>(
        db,
        sql`select city from calendar_days where city <> '' union select city from org_units where city is not null and city <> '' order by 1`,
      );
      const maintainedYears = years.map((r) => r.y);
      return { year, city, days: rows.map(present), maintained: maintainedYears.includes(year), maintainedYears, cities: cities.map((r) => r.city) };
    },

    /** Sets one day (a holiday or a make-up working day) for the nation or a city. */
    async putDay(access: Access, ctx: AuditContext, input: PutCalendarDay): Promise<CalendarDay> {
      requireMaintainer(access);
      return db.transaction(async (tx) => {
        const [before] = await queryRows<DayRow>(tx as Db, sql`select city, day::text as day, kind, name, updated_at from calendar_days where city = ${key(input.city)} and day = ${input.date}::date for update`);
        const [row] = await queryRows<DayRow & { id: string }>(
          tx as Db,
          sql`insert into calendar_days (city, day, kind, name, updated_by, updated_at)
              values (${key(input.city)}, ${input.date}::date, ${input.kind}, ${input.name}, ${access.userId}, ${clock.now()})
              on conflict (city, day) do update set kind = excluded.kind, name = excluded.name, updated_by = excluded.updated_by, updated_at = excluded.updated_at
              returning id, city, day::text as day, kind, name, updated_at`,
        );
        await audit.append(tx, ctx, {
          action: before ? 'calendar.day.update' : 'calendar.day.create',
          entityType: 'calendar_day',
          entityId: row!.id,
          before: before ? present(before) : null,
          after: present(row!),
        });
        return present(row!);
      });
    },

    /** Removes a day's entry: the date follows the week again (or the national entry, for a city). */
    async deleteDay(access: Access, ctx: AuditContext, input: { date: string; city: string | null }): Promise<void> {
      requireMaintainer(access);
      await db.transaction(async (tx) => {
        const [gone] = await queryRows<DayRow & { id: string }>(
          tx as Db,
          sql`delete from calendar_days where city = ${key(input.city)} and day = ${input.date}::date returning id, city, day::text as day, kind, name, updated_at`,
        );
        if (!gone) throw new AppError('NOT_FOUND', `${input.city ?? '全国'}日历中没有 ${input.date} 这一天的记录`);
        await audit.append(tx, ctx, { action: 'calendar.day.delete', entityType: 'calendar_day', entityId: gone.id, before: present(gone) });
      });
    },

    /** Loads the built-in national years that are not in the table yet (first start). */
    async loadNational(tx: Tx, ctx: AuditContext): Promise<number> {
      let added = 0;
      for (const [year, entries] of Object.entries(NATIONAL_HOLIDAYS)) {
        const rows = await queryRows<{ n: number }>(
          tx as Db,
          sql`with input as (select * from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as x(date date, kind text, name text)),
              added as (insert into calendar_days (city, day, kind, name, updated_at) select '', date, kind, name, ${clock.now()} from input on conflict (city, day) do nothing returning 1)
              select count(*)::int as n from added`,
        );
        const n = rows[0]?.n ?? 0;
        if (n > 0) await audit.append(tx, ctx, { action: 'calendar.load_national', entityType: 'calendar_year', entityId: null, after: { year: Number(year), days: n } });
        added += n;
      }
      return added;
    },
  };
}

export type Calendar = ReturnType<typeof createCalendar>;
