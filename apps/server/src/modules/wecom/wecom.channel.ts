import { and, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employees, wecomDeliveries } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { WecomClient } from '../../integrations/wecom/wecom.client.ts';
import { ERRCODE, WeComApiError } from '../../integrations/wecom/wecom.errors.ts';
import { textCard, textMessage, type MessageBody } from '../../integrations/wecom/wecom.messages.ts';
import type { Channel, Delivery } from '../notify/notify.channels.ts';

const BATCH = 1000; // touser takes at most 1000 userids
// WeCom drops a byte-identical request within this window: a batch re-sent after a crash
// between the send and our bookkeeping (lease 5 min, then the next tick) does not reach anyone
// twice. Kept short: two genuinely separate notifications with the same text to the same
// people inside the window would be merged too.
const DUPLICATE_WINDOW_S = 1800;

export type WecomChannelDeps = { db: Db; client: WecomClient; clock: Clock; publicBase: () => string | null };

/**
 * The app message for a notification: a text card, or text without a public URL. The card's
 * link goes through WeCom sign-in, so opening it in the WeCom client lands signed in.
 */
export function notificationMessage(d: Pick<Delivery, 'payload'>, publicBase: string | null): MessageBody {
  const title = d.payload.title['zh-CN'];
  const body = d.payload.body?.['zh-CN'] ?? '';
  if (!publicBase) return textMessage(body ? `${title}\n${body}` : title);
  const url = `${publicBase}/api/wecom/oauth/start?next=${encodeURIComponent(d.payload.link ?? '/inbox')}`;
  return textCard({ title, lines: body ? body.split('\n').map((text) => ({ text })) : [{ text: title, tone: 'gray' }], url, button: '详情' });
}

/**
 * Notifications as WeCom app messages. Identical content goes out as one call per 1,000
 * recipients; each recipient's outcome (sent, invalid, unreachable) is recorded per outbox row.
 */
export function wecomChannel(deps: WecomChannelDeps): Channel {
  async function deliverMany(ds: Delivery[]): Promise<void> {
    const done = new Set(
      (await deps.db.select({ id: wecomDeliveries.outboxId }).from(wecomDeliveries).where(inArray(wecomDeliveries.outboxId, ds.map((d) => d.outboxId)))).map((r) => r.id),
    );
    const todo = ds.filter((d) => !done.has(d.outboxId));
    if (todo.length === 0) return;
    const people = await deps.db
      .select({ userId: employees.userId, wecomUserId: employees.wecomUserId })
      .from(employees)
      .where(and(inArray(employees.userId, [...new Set(todo.map((d) => d.recipientId))]), isNotNull(employees.wecomUserId), ne(employees.status, 'left')));
    const wecomIdOf = new Map(people.map((p) => [p.userId!, p.wecomUserId!.toLowerCase()]));
    const base = deps.publicBase();
    const rows: (typeof wecomDeliveries.$inferInsert)[] = [];
    const now = deps.clock.now();
    const groups = new Map<string, { message: MessageBody; items: { d: Delivery; userid: string }[] }>();
    for (const d of todo) {
      const userid = wecomIdOf.get(d.recipientId);
      if (!userid) {
        rows.push({ outboxId: d.outboxId, recipientId: d.recipientId, wecomUserId: null, status: 'unreachable', msgid: null, errcode: null, createdAt: now });
        continue;
      }
      const message = notificationMessage(d, base);
      const key = JSON.stringify(message);
      const g = groups.get(key) ?? { message, items: [] };
      g.items.push({ d, userid });
      groups.set(key, g);
    }
    try {
      for (const g of groups.values()) {
        const sorted = [...g.items].sort((a, b) => a.d.outboxId - b.d.outboxId);
        for (let i = 0; i < sorted.length; i += BATCH) {
          const chunk = sorted.slice(i, i + BATCH);
          let invalid = new Set<string>();
          let msgid: string | null = null;
          let errcode: number | null = null;
          try {
            const r = await deps.client.sendMessage({ touser: [...new Set(chunk.map((c) => c.userid))] }, g.message, { duplicateCheckSeconds: DUPLICATE_WINDOW_S });
            invalid = new Set(r.invaliduser.map((u) => u.toLowerCase()));
            msgid = r.msgid;
          } catch (e) {
            // every recipient invalid or outside the visibility range: nothing to retry
            if (!(e instanceof WeComApiError && e.errcode === ERRCODE.allInvalid)) throw e;
            invalid = new Set(chunk.map((c) => c.userid));
            errcode = e.errcode;
          }
          for (const { d, userid } of chunk) {
            const bad = invalid.has(userid);
            rows.push({ outboxId: d.outboxId, recipientId: d.recipientId, wecomUserId: userid, status: bad ? 'invalid' : 'sent', msgid: bad ? null : msgid, errcode: bad ? (errcode ?? ERRCODE.allInvalid) : null, createdAt: now });
          }
        }
      }
    } finally {
      // what went out is recorded even when a later batch fails, so a retry skips it
      if (rows.length > 0) await deps.db.insert(wecomDeliveries).values(rows).onConflictDoNothing();
    }
  }

  return {
    name: 'wecom',
    async reachable(tx, recipientIds) {
      if (recipientIds.length === 0) return new Set();
      const rows = await tx
        .select({ userId: employees.userId })
        .from(employees)
        .where(and(inArray(employees.userId, recipientIds), isNotNull(employees.wecomUserId), ne(employees.status, 'left')));
      return new Set(rows.map((r) => r.userId!));
    },
    deliver: (d) => deliverMany([d]),
    deliverMany,
  };
}
