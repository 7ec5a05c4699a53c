import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createOrgUnitSchema, errorEnvelopeSchema, idParamSchema, moveOrgUnitSchema, okSchema, orgTreeSchema, orgUnitSchema, updateOrgUnitSchema, errorResponses} from '@uplift/contract';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';


/** The organisation tree: visible to everyone signed in (head counts only within aggregate scope); changes by group HR and HR heads. */
export function orgRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { org } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/org/tree', { schema: { tags: ['org'], summary: 'The whole tree with head counts', response: { 200: orgTreeSchema, 401: errorEnvelopeSchema } } }, async (req) => ({
      items: await org.tree(await accessFor(db, req)),
    }));
    app.get('/org/units/:id', { schema: { tags: ['org'], summary: 'One unit with leader, HR head, HRBPs and its path', params: idParamSchema, response: { 200: orgUnitSchema, ...errorResponses } } }, async (req) =>
      org.detail(await accessFor(db, req), req.params.id),
    );
    app.post('/org/units', { schema: { tags: ['org'], summary: 'Create a unit under a parent', body: createOrgUnitSchema, response: { 201: z.object({ id: z.uuid() }), ...errorResponses } } }, async (req, reply) => {
      const id = await org.create(await accessFor(db, req), auditContext(req), req.body);
      return reply.status(201).send({ id });
    });
    app.patch('/org/units/:id', { schema: { tags: ['org'], summary: 'Rename or change a unit (leader, HR head, city, legal employer data)', params: idParamSchema, body: updateOrgUnitSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await org.update(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      return { ok: true as const };
    });
    app.post('/org/units/:id/move', { schema: { tags: ['org'], summary: 'Move a unit (no cycles)', params: idParamSchema, body: moveOrgUnitSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await org.move(await accessFor(db, req), auditContext(req), req.params.id, req.body.parentId);
      return { ok: true as const };
    });
    app.post('/org/units/:id/deactivate', { schema: { tags: ['org'], summary: 'Deactivate an empty unit', params: idParamSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await org.deactivate(await accessFor(db, req), auditContext(req), req.params.id);
      return { ok: true as const };
    });
  };
}
