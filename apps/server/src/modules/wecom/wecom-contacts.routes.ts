import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  contactLinksRequestSchema,
  contactLinksResponseSchema,
  contactsReportSchema,
  errorEnvelopeSchema,
  idParamSchema,
  syncApplyRequestSchema,
  syncPreviewRequestSchema,
  syncRunSchema,
  syncSettingsRequestSchema,
  syncSettingsSchema,
  syncStatusSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { WeComApiError, WeComProtocolError } from '../../integrations/wecom/wecom.errors.ts';
import { AppError } from '../../lib/errors.ts';
import { accessFor } from '../access/access.http.ts';

const errors = { ...errorResponses, 503: errorEnvelopeSchema };

/** WeCom directory reconciliation (对账), linking and contact sync: group HR (and sys_admin for sync) only, as it reads and writes everyone. */
export function wecomContactsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const { wecomContacts, wecomSync } = deps.services;
  const groupHr = async (req: Parameters<typeof accessFor>[1]) => {
    const access = await accessFor(db, req);
    if (access.hr !== 'all') throw new AppError('FORBIDDEN', '只有集团 HR 可以核对企业微信通讯录');
  };
  const syncAdmin = async (req: Parameters<typeof accessFor>[1]) => {
    const access = await accessFor(db, req);
    if (!access.roles.has('group_hr') && !access.roles.has('sys_admin')) throw new AppError('FORBIDDEN', '只有集团 HR 或系统管理员可以同步企业微信通讯录');
  };
  const unavailable = (e: unknown): never => {
    if (e instanceof WeComApiError || e instanceof WeComProtocolError) throw new AppError('UNAVAILABLE', `企业微信暂时不可用：${e.message}`);
    throw e;
  };
  const tags = ['wecom'];
  return async (app) => {
    app.get('/wecom/contacts/reconcile', { schema: { tags, summary: 'Compare the WeCom directory with the org: links, proposals, differences', response: { 200: contactsReportSchema, ...errors } } }, async (req) => {
      await groupHr(req);
      return wecomContacts.reconcile().catch(unavailable);
    });
    app.post('/wecom/contacts/links', { schema: { tags, summary: 'Link employees to their WeCom accounts (audited)', body: contactLinksRequestSchema, response: { 200: contactLinksResponseSchema, ...errors } } }, async (req) => {
      await groupHr(req);
      return wecomContacts.link(auditContext(req), req.body.links).catch(unavailable);
    });
    app.get('/wecom/sync/status', { schema: { tags, summary: 'Contact sync: field masters and the last runs', response: { 200: syncStatusSchema, ...errors } } }, async (req) => {
      await syncAdmin(req);
      return wecomSync.status();
    });
    app.put('/wecom/sync/settings', { schema: { tags, summary: 'Choose which side is master of each synced field (audited)', body: syncSettingsRequestSchema, response: { 200: syncSettingsSchema, ...errors } } }, async (req) => {
      await syncAdmin(req);
      return wecomSync.setMasters(auditContext(req), req.body.fields);
    });
    app.post('/wecom/sync/preview', { schema: { tags, summary: 'Compute and store the contact-sync diff', body: syncPreviewRequestSchema, response: { 200: syncRunSchema, ...errors } } }, async (req) => {
      await syncAdmin(req);
      return wecomSync.preview(auditContext(req), req.body.mode).catch(unavailable);
    });
    app.get('/wecom/sync/runs/:id', { schema: { tags, summary: 'A stored contact-sync preview or result', params: idParamSchema, response: { 200: syncRunSchema, ...errors } } }, async (req) => {
      await syncAdmin(req);
      return wecomSync.getRun(req.params.id);
    });
    app.post('/wecom/sync/apply', { schema: { tags, summary: 'Apply a preview in one transaction; 409 when it is no longer current', body: syncApplyRequestSchema, response: { 200: syncRunSchema, ...errors } } }, async (req) => {
      await syncAdmin(req);
      return wecomSync.apply(auditContext(req), req.body.previewId).catch(unavailable);
    });
  };
}
