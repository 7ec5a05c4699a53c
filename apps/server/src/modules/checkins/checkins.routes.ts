import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  cancelCheckinSchema,
  checkinCommentSchema,
  checkinListSchema,
  checkinSchema,
  createCheckinSchema,
  createdSchema,
  idParamSchema,
  okSchema,
  overdueCheckinsSchema,
  recordMinutesSchema,
  rescheduleCheckinSchema,
  upcomingCheckinsSchema,
  upcomingQuerySchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';

const tags = ['checkins'];

/** Check-ins of running plans: the schedule, ad hoc meetings, minutes and the employee's confirmation. */
export function checkinRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { meetings, minutes } = deps.services.checkins;
  const { db } = deps.database;
  const sent = () => void deps.kickDelivery();
  return async (app) => {
    app.get('/pips/:id/checkins', { schema: { tags, summary: "A plan's check-ins in time order, with an overdue flag on late minutes", params: idParamSchema, response: { 200: checkinListSchema, ...errorResponses } } }, async (req) => ({ items: await meetings.list(await accessFor(db, req), req.params.id) }));
    app.post('/pips/:id/checkins', { schema: { tags, summary: 'Add an ad hoc check-in (manager or HR, plan in progress); without a time it is now', params: idParamSchema, body: createCheckinSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await meetings.addAdHoc(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      // the new meeting's WeCom schedule goes out with the deliveries
      sent();
      return reply.status(201).send({ id });
    });
    app.get('/checkins/overdue', { schema: { tags, summary: 'Check-ins whose minutes are overdue: my plans as HRBP and those in my HR scope', response: { 200: overdueCheckinsSchema, ...errorResponses } } }, async (req) => ({ items: await meetings.overdue(await accessFor(db, req)) }));
    app.get('/checkins/upcoming', { schema: { tags, summary: "The caller's coming check-ins as a participant (next N days, default 14)", querystring: upcomingQuerySchema, response: { 200: upcomingCheckinsSchema, ...errorResponses } } }, async (req) => ({ items: await meetings.upcoming(await accessFor(db, req), req.query.days) }));
    app.get('/checkins/:id', { schema: { tags, summary: 'One check-in', params: idParamSchema, response: { 200: checkinSchema, ...errorResponses } } }, async (req) => meetings.one(await accessFor(db, req), req.params.id));
    app.post('/checkins/:id/reschedule', { schema: { tags, summary: 'Move a scheduled check-in (manager or HR; reason); its reminder re-arms', params: idParamSchema, body: rescheduleCheckinSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await meetings.reschedule(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      sent();
      return { ok: true as const };
    });
    app.post('/checkins/:id/cancel', { schema: { tags, summary: 'Cancel a scheduled check-in (manager or HR; reason)', params: idParamSchema, body: cancelCheckinSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await meetings.cancel(await accessFor(db, req), auditContext(req), req.params.id, req.body.reason);
      sent();
      return { ok: true as const };
    });
    app.put('/checkins/:id/minutes', { schema: { tags, summary: 'The manager records the minutes and progress per goal; the employee is asked to confirm', params: idParamSchema, body: recordMinutesSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await minutes.recordMinutes(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      sent();
      return { ok: true as const };
    });
    app.post('/checkins/:id/comments', { schema: { tags, summary: "The employee's own comment on the minutes", params: idParamSchema, body: checkinCommentSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await minutes.comment(await accessFor(db, req), auditContext(req), req.params.id, req.body.body);
      return reply.status(201).send({ id });
    });
    app.post('/checkins/:id/confirm', { schema: { tags, summary: 'The employee confirms the minutes: their attendance record', params: idParamSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await minutes.confirm(await accessFor(db, req), auditContext(req), req.params.id);
      return { ok: true as const };
    });
  };
}
