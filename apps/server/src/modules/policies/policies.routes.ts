import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamSchema,
  ownerParamSchema,
  policyDiffSchema,
  policyOwnersSchema,
  policyVersionSchema,
  publishPolicySchema,
  returnPolicySchema,
  saveAdoptionSchema,
  savePolicyVersionSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';


/** Policy owners and versions: draft, adoption record, review, publication, diff. */
export function policiesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { policies } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/policies', { schema: { tags: ['policies'], summary: 'Policy owners (group, subsidiaries) the caller may read, with their versions', response: { 200: policyOwnersSchema, ...errorResponses } } }, async (req) => ({
      items: await policies.owners(await accessFor(db, req)),
    }));
    app.post('/policies/:ownerId/versions', { schema: { tags: ['policies'], summary: 'Start a new draft version (one open draft per owner)', params: ownerParamSchema, body: savePolicyVersionSchema, response: { 201: policyVersionSchema, ...errorResponses } } }, async (req, reply) =>
      reply.status(201).send(await policies.create(await accessFor(db, req), auditContext(req), req.params.ownerId, req.body)),
    );
    app.get('/policy-versions/:id', { schema: { tags: ['policies'], summary: 'One version with its adoption record and attachments', params: idParamSchema, response: { 200: policyVersionSchema, ...errorResponses } } }, async (req) =>
      policies.get(await accessFor(db, req), req.params.id),
    );
    app.put('/policy-versions/:id', { schema: { tags: ['policies'], summary: 'Change a draft (a subsidiary may only narrow the group policy)', params: idParamSchema, body: savePolicyVersionSchema, response: { 200: policyVersionSchema, ...errorResponses } } }, async (req) =>
      policies.update(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );
    app.put('/policy-versions/:id/adoption', { schema: { tags: ['policies'], summary: 'Record the democratic procedure (evidence files: POST /files with ownerType policy_version)', params: idParamSchema, body: saveAdoptionSchema, response: { 200: policyVersionSchema, ...errorResponses } } }, async (req) =>
      policies.saveAdoption(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );
    app.post('/policy-versions/:id/submit', { schema: { tags: ['policies'], summary: 'Submit a draft for review (its content is fixed)', params: idParamSchema, response: { 200: policyVersionSchema, ...errorResponses } } }, async (req) =>
      policies.submit(await accessFor(db, req), auditContext(req), req.params.id),
    );
    app.post('/policy-versions/:id/return', { schema: { tags: ['policies'], summary: 'Send a version in review back to draft with a note', params: idParamSchema, body: returnPolicySchema, response: { 200: policyVersionSchema, ...errorResponses } } }, async (req) =>
      policies.sendBack(await accessFor(db, req), auditContext(req), req.params.id, req.body.note),
    );
    app.post('/policy-versions/:id/publish', { schema: { tags: ['policies'], summary: 'Approve and publish: scheduled for a future date, else in force at once (everyone in scope is notified)', params: idParamSchema, body: publishPolicySchema, response: { 200: policyVersionSchema, ...errorResponses } } }, async (req) => {
      const out = await policies.publish(await accessFor(db, req), auditContext(req), req.params.id, req.body.effectiveFrom);
      void deps.kickDelivery();
      return out;
    });
    app.get('/policy-versions/:id/diff', { schema: { tags: ['policies'], summary: 'What changed since the previous published version (text by line, settings by field)', params: idParamSchema, response: { 200: policyDiffSchema, ...errorResponses } } }, async (req) =>
      policies.diff(await accessFor(db, req), req.params.id),
    );
  };
}
