import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeOutcomeSchema,
  createdSchema,
  idParamSchema,
  okSchema,
  openReassessmentSchema,
  outcomeAckContentSchema,
  pipFollowUpViewSchema,
  proposeOutcomeSchema,
  refusePipSchema,
  returnOutcomeSchema,
  saveRoleAdjustmentSchema,
  saveTrainingSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext, requestMeta } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';

const tags = ['outcomes'];
const outcomeParams = z.object({ id: z.uuid(), outcomeId: z.uuid() });
const trainingParams = z.object({ id: z.uuid(), trainingId: z.uuid() });
const adjustmentParams = z.object({ id: z.uuid(), adjustmentId: z.uuid() });

/** Outcomes of the final review (propose, confirm or return, the employee's receipt) and the follow-up of plans not passed. */
export function outcomeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { outcomes, followUp } = deps.services.outcomes;
  const { db } = deps.database;
  const sent = () => void deps.kickDelivery();
  const meta = (req: Parameters<typeof requestMeta>[0]) => {
    const m = requestMeta(req);
    return { ip: m.ip, userAgent: m.userAgent };
  };
  return async (app) => {
    app.get('/pips/:id/outcomes', { schema: { tags, summary: "A plan's outcomes of every round, trainings and role adjustments", params: idParamSchema, response: { 200: pipFollowUpViewSchema, ...errorResponses } } }, async (req) => outcomes.view(await accessFor(db, req), req.params.id));
    app.post('/pips/:id/outcome', { schema: { tags, summary: 'Propose the outcome of the final review (manager or HR), after the manager’s final evaluation', params: idParamSchema, body: proposeOutcomeSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await outcomes.propose(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      sent();
      return reply.status(201).send({ id });
    });
    app.post('/pips/:id/outcome/:outcomeId/confirm', { schema: { tags, summary: 'Confirm a proposed outcome (HRBP or HR, not the proposer): an extension pauses for re-acknowledgment, others go to the employee', params: outcomeParams, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await outcomes.confirm(await accessFor(db, req), auditContext(req), req.params.id, req.params.outcomeId);
      sent();
      return { ok: true as const };
    });
    app.post('/pips/:id/outcome/:outcomeId/return', { schema: { tags, summary: 'Return a proposed outcome with a comment (HRBP or HR, not the proposer)', params: outcomeParams, body: returnOutcomeSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await outcomes.returnProposal(await accessFor(db, req), auditContext(req), req.params.id, req.params.outcomeId, req.body.comment);
      sent();
      return { ok: true as const };
    });
    app.get('/pips/:id/outcome/receipt', { schema: { tags, summary: 'What the employee is shown for the confirmed outcome, with its SHA-256', params: idParamSchema, response: { 200: outcomeAckContentSchema, ...errorResponses } } }, async (req) => outcomes.receipt(await accessFor(db, req), req.params.id));
    app.post('/pips/:id/outcome/acknowledge', { schema: { tags, summary: 'The employee acknowledges the outcome shown (its SHA-256); not passed moves to follow-up', params: idParamSchema, body: acknowledgeOutcomeSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await outcomes.acknowledge(await accessFor(db, req), auditContext(req), meta(req), req.params.id, { refusal: false, ...req.body });
      sent();
      return { ok: true as const };
    });
    app.post('/pips/:id/outcome/refusal', { schema: { tags, summary: 'HR records the employee’s refusal to sign the outcome, with a witness', params: idParamSchema, body: refusePipSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await outcomes.acknowledge(await accessFor(db, req), auditContext(req), meta(req), req.params.id, { refusal: true, witnessEmployeeId: req.body.witnessEmployeeId, note: req.body.note });
      sent();
      return { ok: true as const };
    });
    app.post('/pips/:id/trainings', { schema: { tags, summary: 'Add a training aimed at a gap of the locked goals (follow-up; manager, HRBP or HR)', params: idParamSchema, body: saveTrainingSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await followUp.addTraining(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      sent();
      return reply.status(201).send({ id });
    });
    app.put('/pips/:id/trainings/:trainingId', { schema: { tags, summary: 'Correct a training or record its attendance', params: trainingParams, body: saveTrainingSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await followUp.updateTraining(await accessFor(db, req), auditContext(req), req.params.id, req.params.trainingId, req.body);
      return { ok: true as const };
    });
    app.post('/pips/:id/role-adjustments', { schema: { tags, summary: 'Adjust the position (follow-up; HRBP or HR): the employee record moves, the employee signs the notice', params: idParamSchema, body: saveRoleAdjustmentSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await followUp.addRoleAdjustment(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      sent();
      return reply.status(201).send({ id });
    });
    app.post('/pips/:id/role-adjustments/:adjustmentId/acknowledge', { schema: { tags, summary: 'The employee signs the role adjustment notice shown (its SHA-256)', params: adjustmentParams, body: acknowledgeOutcomeSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await followUp.signRoleAdjustment(await accessFor(db, req), auditContext(req), meta(req), req.params.id, req.params.adjustmentId, { refusal: false, ...req.body });
      return { ok: true as const };
    });
    app.post('/pips/:id/role-adjustments/:adjustmentId/refusal', { schema: { tags, summary: 'HR records the employee’s refusal to sign the notice, with a witness', params: adjustmentParams, body: refusePipSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await followUp.signRoleAdjustment(await accessFor(db, req), auditContext(req), meta(req), req.params.id, req.params.adjustmentId, { refusal: true, witnessEmployeeId: req.body.witnessEmployeeId, note: req.body.note });
      return { ok: true as const };
    });
    app.post('/pips/:id/reassessments', { schema: { tags, summary: 'Arrange a re-assessment on the same locked goals (after training or a role adjustment)', params: idParamSchema, body: openReassessmentSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await followUp.openReassessment(await accessFor(db, req), auditContext(req), req.params.id, req.body.opensOn);
      sent();
      return reply.status(201).send({ id });
    });
  };
}
