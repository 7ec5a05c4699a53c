import { z } from 'zod';

const day = z.iso.date();

/** A statutory holiday (休) or a make-up working day on a weekend (调休上班, 班). */
export const calendarDayKinds = ['holiday', 'workday'] as const;
export const calendarDayKindSchema = z.enum(calendarDayKinds);
export type CalendarDayKind = z.infer<typeof calendarDayKindSchema>;

/** City names as on org units; null = the national calendar (全国). */
const city = z.string().trim().min(1).max(50).nullable();

export const calendarDaySchema = z.object({
  date: day,
  /** null: national; a city's entry overrides the national one for that date */
  city,
  kind: calendarDayKindSchema,
  name: z.string(),
  updatedAt: z.iso.datetime(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const calendarYearQuerySchema = z.object({ city: z.string().trim().min(1).max(50).optional() });
export const calendarYearSchema = z.object({
  year: z.number().int(),
  city: z.string().nullable(),
  /** the national entries and, for a city, its own (which win on their dates) */
  days: z.array(calendarDaySchema),
  /** whether the national calendar of this year has been maintained (any entry) */
  maintained: z.boolean(),
  /** years with a national calendar, ascending */
  maintainedYears: z.array(z.number().int()),
  /** cities with entries of their own, and the cities of org units */
  cities: z.array(z.string()),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export const putCalendarDaySchema = z.object({
  date: day,
  city,
  kind: calendarDayKindSchema,
  name: z.string().trim().min(1, '请填写名称（如 春节、国庆节调休上班）').max(50),
});
export type PutCalendarDay = z.infer<typeof putCalendarDaySchema>;

/** city omitted: the national entry */
export const deleteCalendarDaySchema = z.object({ date: day, city: z.string().trim().min(1).max(50).optional() });

export const workingDaysQuerySchema = z.object({
  from: day,
  /** working days to add (0 = `from` itself if it is a working day, else the next one) */
  days: z.coerce.number().int().min(0).max(365),
  city: z.string().trim().min(1).max(50).optional(),
});
export const workingDaysResultSchema = z.object({
  from: day,
  days: z.number().int(),
  city: z.string().nullable(),
  due: day,
  /** the working days counted, in order */
  counted: z.array(day),
  /** years the computation crossed that have no national calendar yet (weekends only there) */
  missingYears: z.array(z.number().int()),
});
export type WorkingDaysResult = z.infer<typeof workingDaysResultSchema>;
