import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarDaySchema,
  calendarYearQuerySchema,
  calendarYearSchema,
  deleteCalendarDaySchema,
  errorEnvelopeSchema,
  okSchema,
  putCalendarDaySchema,
  workingDaysQuerySchema,
  workingDaysResultSchema,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext, requireActor } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';

const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema };

/** The working-day calendar: read by everyone signed in, kept by admins. */
export function calendarRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { calendar } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get(
      '/calendar/years/:year',
      { schema: { tags: ['calendar'], summary: "A year's statutory holidays and make-up working days (national, or a city's over the national)", params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), querystring: calendarYearQuerySchema, response: { 200: calendarYearSchema, ...errors } } },
      async (req) => {
        requireActor(req);
        return calendar.year(req.params.year, req.query.city ?? null);
      },
    );
    app.put('/calendar/days', { schema: { tags: ['calendar'], summary: 'Set a day: a holiday or a make-up working day (national when city is null)', body: putCalendarDaySchema, response: { 200: calendarDaySchema, ...errors } } }, async (req) =>
      calendar.putDay(await accessFor(db, req), auditContext(req), req.body),
    );
    app.delete('/calendar/days', { schema: { tags: ['calendar'], summary: "Remove a day's entry", querystring: deleteCalendarDaySchema, response: { 200: okSchema, ...errors } } }, async (req) => {
      await calendar.deleteDay(await accessFor(db, req), auditContext(req), { date: req.query.date, city: req.query.city ?? null });
      return { ok: true as const };
    });
    app.get('/calendar/working-days', { schema: { tags: ['calendar'], summary: 'The date N working days after a date, in a city\'s calendar', querystring: workingDaysQuerySchema, response: { 200: workingDaysResultSchema, ...errors } } }, async (req) => {
      requireActor(req);
      return calendar.addWorkingDays(db, { from: req.query.from, days: req.query.days, city: req.query.city ?? null });
    });
  };
}
