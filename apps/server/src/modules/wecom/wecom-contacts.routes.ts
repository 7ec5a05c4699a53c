import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { WeComApiError, WeComProtocolError } from '../../integrations/wecom/wecom.errors.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { accessFor } from '../access/access.http.ts';

const linksBody = z.object({ links: z.array(z.object({ employeeId: z.uuid(), userid: z.string().regex(/^[0-9a-zA-Z_\-@.]{1,64}$/) })).min(1).max(1000) });

/** WeCom directory reconciliation (对账) and linking: group-wide HR only (it reads and writes everyone). */
export function wecomContactsRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const groupHr = async (req: Parameters<typeof accessFor>[1]) => {
    const access = await accessFor(db, req);
    if (access.hr !== 'all') throw new AppError('FORBIDDEN', '只有集团 HR 可以核对企业微信通讯录');
  };
  const unavailable = (e: unknown): never => {
    if (e instanceof WeComApiError || e instanceof WeComProtocolError) throw new AppError('UNAVAILABLE', `企业微信暂时不可用：${e.message}`);
    throw e;
  };
  return async (app: FastifyInstance) => {
    app.get('/wecom/contacts/reconcile', { schema: { tags: ['wecom'], summary: 'Compare the WeCom directory with the org: links, proposals, differences' } }, async (req) => {
      await groupHr(req);
      return deps.services.wecomContacts.reconcile().catch(unavailable);
    });
    app.post('/wecom/contacts/links', { schema: { tags: ['wecom'], summary: 'Link employees to their WeCom accounts (audited)' } }, async (req) => {
      await groupHr(req);
      const body = linksBody.safeParse(req.body);
      if (!body.success) throw fieldError(`body.${body.error.issues[0]?.path.join('.') ?? ''}`, body.error.issues[0]?.message ?? '无效');
      return deps.services.wecomContacts.link(auditContext(req), body.data.links).catch(unavailable);
    });
  };
}
