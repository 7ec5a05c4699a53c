import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ackPeoplePageSchema,
  ackPeopleQuerySchema,
  ackSummarySchema,
  answerQuestionSchema,
  askQuestionSchema,
  confirmPolicySchema,
  idParamSchema,
  myPoliciesSchema,
  myPolicySchema,
  okSchema,
  ownerParamSchema,
  policyQuestionSchema,
  policyQuestionsSchema,
  publishQuestionSchema,
  recordRefusalSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext, requestMeta } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reading and confirming policies, the acknowledgment report, and Q&A. */
export function policyAcksRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { policyAcks, policyQuestions } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/my/policies', { schema: { tags: ['policies'], summary: 'The policies in force for the caller, with their confirm state', response: { 200: myPoliciesSchema, ...errorResponses } } }, async (req) => ({
      items: await policyAcks.mine(await accessFor(db, req)),
    }));
    app.post('/policy-versions/:id/confirm', { schema: { tags: ['policies'], summary: 'Confirm having read the version (with the SHA-256 of the document shown)', params: idParamSchema, body: confirmPolicySchema, response: { 200: myPolicySchema, ...errorResponses } } }, async (req) =>
      policyAcks.confirm(await accessFor(db, req), auditContext(req), requestMeta(req), req.params.id, req.body),
    );
    app.post('/policy-versions/:id/refusals', { schema: { tags: ['policies'], summary: 'Record a refusal to confirm, with a witness (HR)', params: idParamSchema, body: recordRefusalSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await policyAcks.refuse(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      return { ok: true as const };
    });
    app.get('/policy-versions/:id/acknowledgments/summary', { schema: { tags: ['policies'], summary: 'Confirmed / refused / pending per unit (within the caller’s scope)', params: idParamSchema, response: { 200: ackSummarySchema, ...errorResponses } } }, async (req) =>
      policyAcks.summary(await accessFor(db, req), req.params.id),
    );
    app.get('/policy-versions/:id/acknowledgments', { schema: { tags: ['policies'], summary: 'The people in scope with their state, paged', params: idParamSchema, querystring: ackPeopleQuerySchema, response: { 200: ackPeoplePageSchema, ...errorResponses } } }, async (req) =>
      policyAcks.people(await accessFor(db, req), req.params.id, req.query),
    );
    app.get(
      '/policy-versions/:id/acknowledgments/export',
      { schema: { tags: ['policies'], summary: 'The acknowledgment list as Excel (streamed)', params: idParamSchema, querystring: z.object({ lang: z.enum(['zh-CN', 'en-US']).default('zh-CN') }), response: { 200: z.any(), ...errorResponses } } },
      async (req, reply) => {
        const { stream, fileName } = await policyAcks.exportXlsx(await accessFor(db, req), req.params.id, req.query.lang);
        const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
        return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(stream);
      },
    );

    app.get('/policies/:ownerId/questions', { schema: { tags: ['policies'], summary: 'Questions: HR sees those of askers in scope (with the asker), others their own', params: ownerParamSchema, response: { 200: policyQuestionsSchema, ...errorResponses } } }, async (req) => ({
      items: await policyQuestions.list(await accessFor(db, req), req.params.ownerId),
    }));
    app.get('/policies/:ownerId/faq', { schema: { tags: ['policies'], summary: 'The published FAQ (never the asker)', params: ownerParamSchema, response: { 200: policyQuestionsSchema, ...errorResponses } } }, async (req) => ({
      items: await policyQuestions.faq(await accessFor(db, req), req.params.ownerId),
    }));
    app.post('/policies/:ownerId/questions', { schema: { tags: ['policies'], summary: 'Ask a question about a policy in force for the caller', params: ownerParamSchema, body: askQuestionSchema, response: { 201: policyQuestionSchema, ...errorResponses } } }, async (req, reply) => {
      const out = await policyQuestions.ask(await accessFor(db, req), auditContext(req), req.params.ownerId, req.body.question);
      void deps.kickDelivery();
      return reply.status(201).send(out);
    });
    app.post('/policy-questions/:id/answer', { schema: { tags: ['policies'], summary: 'Answer a question (HR whose scope holds the asker), optionally publishing it to the FAQ', params: idParamSchema, body: answerQuestionSchema, response: { 200: policyQuestionSchema, ...errorResponses } } }, async (req) => {
      const out = await policyQuestions.answer(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      void deps.kickDelivery();
      return out;
    });
    app.post('/policy-questions/:id/faq', { schema: { tags: ['policies'], summary: 'Publish an answered question to the FAQ, or take it down', params: idParamSchema, body: publishQuestionSchema, response: { 200: policyQuestionSchema, ...errorResponses } } }, async (req) =>
      policyQuestions.answer(await accessFor(db, req), auditContext(req), req.params.id, { publish: req.body.published }),
    );
  };
}
