import type { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { WebhookPayload } from '@uplift/contract';
import type { Db } from '../../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema/index.ts';
import { MINUTE, type Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { backoffMs } from '../notify/notify.service.ts';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.ts';
import { guardedLookup, refusedHost, type TargetPolicy } from './webhook-target.ts';

/** A delivery gives up (dead) after this many attempts; an admin may retry it. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** A receiver has this long to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
const LEASE_MS = 5 * MINUTE;
/** Deliveries in flight at once per run: one slow receiver does not hold up the others. */
const CONCURRENCY = 8;

/** Sends one POST; resolves with the status (any), rejects on network failure or timeout. */
export type WebhookTransport = (url: string, req: { body: string; headers: Record<string, string>; timeoutMs: number }) => Promise<{ status: number; text: string }>;

/** What is kept of a receiver's answer: its start, for the delivery log. */
const ANSWER_BYTES = 4096;

/**
 * POST over HTTP(S) to a permitted target only (webhook-target.ts: never this host unless allowed,
 * never a link-local address, checked again at connect time for names). Redirects are not followed
 * (a 3xx is a failed delivery, not a new target); the whole exchange has `timeoutMs`.
 */
export function httpTransport(policy: TargetPolicy, resolve?: typeof dnsLookup): WebhookTransport {
  const lookup = guardedLookup(policy, resolve);
  return (url, req) =>
    new Promise((resolve, reject) => {
      const refused = refusedHost(url, policy);
      if (refused) return reject(new Error(`refused target: ${refused}`));
      const target = new URL(url);
      const request = (target.protocol === 'https:' ? https : http).request(
        target,
        { method: 'POST', headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) }, lookup },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            if (size < ANSWER_BYTES) chunks.push(c);
            size += c.length;
          });
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString('utf8') });
          });
          res.on('error', fail);
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${req.timeoutMs / 1000} s`)), req.timeoutMs);
      function fail(err: Error) {
        clearTimeout(timer);
        // the reason (ECONNREFUSED, a refused address, DNS…) is in the error's own message
        reject(err);
      }
      request.on('error', fail);
      request.end(req.body);
    });
}

/** The body a subscriber receives, in a fixed key order (jsonb does not keep it). */
export const webhookBody = (p: WebhookPayload): string => JSON.stringify({ id: p.id, event: p.event, createdAt: p.createdAt, data: p.data });

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/**
 * Delivers due webhooks like the notification outbox: lease a batch (SKIP LOCKED, several nodes
 * share the work; a dead node's lease expires), POST outside any transaction, then record sent /
 * retry with backoff on the clock / dead. Deliveries of a paused subscription wait.
 */
export async function deliverDueWebhooks(deps: { db: Db; clock: Clock; log: Logger; transport: WebhookTransport; secretOf(enc: string): string; batchSize?: number | undefined }) {
  const { db, clock, log, transport } = deps;
  const batchSize = deps.batchSize ?? 50;
  const result = { sent: 0, failed: 0, dead: 0 };
  for (;;) {
    const now = clock.now();
    const leased = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            or(eq(webhookDeliveries.status, 'pending'), and(eq(webhookDeliveries.status, 'sending'), lt(webhookDeliveries.leaseUntil, now))),
            sql`${webhookDeliveries.nextAttemptAt} <= ${now}`,
            sql`exists (select 1 from webhook_subscriptions s where s.id = webhook_deliveries.subscription_id and s.active)`,
          ),
        )
        .orderBy(webhookDeliveries.nextAttemptAt, webhookDeliveries.id)
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(webhookDeliveries)
        .set({ status: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${webhookDeliveries.attempts} + 1`, updatedAt: now })
        .where(inArray(webhookDeliveries.id, due.map((d) => d.id)))
        .returning();
    });
    if (leased.length === 0) return result;
    const subs = new Map(
      (await db.select().from(webhookSubscriptions).where(inArray(webhookSubscriptions.id, [...new Set(leased.map((l) => l.subscriptionId))]))).map((s) => [s.id, s]),
    );
    await inPool(leased, CONCURRENCY, async (row) => {
      const sub = subs.get(row.subscriptionId);
      let status: number | null = null;
      let error: string | null = null;
      if (!sub) error = 'subscription no longer exists';
      else {
        const body = webhookBody(row.payload as WebhookPayload);
        const timestamp = String(Math.floor(clock.now().getTime() / 1000));
        try {
          const res = await transport(sub.url, {
            body,
            timeoutMs: WEBHOOK_TIMEOUT_MS,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'user-agent': 'Uplift-Webhooks/1',
              [WEBHOOK_HEADERS.event]: row.event,
              [WEBHOOK_HEADERS.delivery]: String(row.id),
              [WEBHOOK_HEADERS.timestamp]: timestamp,
              [WEBHOOK_HEADERS.signature]: signWebhook(deps.secretOf(sub.secretEnc), timestamp, body),
            },
          });
          status = res.status;
          if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}${res.text ? `: ${res.text.slice(0, 200)}` : ''}`;
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
      }
      const at = clock.now();
      if (error === null) {
        await db.update(webhookDeliveries).set({ status: 'sent', sentAt: at, leaseUntil: null, lastStatusCode: status, lastError: null, updatedAt: at }).where(eq(webhookDeliveries.id, row.id));
        result.sent++;
      } else if (row.attempts >= WEBHOOK_MAX_ATTEMPTS) {
        await db.update(webhookDeliveries).set({ status: 'dead', leaseUntil: null, lastStatusCode: status, lastError: error, updatedAt: at }).where(eq(webhookDeliveries.id, row.id));
        log.warn({ deliveryId: row.id, subscriptionId: row.subscriptionId, event: row.event, error }, 'webhook delivery gave up (dead letter)');
        result.dead++;
      } else {
        await db
          .update(webhookDeliveries)
          .set({ status: 'pending', leaseUntil: null, lastStatusCode: status, lastError: error, nextAttemptAt: new Date(at.getTime() + backoffMs(row.attempts)), updatedAt: at })
          .where(eq(webhookDeliveries.id, row.id));
        result.failed++;
      }
    });
    if (leased.length < batchSize) return result;
  }
}
