import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgePipSchema,
  answerAppealSchema,
  createdSchema,
  createPipDelegationSchema,
  createPipSchema,
  delegateStepSchema,
  idParamSchema,
  okSchema,
  pipAckContentSchema,
  pipActionBodySchema,
  pipAppealBodySchema,
  pipCommentBodySchema,
  pipDelegationQuerySchema,
  delegateQuerySchema,
  delegateCandidatesSchema,
  pipDelegationsSchema,
  pipPageSchema,
  pipQuerySchema,
  pipSchema,
  pipSummarySchema,
  pipTimelineSchema,
  pipTodosSchema,
  refusePipSchema,
  savePipGoalsSchema,
  updatePipSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext, requestMeta } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';
import { genericActions } from './pip.service.ts';

const tags = ['pip'];

/** PIP plans: initiation, the plan page, transitions, approvals, goals, acknowledgment, feedback and appeals. */
export function pipRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { plans, goals, view, lifecycle, away } = deps.services.pip;
  const { db } = deps.database;
  const sent = () => void deps.kickDelivery();
  return async (app) => {
    app.get('/pips', { schema: { tags, summary: 'Plans the caller may see (mine, my team, or all in scope)', querystring: pipQuerySchema, response: { 200: pipPageSchema, ...errorResponses } } }, async (req) => view.list(await accessFor(db, req), req.query));
    app.get('/pips/todos', { schema: { tags, summary: 'What waits on the caller, with its age', response: { 200: pipTodosSchema, ...errorResponses } } }, async (req) => ({ items: await view.todos(await accessFor(db, req)) }));
    app.get('/pips/delegations', { schema: { tags, summary: 'Out-of-office delegations: mine (away, delegate, set by me) or, with view=all, also those in my HR scope', querystring: pipDelegationQuerySchema, response: { 200: pipDelegationsSchema, ...errorResponses } } }, async (req) => ({
      items: await away.list(await accessFor(db, req), req.query.view),
    }));
    app.get('/pips/delegates', { schema: { tags, summary: 'Who may take over my approvals (转交, 外出代理): active colleagues with an account in my company, and people I may see', querystring: delegateQuerySchema, response: { 200: delegateCandidatesSchema, ...errorResponses } } }, async (req) => ({
      items: await away.delegates(await accessFor(db, req), req.query),
    }));
    app.post('/pips/delegations', { schema: { tags, summary: 'Set an out-of-office delegation (own, or HR for someone in scope); steps pending while away go to the delegate', body: createPipDelegationSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await away.create(await accessFor(db, req), auditContext(req), req.body);
      sent();
      return reply.status(201).send({ id });
    });
    app.delete('/pips/delegations/:id', { schema: { tags, summary: 'Revoke an out-of-office delegation (steps already delegated stay delegated)', params: idParamSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await away.revoke(await accessFor(db, req), auditContext(req), req.params.id);
      return { ok: true as const };
    });
    app.post('/pips', { schema: { tags, summary: 'Start a draft plan (manual reason from the policy, or from a candidate)', body: createPipSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) =>
      reply.status(201).send({ id: await plans.create(await accessFor(db, req), auditContext(req), req.body) }),
    );
    app.get('/pips/:id', { schema: { tags, summary: 'One plan with its chain, goals, acknowledgments and the actions the caller may take', params: idParamSchema, response: { 200: pipSchema, ...errorResponses } } }, async (req) => view.get(await accessFor(db, req), req.params.id));
    app.patch('/pips/:id', { schema: { tags, summary: 'Edit a draft', params: idParamSchema, body: updatePipSchema, response: { 200: pipSchema, ...errorResponses } } }, async (req) => {
      const access = await accessFor(db, req);
      await plans.update(access, auditContext(req), req.params.id, req.body);
      return view.get(access, req.params.id);
    });
    app.post(
      '/pips/:id/actions/:action',
      { schema: { tags, summary: 'Take a transition (submit, withdraw, approve, reject, pause, resume, begin_final_review, close, archive, cancel)', params: z.object({ id: z.uuid(), action: z.enum(genericActions) }), body: pipActionBodySchema, response: { 200: pipSchema, ...errorResponses } } },
      async (req) => {
        const access = await accessFor(db, req);
        await plans.act(access, auditContext(req), req.params.id, req.params.action, req.body);
        sent();
        return view.get(access, req.params.id);
      },
    );
    app.post('/pips/:id/approvals/:stepId/delegate', { schema: { tags, summary: 'Delegate a pending approval step to someone else', params: z.object({ id: z.uuid(), stepId: z.uuid() }), body: delegateStepSchema, response: { 200: pipSchema, ...errorResponses } } }, async (req) => {
      const access = await accessFor(db, req);
      await lifecycle.delegate(access, auditContext(req), req.params.id, req.params.stepId, req.body.delegateId);
      sent();
      return view.get(access, req.params.id);
    });
    app.put('/pips/:id/goals', { schema: { tags, summary: 'Save the goals (employee drafts; the manager finalises; an amendment after acknowledgment pauses the plan)', params: idParamSchema, body: savePipGoalsSchema, response: { 200: pipSchema, ...errorResponses } } }, async (req) => {
      const access = await accessFor(db, req);
      await goals.save(access, auditContext(req), req.params.id, req.body);
      sent();
      return view.get(access, req.params.id);
    });
    app.get('/pips/:id/acknowledgment', { schema: { tags, summary: 'Exactly what the employee is shown and signs, with its SHA-256', params: idParamSchema, response: { 200: pipAckContentSchema, ...errorResponses } } }, async (req) => goals.content(await accessFor(db, req), req.params.id));
    app.post('/pips/:id/acknowledge', { schema: { tags, summary: 'The employee acknowledges the content shown (version and hash)', params: idParamSchema, body: acknowledgePipSchema, response: { 200: pipSchema, ...errorResponses } } }, async (req) => {
      const access = await accessFor(db, req);
      const meta = requestMeta(req);
      await goals.acknowledge(access, auditContext(req), { ip: meta.ip, userAgent: meta.userAgent }, req.params.id, { refusal: false, ...req.body });
      sent();
      return view.get(access, req.params.id);
    });
    app.post('/pips/:id/refusal', { schema: { tags, summary: 'HR records a refusal to sign, with a witness', params: idParamSchema, body: refusePipSchema, response: { 200: pipSchema, ...errorResponses } } }, async (req) => {
      const access = await accessFor(db, req);
      const meta = requestMeta(req);
      await goals.acknowledge(access, auditContext(req), { ip: meta.ip, userAgent: meta.userAgent }, req.params.id, { refusal: true, witnessEmployeeId: req.body.witnessEmployeeId, note: req.body.note });
      sent();
      return view.get(access, req.params.id);
    });
    app.get('/pips/:id/timeline', { schema: { tags, summary: 'Events, comments and appeals of a plan', params: idParamSchema, response: { 200: pipTimelineSchema, ...errorResponses } } }, async (req) => lifecycle.timeline(await accessFor(db, req), req.params.id));
    app.post('/pips/:id/comments', { schema: { tags, summary: 'Comment on a plan (anyone it concerns)', params: idParamSchema, body: pipCommentBodySchema, response: { 201: createdSchema.partial(), ...errorResponses } } }, async (req, reply) => {
      await lifecycle.comment(await accessFor(db, req), auditContext(req), req.params.id, req.body.body);
      return reply.status(201).send({});
    });
    app.post('/pips/:id/appeals', { schema: { tags, summary: 'The employee appeals (to the HRBP, or the HR head when the HRBP initiated)', params: idParamSchema, body: pipAppealBodySchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await lifecycle.appeal(await accessFor(db, req), auditContext(req), req.params.id, req.body.body);
      sent();
      return reply.status(201).send({ id });
    });
    app.post('/pips/:id/appeals/:appealId/answer', { schema: { tags, summary: 'Answer an appeal in writing', params: z.object({ id: z.uuid(), appealId: z.uuid() }), body: answerAppealSchema, response: { 200: pipTimelineSchema, ...errorResponses } } }, async (req) => {
      const access = await accessFor(db, req);
      await lifecycle.answerAppeal(access, auditContext(req), req.params.id, req.params.appealId, req.body);
      sent();
      return lifecycle.timeline(access, req.params.id);
    });
    app.get('/people/:id/pips', { schema: { tags, summary: "An employee's plans, for their performance file (only those the caller may see)", params: idParamSchema, response: { 200: z.object({ items: z.array(pipSummarySchema) }), ...errorResponses } } }, async (req) => ({
      items: await view.ofEmployee(await accessFor(db, req), req.params.id),
    }));
  };
}
