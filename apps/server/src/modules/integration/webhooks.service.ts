import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { CreateWebhook, UpdateWebhook, WebhookDelivery, WebhookEvent, WebhookPayload, WebhookSubscription } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { slices } from '../../db/sql-helpers.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Access } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { requireIntegrationAdmin } from './service-accounts.service.ts';
import { deliverDueWebhooks, httpTransport, type WebhookTransport } from './webhooks.delivery.ts';
import { refusedHost, type TargetPolicy } from './webhook-target.ts';

export type Webhooks = ReturnType<typeof createWebhooks>;
type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

const presentDelivery = (d: DeliveryRow): WebhookDelivery => ({
  id: String(d.id),
  subscriptionId: d.subscriptionId,
  eventId: d.eventId,
  event: d.event,
  status: d.status as WebhookDelivery['status'],
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt.toISOString(),
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  sentAt: d.sentAt?.toISOString() ?? null,
});

/**
 * Outbound webhooks: subscriptions per event type (sys_admin, group HR), `emit` writing one
 * delivery per active subscription in the caller's transaction, and delivery by a job (signed
 * POST, retries with backoff, dead letters an admin can retry). Secrets are encrypted at rest.
 */
export function createWebhooks(deps: { db: Db; clock: Clock; audit: Audit; crypto: FieldCrypto; log: Logger; targets: TargetPolicy; transport?: WebhookTransport }) {
  const { db, clock, audit, crypto, log } = deps;
  const transport = deps.transport ?? httpTransport(deps.targets);

  /** A target this server must not call (itself, link-local) is refused when the subscription is saved. */
  function checkTarget(url: string | undefined) {
    const why = url === undefined ? null : refusedHost(url, deps.targets);
    if (why) throw fieldError('body.url', `不能推送到这个地址：${why}。请填写对方系统的地址`);
  }

  async function subscriptionOr404(exec: Db | Tx, id: string): Promise<SubscriptionRow> {
    const [s] = await exec.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    if (!s) throw new AppError('NOT_FOUND', `没有这个 Webhook 订阅：${id}`);
    return s;
  }

  async function present(where: SQL | undefined): Promise<WebhookSubscription[]> {
    const rows = await db
      .select({
        s: webhookSubscriptions,
        // qualified by hand: drizzle leaves a single table's columns bare, and d.id would shadow them
        createdBy: sql<string | null>`(select u.username from users u where u.id = webhook_subscriptions.created_by)`,
        pending: sql<number>`(select count(*)::int from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.status in ('pending', 'sending'))`,
        dead: sql<number>`(select count(*)::int from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.status = 'dead')`,
      })
      .from(webhookSubscriptions)
      .where(where)
      .orderBy(asc(webhookSubscriptions.name), asc(webhookSubscriptions.id));
    return rows.map(({ s, createdBy, pending, dead }) => ({
      id: s.id,
      name: s.name,
      url: s.url,
      events: s.events as WebhookEvent[],
      active: s.active,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      createdBy,
      pending,
      dead,
    }));
  }

  async function list(access: Access): Promise<WebhookSubscription[]> {
    requireIntegrationAdmin(access);
    return present(undefined);
  }

  /** Creates a subscription with a new signing secret, returned here once. */
  async function create(access: Access, ctx: AuditContext, input: CreateWebhook): Promise<{ subscription: WebhookSubscription; secret: string }> {
    requireIntegrationAdmin(access);
    checkTarget(input.url);
    const secret = newSecret();
    const now = clock.now();
    const id = await db.transaction(async (tx) => {
      const [s] = await tx
        .insert(webhookSubscriptions)
        .values({ name: input.name, url: input.url, secretEnc: crypto.encrypt(secret)!, events: input.events, active: input.active ?? true, createdBy: access.userId, createdAt: now, updatedAt: now })
        .returning({ id: webhookSubscriptions.id });
      await audit.append(tx, ctx, { action: 'webhook.create', entityType: 'webhook_subscription', entityId: s!.id, after: { name: input.name, url: input.url, events: input.events, active: input.active ?? true } });
      return s!.id;
    });
    const [subscription] = await present(eq(webhookSubscriptions.id, id));
    return { subscription: subscription!, secret };
  }

  async function update(access: Access, ctx: AuditContext, id: string, patch: UpdateWebhook): Promise<WebhookSubscription> {
    requireIntegrationAdmin(access);
    checkTarget(patch.url);
    await db.transaction(async (tx) => {
      const s = await subscriptionOr404(tx, id);
      const before = { name: s.name, url: s.url, events: s.events, active: s.active };
      const after = { ...before, ...patch };
      await tx
        .update(webhookSubscriptions)
        .set({ ...after, updatedAt: clock.now() })
        .where(eq(webhookSubscriptions.id, id));
      await audit.append(tx, ctx, { action: 'webhook.update', entityType: 'webhook_subscription', entityId: id, before, after });
    });
    const [subscription] = await present(eq(webhookSubscriptions.id, id));
    return subscription!;
  }

  /** Deletes the subscription and its delivery log (undelivered events are dropped). */
  async function remove(access: Access, ctx: AuditContext, id: string): Promise<void> {
    requireIntegrationAdmin(access);
    await db.transaction(async (tx) => {
      const s = await subscriptionOr404(tx, id);
      await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
      await audit.append(tx, ctx, { action: 'webhook.delete', entityType: 'webhook_subscription', entityId: id, before: { name: s.name, url: s.url, events: s.events, active: s.active } });
    });
  }

  /** The delivery log of one subscription, newest first (keyset on created_at, id). */
  async function deliveries(access: Access, id: string, opts: { status?: WebhookDelivery['status'] | undefined; limit: number; before: { createdAt: Date; id: number } | null }): Promise<WebhookDelivery[]> {
    requireIntegrationAdmin(access);
    await subscriptionOr404(db, id);
    const rows = await db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.subscriptionId, id),
          opts.status ? eq(webhookDeliveries.status, opts.status) : undefined,
          opts.before ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${opts.before.createdAt}, ${opts.before.id})` : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(opts.limit);
    return rows.map(presentDelivery);
  }

  /** Puts a dead delivery back in the queue with a fresh attempt budget. */
  async function retryDead(access: Access, ctx: AuditContext, deliveryId: number): Promise<WebhookDelivery> {
    requireIntegrationAdmin(access);
    const row = await db.transaction(async (tx) => {
      const now = clock.now();
      const [d] = await tx
        .update(webhookDeliveries)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, updatedAt: now })
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'dead')))
        .returning();
      if (!d) throw new AppError('NOT_FOUND', `没有编号为 ${deliveryId} 的失败投递（只有已放弃的投递可以重试）`);
      await audit.append(tx, ctx, { action: 'webhook.delivery_retry', entityType: 'webhook_delivery', entityId: String(deliveryId), after: { subscriptionId: d.subscriptionId, event: d.event, eventId: d.eventId } });
      return d;
    });
    return presentDelivery(row);
  }

  /**
   * Writes one delivery per active subscription of `event`, in the caller's transaction: the event
   * is sent only if the change commits. Returns the event id (null: nobody subscribes). Pass a
   * stable `eventId` from jobs that may run twice: a second emit of it is a no-op.
   */
  async function emit(tx: Tx, event: WebhookEvent, data: Record<string, unknown>, opts: { eventId?: string } = {}): Promise<string | null> {
    const [eventId] = await emitMany(tx, event, [{ data, ...opts }]);
    return eventId ?? null;
  }

  /**
   * `emit` for many events of one kind (every candidate an evaluation raised): one look at the
   * subscriptions and one insert per thousand deliveries, not a round trip per event. Returns the
   * event ids, none when nobody subscribes.
   */
  async function emitMany(tx: Tx, event: WebhookEvent, events: readonly { data: Record<string, unknown>; eventId?: string }[]): Promise<string[]> {
    if (events.length === 0) return [];
    const subs = await tx
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.active, true), sql`${event} = any(${webhookSubscriptions.events})`));
    if (subs.length === 0) return [];
    const now = clock.now();
    const ids = events.map((e) => e.eventId ?? randomUUID());
    const rows = events.flatMap((e, i) => {
      const payload: WebhookPayload = { id: ids[i]!, event, createdAt: now.toISOString(), data: e.data };
      return subs.map((s) => ({ subscriptionId: s.id, eventId: ids[i]!, event, payload, status: 'pending' as const, nextAttemptAt: now, createdAt: now, updatedAt: now }));
    });
    for (const part of slices(rows)) {
      await tx
        .insert(webhookDeliveries)
        .values(part)
        .onConflictDoNothing({ target: [webhookDeliveries.subscriptionId, webhookDeliveries.eventId] });
    }
    return ids;
  }

  /** Delivers what is due on the clock (the delivery job and the minute tick call this). */
  function deliverDue(batchSize?: number) {
    return deliverDueWebhooks({ db, clock, log, transport, secretOf: (enc) => crypto.decrypt(enc)!, batchSize });
  }

  return { list, create, update, remove, deliveries, retryDead, emit, emitMany, deliverDue };
}
