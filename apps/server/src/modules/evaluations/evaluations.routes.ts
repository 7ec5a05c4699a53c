import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  evaluationListSchema,
  evaluationSchema,
  idParamSchema,
  okSchema,
  overdueEvaluationsSchema,
  submitHrbpCommentSchema,
  submitManagerEvaluationSchema,
  submitSelfAssessmentSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';

const tags = ['evaluations'];

/** Evaluations of plans: the list per plan, each part written once, the HRBP's overdue list. */
export function evaluationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { evaluations } = deps.services.checkins;
  const { db } = deps.database;
  const sent = () => void deps.kickDelivery();
  return async (app) => {
    app.get('/pips/:id/evaluations', { schema: { tags, summary: "A plan's evaluations at its snapshot's points, with the parts in and missing", params: idParamSchema, response: { 200: evaluationListSchema, ...errorResponses } } }, async (req) => ({ items: await evaluations.list(await accessFor(db, req), req.params.id) }));
    app.get('/evaluations/overdue', { schema: { tags, summary: 'Open evaluations past their due date: my plans as HRBP and those in my HR scope', response: { 200: overdueEvaluationsSchema, ...errorResponses } } }, async (req) => ({ items: await evaluations.overdue(await accessFor(db, req)) }));
    app.get('/evaluations/:id', { schema: { tags, summary: 'One evaluation', params: idParamSchema, response: { 200: evaluationSchema, ...errorResponses } } }, async (req) => evaluations.one(await accessFor(db, req), req.params.id));
    app.put('/evaluations/:id/manager', { schema: { tags, summary: "The manager's rating of every locked goal (with progress %) and overall; once", params: idParamSchema, body: submitManagerEvaluationSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await evaluations.submitManager(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      sent();
      return { ok: true as const };
    });
    app.put('/evaluations/:id/self', { schema: { tags, summary: "The employee's self-assessment of every goal; once", params: idParamSchema, body: submitSelfAssessmentSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await evaluations.submitSelf(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      sent();
      return { ok: true as const };
    });
    app.put('/evaluations/:id/hrbp', { schema: { tags, summary: "The HRBP's (or HR's) comment, after the manager's rating; once", params: idParamSchema, body: submitHrbpCommentSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await evaluations.submitHrbp(await accessFor(db, req), auditContext(req), req.params.id, req.body.comment);
      sent();
      return { ok: true as const };
    });
  };
}
