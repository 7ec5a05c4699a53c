import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignCandidateSchema,
  candidatePageSchema,
  candidateQuerySchema,
  candidateSchema,
  createCycleSchema,
  createdSchema,
  cycleSchema,
  cyclesSchema,
  cycleTypeSchema,
  dismissCandidateSchema,
  idParamSchema,
  performanceFileSchema,
  putResultSchema,
  resultSchema,
  rulePreviewSchema,
  ruleSchema,
  rulesSchema,
  saveRuleSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';


/** Cycles and results, the performance file, trigger rules and PIP candidates. */
export function performanceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { cycles, rules, candidates } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/performance/cycles', { schema: { tags: ['performance'], summary: 'Performance cycles, newest first', querystring: z.object({ type: cycleTypeSchema.optional() }), response: { 200: cyclesSchema, ...errorResponses } } }, async (req) => ({
      items: await cycles.list(await accessFor(db, req), req.query.type),
    }));
    app.post('/performance/cycles', { schema: { tags: ['performance'], summary: 'Create a cycle for the group or a subsidiary', body: createCycleSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await cycles.create(await accessFor(db, req), auditContext(req), req.body);
      return reply.status(201).send({ id });
    });
    app.post('/performance/cycles/:id/close', { schema: { tags: ['performance'], summary: 'Close a cycle: its results become final and the rules of its type are evaluated', params: idParamSchema, response: { 200: cycleSchema, ...errorResponses } } }, async (req) => {
      const out = await cycles.close(await accessFor(db, req), auditContext(req), req.params.id);
      void deps.kickDelivery();
      return out;
    });
    app.put(
      '/performance/results/:employeeId/:cycleId',
      { schema: { tags: ['performance'], summary: 'Enter a result, or correct one (with a reason; the previous values are kept)', params: z.object({ employeeId: z.uuid(), cycleId: z.uuid() }), body: putResultSchema, response: { 200: resultSchema, ...errorResponses } } },
      async (req) => {
        const out = await cycles.put(await accessFor(db, req), auditContext(req), req.params.employeeId, req.params.cycleId, req.body);
        void deps.kickDelivery();
        return out;
      },
    );
    app.get('/people/:id/performance', { schema: { tags: ['performance'], summary: "The employee's performance file (candidacies only for HR and the manager chain)", params: idParamSchema, response: { 200: performanceFileSchema, ...errorResponses } } }, async (req) =>
      cycles.file(await accessFor(db, req), req.params.id),
    );

    app.get('/performance/rules', { schema: { tags: ['performance'], summary: 'Trigger rules', response: { 200: rulesSchema, ...errorResponses } } }, async (req) => ({ items: await rules.list(await accessFor(db, req)) }));
    app.post('/performance/rules', { schema: { tags: ['performance'], summary: 'Create a rule (disabled until enabled)', body: saveRuleSchema, response: { 201: ruleSchema, ...errorResponses } } }, async (req, reply) =>
      reply.status(201).send(await rules.create(await accessFor(db, req), auditContext(req), req.body)),
    );
    app.put('/performance/rules/:id', { schema: { tags: ['performance'], summary: 'Change a rule (a new version)', params: idParamSchema, body: saveRuleSchema, response: { 200: ruleSchema, ...errorResponses } } }, async (req) =>
      rules.update(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );
    for (const [action, enabled] of [
      ['enable', true],
      ['disable', false],
    ] as const) {
      app.post(`/performance/rules/:id/${action}`, { schema: { tags: ['performance'], summary: enabled ? 'Enable a rule (evaluated at once)' : 'Disable a rule', params: idParamSchema, response: { 200: ruleSchema, ...errorResponses } } }, async (req) => {
        const access = await accessFor(db, req);
        await rules.setEnabled(access, auditContext(req), req.params.id, enabled);
        if (enabled) {
          await candidates.evaluate({ ruleIds: [req.params.id], ctx: auditContext(req) });
          void deps.kickDelivery();
        }
        return rules.get(access, req.params.id);
      });
    }
    app.post('/performance/rules/preview', { schema: { tags: ['performance'], summary: 'Who the rule would flag now, with evidence (nothing is written)', body: saveRuleSchema, response: { 200: rulePreviewSchema, ...errorResponses } } }, async (req) =>
      rules.preview(await accessFor(db, req), req.body),
    );

    app.get('/performance/candidates', { schema: { tags: ['performance'], summary: 'PIP candidates the caller may see (HR in scope, managers of the person)', querystring: candidateQuerySchema, response: { 200: candidatePageSchema, ...errorResponses } } }, async (req) =>
      candidates.list(await accessFor(db, req), req.query),
    );
    app.get('/performance/candidates/:id', { schema: { tags: ['performance'], summary: 'One candidate with its evidence', params: idParamSchema, response: { 200: candidateSchema, ...errorResponses } } }, async (req) =>
      candidates.detail(await accessFor(db, req), req.params.id),
    );
    app.post('/performance/candidates/:id/assign', { schema: { tags: ['performance'], summary: 'Assign a candidate to an HRBP', params: idParamSchema, body: assignCandidateSchema, response: { 200: candidateSchema, ...errorResponses } } }, async (req) => {
      const out = await candidates.assign(await accessFor(db, req), auditContext(req), req.params.id, req.body.hrbpId);
      void deps.kickDelivery();
      return out;
    });
    app.post('/performance/candidates/:id/dismiss', { schema: { tags: ['performance'], summary: 'Dismiss a candidate with a reason (optionally snoozed until the next cycle closes)', params: idParamSchema, body: dismissCandidateSchema, response: { 200: candidateSchema, ...errorResponses } } }, async (req) =>
      candidates.dismiss(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );
  };
}
