import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  deadLetterPageSchema,
  errorEnvelopeSchema,
  inboxPageSchema,
  inboxQuerySchema,
  markReadRequestSchema,
  markReadResponseSchema,
  okSchema,
  pageQuerySchema,
  unreadCountSchema,
  type InboxItem,
} from '@uplift/contract';
import { auditContext, requireActor, requireRole } from '../../http/session.ts';
import type { AppDeps } from '../../http/app.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { AppError } from '../../lib/errors.ts';
import type { NotificationAction, NotificationPayload } from './notify.channels.ts';

const isInboxCursor = (v: unknown): v is [string, string] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
const isDeadCursor = (v: unknown): v is [string, number] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'number';

/** The caller's own inbox; dead letters for sys_admin. */
export function notifyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { notify } = deps.services;
  return async (app) => {
    app.get(
      '/notifications',
      { schema: { tags: ['notifications'], summary: 'My inbox, newest first', querystring: inboxQuerySchema, response: { 200: inboxPageSchema, 401: errorEnvelopeSchema } } },
      async (req) => {
        const actor = requireActor(req);
        const c = decodeCursor(req.query.cursor, isInboxCursor);
        const rows = await notify.inbox(actor.id, {
          limit: req.query.limit + 1,
          unreadOnly: req.query.unread === 'true',
          before: c ? { createdAt: new Date(c[0]), id: c[1] } : null,
        });
        const page = toPage(rows, req.query.limit, (last) => [last.createdAt.toISOString(), last.id]);
        return {
          nextCursor: page.nextCursor,
          items: page.items.map((n): InboxItem => {
            const p = n.payload as NotificationPayload;
            return {
              id: n.id,
              kind: n.kind,
              title: p.title,
              body: p.body ?? null,
              link: p.link ?? null,
              actions: n.actions as NotificationAction[],
              createdAt: n.createdAt.toISOString(),
              readAt: n.readAt?.toISOString() ?? null,
            };
          }),
        };
      },
    );

    app.get(
      '/notifications/unread-count',
      { schema: { tags: ['notifications'], summary: 'Number of unread items in my inbox', response: { 200: unreadCountSchema, 401: errorEnvelopeSchema } } },
      async (req) => ({ unread: await notify.unreadCount(requireActor(req).id) }),
    );

    app.post(
      '/notifications/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark my items read: given ids, or all',
          body: markReadRequestSchema,
          response: { 200: markReadResponseSchema, 400: errorEnvelopeSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        return { updated: await notify.markRead(auditContext(req), actor.id, req.body) };
      },
    );

    app.get(
      '/admin/dead-letters',
      { schema: { tags: ['admin'], summary: 'Notification deliveries that gave up (sys_admin)', querystring: pageQuerySchema, response: { 200: deadLetterPageSchema, 403: errorEnvelopeSchema } } },
      async (req) => {
        requireRole(req, 'sys_admin');
        const c = decodeCursor(req.query.cursor, isDeadCursor);
        const rows = await notify.deadLetters({ limit: req.query.limit + 1, before: c ? { updatedAt: new Date(c[0]), id: c[1] } : null });
        const page = toPage(rows, req.query.limit, (last) => [last.updatedAt.toISOString(), last.id]);
        return { nextCursor: page.nextCursor, items: page.items.map((r) => ({ ...r, id: String(r.id), updatedAt: r.updatedAt.toISOString() })) };
      },
    );

    app.post(
      '/admin/dead-letters/:id/retry',
      { schema: { tags: ['admin'], summary: 'Queue a dead letter again (sys_admin)', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: okSchema, 404: errorEnvelopeSchema } } },
      async (req) => {
        requireRole(req, 'sys_admin');
        if (!(await notify.retryDead(auditContext(req), req.params.id))) throw new AppError('NOT_FOUND', `没有编号为 ${req.params.id} 的死信`);
        void deps.kickDelivery();
        return { ok: true as const };
      },
    );
  };
}
