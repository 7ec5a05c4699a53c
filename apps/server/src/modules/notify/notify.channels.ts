import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';

/** What a channel gets for one delivery: the outbox row id doubles as its idempotency key. */
export type Delivery = {
  outboxId: number;
  notificationId: string;
  recipientId: string;
  kind: string;
  payload: NotificationPayload;
  actions: NotificationAction[];
};

export type NotificationPayload = {
  title: { 'zh-CN': string; 'en-US'?: string };
  body?: { 'zh-CN': string; 'en-US'?: string } | null;
  /** Deep link inside the web app to the subject, e.g. "/pips/…". */
  link?: string | null;
  /** What the notification is about; `planId` when it belongs to a plan (a WeCom card follows the plan's events). */
  subject?: { type: string; id: string; planId?: string } | null;
};

/** `callback`: in WeCom the button acts from the card (template_card_event) instead of opening `link`. */
export type NotificationAction = { key: string; label: { 'zh-CN': string; 'en-US'?: string }; link: string | null; callback?: boolean };

/**
 * A delivery channel. `deliver` must be idempotent per outboxId: a crash after sending but
 * before marking sent makes the job deliver again.
 */
export type Channel = {
  name: string;
  /** Which of the recipients this channel reaches (e.g. WeCom: those with a WeCom id); all when absent. Runs in the caller's transaction. */
  reachable?(tx: Tx, recipientIds: string[]): Promise<Set<string>>;
  deliver(d: Delivery): Promise<void>;
  /** Optional set-based delivery of many at once; a thrown error falls back to one by one. */
  deliverMany?(ds: Delivery[]): Promise<void>;
};

/** The in-app channel: the inbox row already exists; delivery stamps it delivered. */
export function inAppChannel(db: Db, clock: Clock): Channel {
  return {
    name: 'in_app',
    async deliver(d) {
      await db
        .update(notifications)
        .set({ deliveredAt: clock.now() })
        .where(and(eq(notifications.id, d.notificationId), isNull(notifications.deliveredAt)));
    },
    async deliverMany(ds) {
      await db
        .update(notifications)
        .set({ deliveredAt: clock.now() })
        .where(and(inArray(notifications.id, ds.map((d) => d.notificationId)), isNull(notifications.deliveredAt)));
    },
  };
}
