import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdSchema,
  createProtectedSituationSchema,
  decideTerminationSchema,
  endProtectedSituationSchema,
  guardReportSchema,
  idParamSchema,
  noticeModes,
  proposeTerminationSchema,
  protectedRecordSchema,
  setRetirementSchema,
  terminationReviewListSchema,
  terminationReviewSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';

const tags = ['compliance'];

/** 第四十二条 records (HR only) and the termination review with its compliance guard. */
export function complianceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { protectedRecords, terminations } = deps.services.compliance;
  const { db } = deps.database;
  return async (app) => {
    app.get('/people/:id/protected-situations', { schema: { tags, summary: "An employee's 第四十二条 situations and statutory retirement date (HR in scope; the view is audited)", params: idParamSchema, response: { 200: protectedRecordSchema, ...errorResponses } } }, async (req) =>
      protectedRecords.read(await accessFor(db, req), auditContext(req), req.params.id),
    );
    app.post('/people/:id/protected-situations', { schema: { tags, summary: 'Record a 第四十二条 situation (encrypted at rest)', params: idParamSchema, body: createProtectedSituationSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) =>
      reply.status(201).send({ id: await protectedRecords.add(await accessFor(db, req), auditContext(req), req.params.id, req.body) }),
    );
    app.post('/people/:id/protected-situations/:situationId/end', { schema: { tags, summary: 'End a situation: its end date is set, nothing is deleted', params: z.object({ id: z.uuid(), situationId: z.uuid() }), body: endProtectedSituationSchema, response: { 200: protectedRecordSchema, ...errorResponses } } }, async (req) =>
      protectedRecords.end(await accessFor(db, req), auditContext(req), req.params.id, req.params.situationId, req.body.to),
    );
    app.put('/people/:id/retirement', { schema: { tags, summary: 'Enter the statutory retirement date, or compute it under the 2025 reform', params: idParamSchema, body: setRetirementSchema, response: { 200: protectedRecordSchema, ...errorResponses } } }, async (req) =>
      protectedRecords.setRetirement(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );
    app.get('/pips/:id/guard', { schema: { tags, summary: 'The compliance guard now: each condition met or unmet with its evidence (HR in scope or the plan’s HRBP)', params: idParamSchema, querystring: z.object({ noticeMode: z.enum(noticeModes).optional(), noticeOn: z.iso.date().optional() }), response: { 200: guardReportSchema, ...errorResponses } } }, async (req) =>
      terminations.guard(await accessFor(db, req), req.params.id, req.query),
    );
    app.post('/pips/:id/termination-review', { schema: { tags, summary: 'Propose a termination review of a plan in follow-up: each unmet condition needs a named override', params: idParamSchema, body: proposeTerminationSchema, response: { 201: terminationReviewSchema, ...errorResponses } } }, async (req, reply) =>
      reply.status(201).send(await terminations.propose(await accessFor(db, req), auditContext(req), req.params.id, req.body)),
    );
    app.post('/pips/:id/termination-review/:reviewId/decide', { schema: { tags, summary: 'Approve or reject a termination review (HR in scope, not the proposer)', params: z.object({ id: z.uuid(), reviewId: z.uuid() }), body: decideTerminationSchema, response: { 200: terminationReviewSchema, ...errorResponses } } }, async (req) =>
      terminations.decide(await accessFor(db, req), auditContext(req), req.params.id, req.params.reviewId, req.body),
    );
    app.get('/pips/:id/termination-reviews', { schema: { tags, summary: "A plan's termination reviews with guard reports, overrides, notice and compensation", params: idParamSchema, response: { 200: terminationReviewListSchema, ...errorResponses } } }, async (req) => ({
      items: await terminations.list(await accessFor(db, req), req.params.id),
    }));
  };
}
