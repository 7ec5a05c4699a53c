import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  apiTokenListSchema,
  createdWebhookSchema,
  createServiceAccountSchema,
  createWebhookSchema,
  deliveryIdParamSchema,
  idParamSchema,
  issuedTokenSchema,
  issueTokenSchema,
  okSchema,
  serviceAccountListSchema,
  serviceAccountSchema,
  updateWebhookSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryQuerySchema,
  webhookDeliverySchema,
  webhookSubscriptionListSchema,
  webhookSubscriptionSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { accessFor } from '../access/access.http.ts';

const tags = ['integration'];
const isDeliveryCursor = (v: unknown): v is [string, number] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isInteger(v[1]);

/** Service accounts, API tokens and webhook subscriptions (sys_admin, group_hr). */
export function integrationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { serviceAccounts, webhooks } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/integration/service-accounts', { schema: { tags, summary: 'Service accounts of machine clients', response: { 200: serviceAccountListSchema, ...errorResponses } } }, async (req) => ({
      items: await serviceAccounts.list(await accessFor(db, req)),
    }));
    app.post('/integration/service-accounts', { schema: { tags, summary: 'Create a service account (it acts as its own user svc-<name>, without a password)', body: createServiceAccountSchema, response: { 201: serviceAccountSchema, ...errorResponses } } }, async (req, reply) => {
      const account = await serviceAccounts.create(await accessFor(db, req), auditContext(req), req.body);
      return reply.status(201).send(account);
    });
    app.post('/integration/service-accounts/:id/disable', { schema: { tags, summary: 'Disable a service account: all its tokens stop working', params: idParamSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await serviceAccounts.disable(await accessFor(db, req), auditContext(req), req.params.id);
      return { ok: true as const };
    });
    app.get('/integration/service-accounts/:id/tokens', { schema: { tags, summary: 'Tokens of a service account (prefix, operations, units, expiry, last use)', params: idParamSchema, response: { 200: apiTokenListSchema, ...errorResponses } } }, async (req) => ({
      items: await serviceAccounts.tokens(await accessFor(db, req), req.params.id),
    }));
    app.post('/integration/service-accounts/:id/tokens', { schema: { tags, summary: 'Issue a token; the plain token is in this answer only', params: idParamSchema, body: issueTokenSchema, response: { 201: issuedTokenSchema, ...errorResponses } } }, async (req, reply) => {
      const issued = await serviceAccounts.issue(await accessFor(db, req), auditContext(req), req.params.id, req.body);
      return reply.status(201).header('cache-control', 'no-store').send(issued);
    });
    app.post('/integration/tokens/:id/revoke', { schema: { tags, summary: 'Revoke a token (effective at once)', params: idParamSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await serviceAccounts.revoke(await accessFor(db, req), auditContext(req), req.params.id);
      return { ok: true as const };
    });

    app.get('/integration/webhooks', { schema: { tags, summary: 'Webhook subscriptions with pending and dead deliveries', response: { 200: webhookSubscriptionListSchema, ...errorResponses } } }, async (req) => ({
      items: await webhooks.list(await accessFor(db, req)),
    }));
    app.post('/integration/webhooks', { schema: { tags, summary: 'Subscribe a URL to event types; the signing secret is in this answer only', body: createWebhookSchema, response: { 201: createdWebhookSchema, ...errorResponses } } }, async (req, reply) => {
      const created = await webhooks.create(await accessFor(db, req), auditContext(req), req.body);
      return reply.status(201).header('cache-control', 'no-store').send(created);
    });
    app.patch('/integration/webhooks/:id', { schema: { tags, summary: 'Change name, URL, events, or pause / resume a subscription', params: idParamSchema, body: updateWebhookSchema, response: { 200: webhookSubscriptionSchema, ...errorResponses } } }, async (req) =>
      webhooks.update(await accessFor(db, req), auditContext(req), req.params.id, req.body),
    );
    app.delete('/integration/webhooks/:id', { schema: { tags, summary: 'Delete a subscription and its delivery log', params: idParamSchema, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await webhooks.remove(await accessFor(db, req), auditContext(req), req.params.id);
      return { ok: true as const };
    });
    app.get('/integration/webhooks/:id/deliveries', { schema: { tags, summary: 'Delivery log of a subscription, newest first (keyset-paginated)', params: idParamSchema, querystring: webhookDeliveryQuerySchema, response: { 200: webhookDeliveryPageSchema, ...errorResponses } } }, async (req) => {
      const c = decodeCursor(req.query.cursor, isDeliveryCursor);
      const rows = await webhooks.deliveries(await accessFor(db, req), req.params.id, { status: req.query.status, limit: req.query.limit + 1, before: c ? { createdAt: new Date(c[0]), id: c[1] } : null });
      return toPage(rows, req.query.limit, (last) => [last.createdAt, Number(last.id)]);
    });
    app.post('/integration/webhook-deliveries/:id/retry', { schema: { tags, summary: 'Queue a delivery that gave up again, with a fresh attempt budget', params: deliveryIdParamSchema, response: { 200: webhookDeliverySchema, ...errorResponses } } }, async (req) => {
      const delivery = await webhooks.retryDead(await accessFor(db, req), auditContext(req), req.params.id);
      void deps.kickDelivery();
      return delivery;
    });
  };
}
