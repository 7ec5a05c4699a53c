import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createUserRequestSchema,
  createUserResponseSchema,
  errorEnvelopeSchema,
  idParamSchema,
  pageQuerySchema,
  updateUserRequestSchema,
  userAccountPageSchema,
  userAccountSchema,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext, requireRole } from '../../http/session.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';

const isName = (v: unknown): v is string => typeof v === 'string';

/** Local accounts (sys_admin only). */
export function usersRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { users } = deps.services;
  return async (app) => {
    app.get(
      '/admin/users',
      { schema: { tags: ['admin'], summary: 'Local accounts, by username', querystring: pageQuerySchema, response: { 200: userAccountPageSchema, 403: errorEnvelopeSchema } } },
      async (req) => {
        requireRole(req, 'sys_admin');
        const rows = await users.list({ limit: req.query.limit + 1, after: decodeCursor(req.query.cursor, isName) });
        return toPage(rows, req.query.limit, (last) => last.username.toLowerCase());
      },
    );
    app.post(
      '/admin/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create a local account; without a password a one-time one is returned once',
          body: createUserRequestSchema,
          response: { 201: createUserResponseSchema, 400: errorEnvelopeSchema, 403: errorEnvelopeSchema, 409: errorEnvelopeSchema },
        },
      },
      async (req, reply) => {
        requireRole(req, 'sys_admin');
        const created = await users.create(auditContext(req), req.body);
        void deps.kickDelivery();
        return reply.status(201).send(created);
      },
    );
    app.patch(
      '/admin/users/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Rename, change roles, disable or enable an account',
          params: idParamSchema,
          body: updateUserRequestSchema,
          response: { 200: userAccountSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema },
        },
      },
      async (req) => {
        requireRole(req, 'sys_admin');
        return users.update(auditContext(req), req.params.id, req.body);
      },
    );
  };
}
