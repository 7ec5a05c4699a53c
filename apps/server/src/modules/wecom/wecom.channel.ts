import { and, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employees, wecomCards, wecomDeliveries } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { WecomClient } from '../../integrations/wecom/wecom.client.ts';
import { ERRCODE, WeComApiError } from '../../integrations/wecom/wecom.errors.ts';
import { buttonCard, cutChars, textCard, textMessage, type MessageBody, type TemplateCardMessage } from '../../integrations/wecom/wecom.messages.ts';
import type { Channel, Delivery } from '../notify/notify.channels.ts';

const BATCH = 1000; // touser takes at most 1000 userids
// WeCom drops a byte-identical request within this window: a batch re-sent after a crash
// between the send and our bookkeeping (lease 5 min, then the next tick) does not reach anyone
// twice. Kept short: two genuinely separate notifications with the same text to the same
// people inside the window would be merged too.
const DUPLICATE_WINDOW_S = 1800;

export type WecomChannelDeps = { db: Db; client: WecomClient; clock: Clock; publicBase: () => string | null; isCard?: (subjectType: string) => boolean };

/**
 * The app message for a notification: a text card, or text without a public URL. The card's
 * link goes through WeCom sign-in, so opening it in the WeCom client lands signed in.
 */
export function notificationMessage(d: Pick<Delivery, 'payload'>, publicBase: string | null): MessageBody {
  const title = d.payload.title['zh-CN'];
  const body = d.payload.body?.['zh-CN'] ?? '';
  if (!publicBase) return textMessage(body ? `${title}\n${body}` : title);
  const url = signedInLink(publicBase, d.payload.link ?? '/inbox');
  return textCard({ title, lines: body ? body.split('\n').map((text) => ({ text })) : [{ text: title, tone: 'gray' }], url, button: '详情' });
}

/** A link that opens `path` inside WeCom signed in (OAuth first). */
const signedInLink = (publicBase: string, path: string) => `${publicBase}/api/wecom/oauth/start?next=${encodeURIComponent(path)}`;

/** The card task of a delivery: unique per app (SPEC §3.2), stable across a retry of the same delivery. */
export const cardTaskId = (outboxId: number) => `uplift-${outboxId}`;

/** response_code lives 72 h (SPEC §3.3). */
const RESPONSE_CODE_MS = 72 * 3_600_000;

/**
 * The interactive card of a notification that asks something (it has actions and a subject):
 * callback buttons act from the card (their key comes back in template_card_event), the others
 * open their page inside WeCom, where what must be recorded exactly as shown is recorded.
 */
export function actionCard(d: Pick<Delivery, 'outboxId' | 'payload' | 'actions'>, publicBase: string): TemplateCardMessage {
  const body = d.payload.body?.['zh-CN'] ?? '';
  return buttonCard({
    task_id: cardTaskId(d.outboxId),
    source: { desc: '跃升 · 绩效改进' },
    main_title: { title: d.payload.title['zh-CN'] },
    ...(body && { sub_title_text: cutChars(body, 160) }),
    url: signedInLink(publicBase, d.payload.link ?? '/inbox'),
    buttons: d.actions.map((a) =>
      a.callback
        ? { text: a.label['zh-CN'], key: a.key, style: a.key.endsWith('reject') ? 2 : 1 }
        : { text: a.label['zh-CN'], key: a.key, style: a.key.endsWith('reject') ? 2 : 1, type: 1 as const, url: signedInLink(publicBase, a.link ?? d.payload.link ?? '/inbox') },
    ),
  });
}


/**
 * Notifications as WeCom app messages. Identical content goes out as one call per 1,000
 * recipients; each recipient's outcome (sent, invalid, unreachable) is recorded per outbox row.
 * A notification that asks something goes to each recipient as their own interactive card,
 * recorded in wecom_cards so it can be acted on from WeCom and greyed out once settled.
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
    const cards: { d: Delivery; userid: string }[] = [];
    for (const d of todo) {
      const userid = wecomIdOf.get(d.recipientId);
      if (!userid) {
        rows.push({ outboxId: d.outboxId, recipientId: d.recipientId, wecomUserId: null, status: 'unreachable', msgid: null, errcode: null, createdAt: now });
        continue;
      }
      // it asks something about a subject cards know (mass notices, e.g. a policy for everyone, stay batched text cards)
      if (base && d.actions.length > 0 && d.payload.subject && deps.isCard?.(d.payload.subject.type)) {
        cards.push({ d, userid });
        continue;
      }
      const message = notificationMessage(d, base);
      const key = JSON.stringify(message);
      const g = groups.get(key) ?? { message, items: [] };
      g.items.push({ d, userid });
      groups.set(key, g);
    }
    try {
      for (const { d, userid } of cards) await sendCard(d, userid, base!, rows);
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

  /** One recipient's card; the card row is written with the delivery row (a retry finds it and skips). */
  async function sendCard(d: Delivery, userid: string, base: string, rows: (typeof wecomDeliveries.$inferInsert)[]) {
    const now = deps.clock.now();
    let r: { msgid: string; response_code?: string | undefined };
    try {
      r = await deps.client.sendMessage({ touser: [userid] }, actionCard(d, base), { duplicateCheckSeconds: DUPLICATE_WINDOW_S });
    } catch (e) {
      if (!(e instanceof WeComApiError && e.errcode === ERRCODE.allInvalid)) throw e;
      rows.push({ outboxId: d.outboxId, recipientId: d.recipientId, wecomUserId: userid, status: 'invalid', msgid: null, errcode: e.errcode, createdAt: now });
      return;
    }
    rows.push({ outboxId: d.outboxId, recipientId: d.recipientId, wecomUserId: userid, status: 'sent', msgid: r.msgid, errcode: null, createdAt: now });
    const subject = d.payload.subject!;
    await deps.db
      .insert(wecomCards)
      .values({
        taskId: cardTaskId(d.outboxId),
        outboxId: d.outboxId,
        recipientId: d.recipientId,
        wecomUserId: userid,
        kind: d.kind,
        subjectType: subject.type,
        subjectId: subject.id,
        planId: subject.planId ?? null,
        keys: d.actions.filter((a) => a.callback).map((a) => a.key),
        msgid: r.msgid || null,
        // a re-send inside the duplicate window comes back without one: that card cannot be updated
        updateCode: r.response_code ?? null,
        codeExpiresAt: r.response_code ? new Date(now.getTime() + RESPONSE_CODE_MS) : null,
        status: 'open',
        // settled while the delivery waited? the drain looks once
        checkDue: true,
        nextAttemptAt: now,
        sentAt: now,
      })
      .onConflictDoNothing();
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
