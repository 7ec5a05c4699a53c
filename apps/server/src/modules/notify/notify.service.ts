import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { slices } from '../../db/sql-helpers.ts';
import { notifications, outbox } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { MINUTE, HOUR } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Channel, Delivery, NotificationAction, NotificationPayload } from './notify.channels.ts';

export type NotifyInput = {
  recipients: readonly string[];
  kind: string;
  /** Same key for the same recipient = one notification, however often the caller runs (idempotent jobs). */
  dedupeKey: string;
  payload: NotificationPayload;
  actions?: NotificationAction[];
};

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * MINUTE;

/** Exponential backoff: 30 s, 1 min, 2 min, … capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * HOUR);
}

export type Notify = ReturnType<typeof createNotify>;

/** Notifications: written in the caller's transaction (inbox + outbox), delivered by a job per channel. */
export function createNotify(deps: { db: Db; clock: Clock; audit: Audit; log: Logger; channels: Channel[] }) {
  const { db, clock, audit, log } = deps;
  const channels = new Map(deps.channels.map((c) => [c.name, c]));

  /** Writes an inbox item per recipient and an outbox row per channel, in `tx`. Returns the new items' ids. */
  async function notify(tx: Tx, ctx: AuditContext, input: NotifyInput): Promise<string[]> {
    return notifyMany(tx, ctx, [input]);
  }

  /**
   * `notify` for many notices at once, each with its own recipients and text (every manager told
   * about their own people): one insert of the inbox rows, one of the outbox rows and one audit
   * record per dedupe key, not a round trip per person. Same dedupe rule. Returns the new ids.
   */
  async function notifyMany(tx: Tx, ctx: AuditContext, inputs: readonly NotifyInput[]): Promise<string[]> {
    const now = clock.now();
    const wanted = inputs.flatMap((input) =>
      [...new Set(input.recipients)].map((recipientId) => ({ recipientId, kind: input.kind, dedupeKey: input.dedupeKey, payload: input.payload, actions: input.actions ?? [], createdAt: now })),
    );
    const inserted: { id: string; recipientId: string; kind: string; dedupeKey: string }[] = [];
    for (const part of slices(wanted)) {
      inserted.push(
        ...(await tx
          .insert(notifications)
          .values(part)
          .onConflictDoNothing({ target: [notifications.recipientId, notifications.dedupeKey] })
          .returning({ id: notifications.id, recipientId: notifications.recipientId, kind: notifications.kind, dedupeKey: notifications.dedupeKey })),
      );
    }
    if (inserted.length === 0) return [];
    const rows = [];
    const ids = [...new Set(inserted.map((n) => n.recipientId))];
    const reach = new Map<string, Set<string> | null>();
    for (const ch of channels.values()) reach.set(ch.name, ch.reachable ? await ch.reachable(tx, ids) : null);
    const deliveries = new Map<string, number>();
    for (const n of inserted) {
      for (const ch of channels.values()) {
        const reachable = reach.get(ch.name);
        if (reachable && !reachable.has(n.recipientId)) continue;
        rows.push({ notificationId: n.id, recipientId: n.recipientId, channel: ch.name, status: 'pending', nextAttemptAt: now, createdAt: now, updatedAt: now });
        deliveries.set(n.dedupeKey, (deliveries.get(n.dedupeKey) ?? 0) + 1);
      }
    }
    for (const part of slices(rows)) await tx.insert(outbox).values(part);
    const byKey = new Map<string, typeof inserted>();
    for (const n of inserted) {
      const same = byKey.get(n.dedupeKey);
      if (same) same.push(n);
      else byKey.set(n.dedupeKey, [n]);
    }
    for (const [dedupeKey, items] of byKey) {
      await audit.appendBatch(tx, ctx, {
        action: 'notification.create',
        entityType: 'notification',
        entityId: dedupeKey,
        counts: { recipients: items.length, deliveries: deliveries.get(dedupeKey) ?? 0 },
        items: items.map((n) => n.id),
        note: { kind: items[0]!.kind },
      });
    }
    return inserted.map((n) => n.id);
  }

  /**
   * The set-based form of `notify` for large audiences (a policy for 100,000 people): the
   * recipients are a query yielding one `user_id` column, and the inbox and outbox rows are
   * written by a statement each, not a round trip per person. Same dedupe rule. Returns the count.
   */
  async function notifyAudience(tx: Tx, ctx: AuditContext, input: Omit<NotifyInput, 'recipients'> & { recipients: SQL }): Promise<number> {
    const now = clock.now();
    const inserted = await queryRows<{ id: string; recipient_id: string }>(
      tx as unknown as Db,
      sql`
        insert into notifications (recipient_id, kind, dedupe_key, payload, actions, created_at)
        select distinct r.user_id, ${input.kind}, ${input.dedupeKey}, ${JSON.stringify(input.payload)}::jsonb, ${JSON.stringify(input.actions ?? [])}::jsonb, ${now}::timestamptz
        from (${input.recipients}) as r(user_id) where r.user_id is not null
        on conflict (recipient_id, dedupe_key) do nothing
        returning id, recipient_id`,
    );
    if (inserted.length === 0) return 0;
    let deliveries = 0;
    for (const ch of channels.values()) {
      const reach = ch.reachable ? await ch.reachable(tx, inserted.map((n) => n.recipient_id)) : null;
      const rows = reach ? inserted.filter((n) => reach.has(n.recipient_id)) : inserted;
      if (rows.length === 0) continue;
      await tx.execute(sql`
        insert into outbox (notification_id, recipient_id, channel, status, next_attempt_at, created_at, updated_at)
        select t.id, t.recipient_id, ${ch.name}, 'pending', ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
        from unnest(${sql.param(rows.map((n) => n.id))}::uuid[], ${sql.param(rows.map((n) => n.recipient_id))}::uuid[]) as t(id, recipient_id)`);
      deliveries += rows.length;
    }
    await audit.appendBatch(tx, ctx, {
      action: 'notification.create',
      entityType: 'notification',
      entityId: input.dedupeKey,
      counts: { recipients: inserted.length, deliveries },
      items: inserted.map((n) => n.id),
      note: { kind: input.kind },
    });
    return inserted.length;
  }

  /**
   * Delivers what is due on the clock: leases a batch (SKIP LOCKED, so several nodes share the
   * work), delivers outside any transaction, then records sent / retry with backoff / dead.
   * A lease left by a dead process expires and the row is picked up again.
   */
  async function deliverDue(batchSize = 100): Promise<{ sent: number; failed: number; dead: number }> {
    const result = { sent: 0, failed: 0, dead: 0 };
    for (;;) {
      const now = clock.now();
      const leased = await db.transaction(async (tx) => {
        const due = await tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              or(eq(outbox.status, 'pending'), and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, now))),
              sql`${outbox.nextAttemptAt} <= ${now}`,
            ),
          )
          .orderBy(outbox.nextAttemptAt)
          .limit(batchSize)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        return tx
          .update(outbox)
          .set({ status: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${outbox.attempts} + 1`, updatedAt: now })
          .where(inArray(outbox.id, due.map((d) => d.id)))
          .returning();
      });
      if (leased.length === 0) return result;
      const items = await db
        .select()
        .from(notifications)
        .where(inArray(notifications.id, [...new Set(leased.map((l) => l.notificationId))]));
      const byId = new Map(items.map((n) => [n.id, n]));
      const outcomes = new Map<number, string | null>(); // outbox id → error (null = sent)
      const byChannel = new Map<string, Delivery[]>();
      for (const row of leased) {
        const n = byId.get(row.notificationId);
        if (!n) outcomes.set(row.id, 'notification no longer exists');
        else if (!channels.has(row.channel)) outcomes.set(row.id, `channel ${row.channel} is not configured on this node`);
        else {
          const list = byChannel.get(row.channel) ?? [];
          list.push({ outboxId: row.id, notificationId: n.id, recipientId: n.recipientId, kind: n.kind, payload: n.payload as NotificationPayload, actions: n.actions as NotificationAction[] });
          byChannel.set(row.channel, list);
        }
      }
      for (const [name, list] of byChannel) {
        const channel = channels.get(name)!;
        if (channel.deliverMany) {
          try {
            await channel.deliverMany(list);
            for (const d of list) outcomes.set(d.outboxId, null);
            continue;
          } catch {
            // fall through: one by one, so one bad item does not fail the others
          }
        }
        for (const d of list) {
          try {
            await channel.deliver(d);
            outcomes.set(d.outboxId, null);
          } catch (e) {
            outcomes.set(d.outboxId, e instanceof Error ? e.message : String(e));
          }
        }
      }
      const at = clock.now();
      const sentIds = leased.filter((r) => outcomes.get(r.id) === null).map((r) => r.id);
      if (sentIds.length) {
        await db.update(outbox).set({ status: 'sent', sentAt: at, leaseUntil: null, lastError: null, updatedAt: at }).where(inArray(outbox.id, sentIds));
        result.sent += sentIds.length;
      }
      for (const row of leased) {
        const error = outcomes.get(row.id);
        if (error === null || error === undefined) continue;
        if (row.attempts >= MAX_ATTEMPTS) {
          await db.update(outbox).set({ status: 'dead', leaseUntil: null, lastError: error, updatedAt: at }).where(eq(outbox.id, row.id));
          log.warn({ outboxId: row.id, channel: row.channel, error }, 'notification delivery gave up (dead letter)');
          result.dead++;
        } else {
          await db
            .update(outbox)
            .set({ status: 'pending', leaseUntil: null, lastError: error, nextAttemptAt: new Date(at.getTime() + backoffMs(row.attempts)), updatedAt: at })
            .where(eq(outbox.id, row.id));
          result.failed++;
        }
      }
      if (leased.length < batchSize) return result;
    }
  }

  /** Dead letters for admins, newest first. */
  async function deadLetters(opts: { limit: number; before: { updatedAt: Date; id: number } | null }) {
    return db
      .select({
        id: outbox.id,
        channel: outbox.channel,
        recipientId: outbox.recipientId,
        notificationId: outbox.notificationId,
        kind: notifications.kind,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        updatedAt: outbox.updatedAt,
      })
      .from(outbox)
      .innerJoin(notifications, eq(notifications.id, outbox.notificationId))
      .where(
        and(
          eq(outbox.status, 'dead'),
          opts.before ? sql`(${outbox.updatedAt}, ${outbox.id}) < (${opts.before.updatedAt}, ${opts.before.id})` : undefined,
        ),
      )
      .orderBy(desc(outbox.updatedAt), desc(outbox.id))
      .limit(opts.limit);
  }

  /** Puts a dead letter back in the queue with a fresh attempt budget. */
  async function retryDead(ctx: AuditContext, id: number): Promise<boolean> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const [row] = await tx
        .update(outbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'dead')))
        .returning({ id: outbox.id, channel: outbox.channel });
      if (!row) return false;
      await audit.append(tx, ctx, { action: 'notification.retry_dead_letter', entityType: 'outbox', entityId: String(id), after: { channel: row.channel } });
      return true;
    });
  }

  /** Inbox page for one user, newest first (keyset on created_at, id). */
  async function inbox(userId: string, opts: { limit: number; unreadOnly: boolean; before: { createdAt: Date; id: string } | null }) {
    return db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientId, userId),
          opts.unreadOnly ? isNull(notifications.readAt) : undefined,
          opts.before ? sql`(${notifications.createdAt}, ${notifications.id}) < (${opts.before.createdAt}, ${opts.before.id})` : undefined,
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.limit);
  }

  async function unreadCount(userId: string): Promise<number> {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
    return r?.n ?? 0;
  }

  /** Marks the user's own items read (other users' ids are ignored, never touched). */
  async function markRead(ctx: AuditContext, userId: string, sel: { ids?: string[]; all?: boolean }): Promise<number> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const updated = await tx
        .update(notifications)
        .set({ readAt: now })
        .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt), sel.ids ? inArray(notifications.id, sel.ids) : undefined))
        .returning({ id: notifications.id });
      if (updated.length > 0) {
        await audit.appendBatch(tx, ctx, {
          action: 'notification.read',
          entityType: 'notification',
          entityId: sel.all ? `user:${userId}` : (updated.length === 1 ? updated[0]!.id : null),
          counts: { read: updated.length },
          items: updated.map((u) => u.id),
        });
      }
      return updated.length;
    });
  }

  return { notify, notifyMany, notifyAudience, deliverDue, deadLetters, retryDead, inbox, unreadCount, markRead, channels: () => [...channels.keys()] };
}
