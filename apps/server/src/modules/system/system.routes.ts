import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metaSchema, auditRecordSchema, auditVerifyReportSchema, backupListSchema, backupSchema, checkpointResponseSchema, errorEnvelopeSchema, pageOf, pageQuerySchema } from '@uplift/contract';
import { businessDate } from '../../lib/clock.ts';
import type { AppDeps } from '../../http/app.ts';
import { auditContext, requireRole } from '../../http/session.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';

const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Audit trail and backups for sys_admin. */
export function systemRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { audit, backups } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/meta', { schema: { tags: ['system'], summary: 'Public facts for the sign-in page (no sign-in needed)', response: { 200: metaSchema } } }, async () => ({
      product: '跃升 Uplift',
      version: '0.1.0',
      demo: deps.config.demo,
      today: businessDate(deps.clock.now(), deps.config.businessTimeZone),
    }));
    app.get(
      '/admin/audit/verify',
      { schema: { tags: ['audit'], summary: 'Verify the whole hash chain and the signed checkpoints', response: { 200: auditVerifyReportSchema, 403: errorEnvelopeSchema } } },
      async (req) => {
        requireRole(req, 'sys_admin');
        return audit.verify(db);
      },
    );
    app.get(
      '/admin/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Audit records, newest first',
          querystring: pageQuerySchema.extend({ entityType: z.string().max(64).optional(), entityId: z.string().max(128).optional() }),
          response: { 200: pageOf(auditRecordSchema), 403: errorEnvelopeSchema },
        },
      },
      async (req) => {
        requireRole(req, 'sys_admin');
        const rows = await audit.list(db, {
          limit: req.query.limit + 1,
          beforeSeq: decodeCursor(req.query.cursor, isSeq),
          ...(req.query.entityType && { entityType: req.query.entityType }),
          ...(req.query.entityId && { entityId: req.query.entityId }),
        });
        const page = toPage(rows, req.query.limit, (last) => last.seq);
        return {
          nextCursor: page.nextCursor,
          items: page.items.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorLabel: r.actorLabel, action: r.action, entityType: r.entityType, entityId: r.entityId, requestId: r.requestId, before: r.before ?? null, after: r.after ?? null, hash: r.hash })),
        };
      },
    );
    app.post(
      '/admin/audit/checkpoint',
      { schema: { tags: ['audit'], summary: 'Sign a checkpoint of the chain head now (also runs daily)', response: { 200: checkpointResponseSchema, 403: errorEnvelopeSchema } } },
      async (req) => {
        requireRole(req, 'sys_admin');
        const cp = await audit.checkpoint(db);
        return { seq: cp?.seq ?? null };
      },
    );
    app.get(
      '/admin/backups',
      { schema: { tags: ['admin'], summary: 'Backup files, newest first', response: { 200: backupListSchema, 403: errorEnvelopeSchema } } },
      async (req) => {
        requireRole(req, 'sys_admin');
        return { items: await backups.list(), retain: deps.config.backup.retain, cron: deps.config.backup.cron };
      },
    );
    app.post(
      '/admin/backups',
      { schema: { tags: ['admin'], summary: 'Write an encrypted backup now', response: { 201: backupSchema, 403: errorEnvelopeSchema } } },
      async (req, reply) => {
        requireRole(req, 'sys_admin');
        const b = await backups.create();
        await deps.database.db.transaction((tx) => audit.append(tx, auditContext(req), { action: 'backup.create', entityType: 'backup', entityId: b.file, after: b }));
        return reply.status(201).send(b);
      },
    );
  };
}
