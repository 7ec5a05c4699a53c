import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, asc, eq, ilike, or } from 'drizzle-orm';
import {
  accountLookupQuerySchema,
  accountLookupSchema,
  changeEmployeeResponseSchema,
  changeEmployeeSchema,
  createdSchema,
  createEmployeeSchema,
  createGrantSchema,
  employeeDetailSchema,
  errorEnvelopeSchema,
  grantListSchema,
  idParamSchema,
  issuedAccountSchema,
  okSchema,
  openWorkSchema,
  peoplePageSchema,
  peopleQuerySchema,
  provisionRequestSchema,
  provisionResponseSchema,
  reassignReportsRequestSchema,
  reassignReportsResponseSchema,
} from '@uplift/contract';
import { orgUnits, roleGrants, users } from '../../db/schema/index.ts';
import type { AppDeps } from '../../http/app.ts';
import type { FastifyRequest } from 'fastify';
import { auditContext } from '../../http/session.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { accessFor } from '../access/access.http.ts';

const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema };

/** People (scoped in SQL to the caller) and role grants. */
export function peopleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { people, audit, accounts } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/people', { schema: { tags: ['people'], summary: 'People the caller may see, filtered, keyset-paginated, with the total', querystring: peopleQuerySchema, response: { 200: peoplePageSchema, ...errors } } }, async (req) =>
      people.list(await accessFor(db, req), req.query),
    );
    app.get('/people/:id', { schema: { tags: ['people'], summary: 'One person with history and contract; sensitive fields masked unless HR in scope (audited)', params: idParamSchema, response: { 200: employeeDetailSchema, ...errors } } }, async (req) =>
      people.detail(await accessFor(db, req), auditContext(req), req.params.id),
    );
    app.post('/people', { schema: { tags: ['people'], summary: 'Hire: create a person (HR in scope)', body: createEmployeeSchema, response: { 201: createdSchema, ...errors } } }, async (req, reply) => {
      const id = await people.create(await accessFor(db, req), auditContext(req), req.body);
      return reply.status(201).send({ id });
    });
    app.post('/people/:id/changes', { schema: { tags: ['people'], summary: 'A job change (unit, manager, position, grade, status) effective on a date; leaving ends sessions', params: idParamSchema, body: changeEmployeeSchema, response: { 200: changeEmployeeResponseSchema, ...errors } } }, async (req) =>
      people.change(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );
    app.get('/people/:id/handover', { schema: { tags: ['people'], summary: 'Open work to hand over (reports, units led, HRBP duties)', params: idParamSchema, response: { 200: openWorkSchema, ...errors } } }, async (req) =>
      people.handover(await accessFor(db, req), req.params.id),
    );
    app.post('/people/:id/handover/reports', { schema: { tags: ['people'], summary: 'Move all reports to a new manager', params: idParamSchema, body: reassignReportsRequestSchema, response: { 200: reassignReportsResponseSchema, ...errors } } }, async (req) =>
      people.reassignReports(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );

    app.post('/people/accounts', { schema: { tags: ['people'], summary: 'Provision sign-in accounts for people (HR in scope); one-time passwords are returned once', body: provisionRequestSchema, response: { 200: provisionResponseSchema, ...errors } } }, async (req) =>
      accounts.provision(await accessFor(db, req), auditContext(req), req.body.employeeIds),
    );
    app.post('/people/:id/account/reset', { schema: { tags: ['people'], summary: 'Reset a person’s password to a one-time one (HR in scope); their sessions end', params: idParamSchema, response: { 200: issuedAccountSchema, ...errors } } }, async (req) =>
      accounts.reset(await accessFor(db, req), auditContext(req), req.params.id),
    );

    app.get('/access/accounts', { schema: { tags: ['access'], summary: 'Find accounts by username or name, to grant roles to (sys_admin, group_hr)', querystring: accountLookupQuerySchema, response: { 200: accountLookupSchema, ...errors } } }, async (req) => {
      await grantAdmin(req);
      const q = req.query.q ? `%${req.query.q.replace(/[%_\\]/g, '\\$&')}%` : '%';
      const items = await db
        .select({ id: users.id, username: users.username, displayName: users.displayName })
        .from(users)
        .where(or(ilike(users.username, q), ilike(users.displayName, q)))
        .orderBy(asc(users.username))
        .limit(req.query.limit);
      return { items };
    });
    app.get('/access/grants', { schema: { tags: ['access'], summary: 'Role grants with their scopes (sys_admin, group_hr)', response: { 200: grantListSchema, ...errors } } }, async (req) => {
      await grantAdmin(req);
      const rows = await db
        .select({ id: roleGrants.id, userId: roleGrants.userId, username: users.username, role: roleGrants.role, unitId: roleGrants.unitId, unitName: orgUnits.name, createdAt: roleGrants.createdAt })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .leftJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
        .orderBy(asc(users.username), asc(roleGrants.role));
      return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
    });
    app.post('/access/grants', { schema: { tags: ['access'], summary: 'Grant a role over a unit subtree (null = whole group)', body: createGrantSchema, response: { 201: createdSchema, ...errors } } }, async (req, reply) => {
      const actor = await grantAdmin(req);
      const { userId, role, unitId } = req.body;
      if (role === 'sys_admin' && !actor.roles.has('sys_admin')) throw new AppError('FORBIDDEN', '只有系统管理员可以授予系统管理员角色');
      if ((role === 'hr_head' || role === 'hrbp') && !unitId) throw fieldError('body.unitId', '该角色必须指定组织范围');
      const id = await db.transaction(async (tx) => {
        const [u] = await tx.select({ id: users.id, roles: users.roles }).from(users).where(eq(users.id, userId));
        if (!u) throw fieldError('body.userId', '账号不存在');
        if (unitId) {
          const [unit] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, unitId));
          if (!unit) throw fieldError('body.unitId', '组织单元不存在');
        }
        const [g] = await tx.insert(roleGrants).values({ userId, role, unitId, createdAt: deps.clock.now(), createdBy: actor.userId }).onConflictDoNothing().returning({ id: roleGrants.id });
        if (!g) throw new AppError('CONFLICT', '该授权已存在');
        if (!u.roles.includes(role)) await tx.update(users).set({ roles: [...u.roles, role] }).where(eq(users.id, userId));
        await audit.append(tx, auditContext(req), { action: 'access.grant', entityType: 'role_grant', entityId: g.id, after: { userId, role, unitId } });
        return g.id;
      });
      return reply.status(201).send({ id });
    });
    app.delete('/access/grants/:id', { schema: { tags: ['access'], summary: 'Revoke a grant', params: idParamSchema, response: { 200: okSchema, ...errors } } }, async (req) => {
      await grantAdmin(req);
      await db.transaction(async (tx) => {
        const [g] = await tx.delete(roleGrants).where(eq(roleGrants.id, req.params.id)).returning();
        if (!g) throw new AppError('NOT_FOUND', '没有这条授权');
        const rest = await tx.select({ id: roleGrants.id }).from(roleGrants).where(and(eq(roleGrants.userId, g.userId), eq(roleGrants.role, g.role)));
        if (rest.length === 0) {
          const [u] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, g.userId));
          await tx.update(users).set({ roles: (u?.roles ?? []).filter((r) => r !== g.role) }).where(eq(users.id, g.userId));
        }
        await audit.append(tx, auditContext(req), { action: 'access.revoke', entityType: 'role_grant', entityId: g.id, before: { userId: g.userId, role: g.role, unitId: g.unitId } });
      });
      return { ok: true as const };
    });
  };

  async function grantAdmin(req: FastifyRequest) {
    const access = await accessFor(db, req);
    if (!access.roles.has('sys_admin') && !access.roles.has('group_hr')) throw new AppError('FORBIDDEN', '只有系统管理员或集团 HR 可以管理授权');
    return access;
  }
}
