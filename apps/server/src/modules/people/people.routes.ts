import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changeEmployeeResponseSchema,
  changeEmployeeSchema,
  createdSchema,
  createEmployeeSchema,
  employeeDetailSchema,
  idParamSchema,
  issuedAccountSchema,
  openWorkSchema,
  peoplePageSchema,
  peopleQuerySchema,
  provisionRequestSchema,
  provisionResponseSchema,
  reassignReportsRequestSchema,
  reassignReportsResponseSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';


/** People, scoped in SQL to the caller, and their sign-in accounts. */
export function peopleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { people, accounts } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/people', { schema: { tags: ['people'], summary: 'People the caller may see, filtered, keyset-paginated, with the total', querystring: peopleQuerySchema, response: { 200: peoplePageSchema, ...errorResponses } } }, async (req) =>
      people.list(await accessFor(db, req), req.query),
    );
    app.get('/people/:id', { schema: { tags: ['people'], summary: 'One person with history and contract; sensitive fields masked unless HR in scope (audited)', params: idParamSchema, response: { 200: employeeDetailSchema, ...errorResponses } } }, async (req) =>
      people.detail(await accessFor(db, req), auditContext(req), req.params.id),
    );
    app.post('/people', { schema: { tags: ['people'], summary: 'Hire: create a person (HR in scope)', body: createEmployeeSchema, response: { 201: createdSchema, ...errorResponses } } }, async (req, reply) => {
      const id = await people.create(await accessFor(db, req), auditContext(req), req.body);
      return reply.status(201).send({ id });
    });
    app.post('/people/:id/changes', { schema: { tags: ['people'], summary: 'A job change (unit, manager, position, grade, status) effective on a date; leaving ends sessions', params: idParamSchema, body: changeEmployeeSchema, response: { 200: changeEmployeeResponseSchema, ...errorResponses } } }, async (req) =>
      people.change(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );
    app.get('/people/:id/handover', { schema: { tags: ['people'], summary: 'Open work to hand over (reports, units led, HRBP duties)', params: idParamSchema, response: { 200: openWorkSchema, ...errorResponses } } }, async (req) =>
      people.handover(await accessFor(db, req), req.params.id),
    );
    app.post('/people/:id/handover/reports', { schema: { tags: ['people'], summary: 'Move all reports to a new manager', params: idParamSchema, body: reassignReportsRequestSchema, response: { 200: reassignReportsResponseSchema, ...errorResponses } } }, async (req) =>
      people.reassignReports(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );

    app.post('/people/accounts', { schema: { tags: ['people'], summary: 'Provision sign-in accounts for people (HR in scope); one-time passwords are returned once', body: provisionRequestSchema, response: { 200: provisionResponseSchema, ...errorResponses } } }, async (req) =>
      accounts.provision(await accessFor(db, req), auditContext(req), req.body.employeeIds),
    );
    app.post('/people/:id/account/reset', { schema: { tags: ['people'], summary: 'Reset a person’s password to a one-time one (HR in scope); their sessions end', params: idParamSchema, response: { 200: issuedAccountSchema, ...errorResponses } } }, async (req) =>
      accounts.reset(await accessFor(db, req), auditContext(req), req.params.id),
    );
  };
}
