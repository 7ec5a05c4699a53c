import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountLookupQuerySchema, accountLookupSchema, createdSchema, createGrantSchema, grantListSchema, idParamSchema, okSchema, errorResponses} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from './access.http.ts';


/** Role grants and the account lookup for granting (sys_admin, group_hr). */
export function accessRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { grants } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/access/accounts', { schema: { tags: ['access'], summary: 'Find accounts by username or name, to grant roles to (sys_admin, group_hr)', querystring: accountLookupQuerySchema, response: { 200: accountLookupSchema, ...errorResponses } } }, async (req) => ({
      items: await grants.findAccounts(await accessFor(db, req), req.query.q, req.query.limit),
    }));
    app.get('/access/grants', { schema: { tags: ['access'], summary: 'Role grants with their scopes (sys_admin, group_hr)', response: { 200: grantListSchema, ...errorResponses } } }, async (req) => ({
      items: await grants.list(await accessFor(db, req)),
    }));
    app.post('/access/grants', { schema: { tags: ['access'], summary: 'Grant a role over a unit subtree (null = whole group)', body: createGrantSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await grants.grant(await accessFor(db, req), auditContext(req), req.body);
      return reply.status(201).send({ id });
    });
    app.delete('/access/grants/:id', { schema: { tags: ['access'], summary: 'Revoke a grant', params: idParamSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await grants.revoke(await accessFor(db, req), auditContext(req), req.params.id);
      return { ok: true as const };
    });
  };
}
