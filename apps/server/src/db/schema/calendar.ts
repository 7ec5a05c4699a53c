import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

/**
 * The working-day calendar: statutory holidays (holiday) and make-up working days (workday) that
 * differ from the Monday–Friday week. city '' is the national calendar; a city's row wins over
 * the national one on its date. One row per city and date.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    city: text('city').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(), // holiday | workday
    name: text('name').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('calendar_days_city_day_uq').on(t.city, t.day), index('calendar_days_day_idx').on(t.day)],
);
