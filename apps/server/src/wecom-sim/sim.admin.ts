import { z } from 'zod';
import { openEnvelope } from '../integrations/wecom/wecom.crypto.ts';
import { parseXml, xmlText, type XmlObject } from '../integrations/wecom/wecom.xml.ts';
import { clickResponseCode } from './sim.messages.ts';
import { eventXml } from './sim.pusher.ts';
import { revokeTokens } from './sim.token.ts';
import type { SimContext } from './sim.types.ts';

// The simulator's control panel, for tests and the demo: what WeCom's admin console or a
// member's phone would do. Nothing here exists on the real server.

export const adminActions = {
  /** End every token early: `expired` → 42001, `invalid` → 40014. */
  'expire-tokens': z.object({ how: z.enum(['expired', 'invalid']).default('expired') }),
  /** Answer the next `times` calls (of `path`, or any) with −1, 45009, … */
  fault: z.object({ errcode: z.union([z.literal(-1), z.literal(45009), z.literal(45033), z.literal(40014), z.literal(42001)]), path: z.string().startsWith('/cgi-bin/').nullable().default(null), times: z.number().int().min(1).max(100).default(1) }),
  /** Set the app's visibility range (可见范围). */
  visibility: z.object({ parties: z.array(z.number().int().positive()).max(1000), users: z.array(z.string().min(1)).max(1000).default([]) }),
  /** Toggle "new app" mode: user reads without mobile, email, gender. */
  sensitive: z.object({ strip: z.boolean() }),
  /** A member clicks a card button: pushes template_card_event with a fresh response code. */
  click: z.object({ msgid: z.string().min(1), userid: z.string().min(1), key: z.string().min(1) }),
  /** A member answers a schedule (0 none, 1 tentative, 2 accept, 3 accept once, 4 decline): WeCom pushes modify_schedule. */
  rsvp: z.object({ schedule_id: z.string().min(1), userid: z.string().min(1), status: z.number().int().min(0).max(4) }),
  /** Push any event (e.g. change_contact) as WeCom would. */
  event: z.object({ event: z.string().regex(/^\w{1,64}$/), from: z.string().default('sys'), fields: z.record(z.string().regex(/^[A-Za-z]\w*$/), z.union([z.string(), z.number()])).default({}) }),
  /** Save the callback URL: the URL-verification GET. */
  'verify-callback': z.object({}),
  /** Reload departments and members from the org. */
  reseed: z.object({}),
} as const;

export type AdminAction = keyof typeof adminActions;

/** Parses the body for `action` and runs it (ZodError on a bad body); reseed needs the caller's db. */
export async function runAdminAction(ctx: SimContext, action: Exclude<AdminAction, 'reseed'>, raw: unknown): Promise<Record<string, unknown>> {
  const s = ctx.state;
  switch (action) {
    case 'expire-tokens': {
      const i = adminActions['expire-tokens'].parse(raw);
      return { revoked: revokeTokens(s, i.how) };
    }
    case 'fault': {
      const i = adminActions['fault'].parse(raw);
      s.faults.push({ errcode: i.errcode, path: i.path, remaining: i.times });
      return { queued: s.faults.length };
    }
    case 'visibility': {
      const i = adminActions['visibility'].parse(raw);
      s.visibility = { parties: new Set(i.parties), users: new Set(i.users.map((u) => u.toLowerCase())) };
      return { parties: i.parties, users: [...s.visibility.users] };
    }
    case 'sensitive': {
      s.stripSensitive = adminActions.sensitive.parse(raw).strip;
      return { strip: s.stripSensitive };
    }
    case 'click': {
      const i = adminActions['click'].parse(raw);
      const msg = s.messages.get(i.msgid);
      const userid = i.userid.toLowerCase();
      if (!msg || !msg.recipients.includes(userid)) return { pushed: false, reason: 'not a recipient of this message' };
      const card = msg.body.template_card as { card_type?: string; task_id?: string } | undefined;
      const code = clickResponseCode(s, msg.msgid);
      const xml = eventXml(s, 'template_card_event', userid, { EventKey: i.key, TaskId: card?.task_id ?? '', CardType: card?.card_type ?? '', ResponseCode: code });
      const push = await ctx.pusher.push(xml, 'template_card_event');
      // a passive update_button reply greys out the clicked card, as in the client (SPEC §3.2)
      const replaced = push.reply ? replaceName(ctx, push.reply) : null;
      if (replaced !== null) {
        for (const d of s.deliveries) if (d.msgid === msg.msgid && d.userid === userid) d.card = { replaceName: replaced, card: null };
      }
      return { pushed: push.ok, attempts: push.attempts, responseCode: code, replaced };
    }
    case 'rsvp': {
      const i = adminActions.rsvp.parse(raw);
      const sch = s.schedules.get(i.schedule_id);
      const attendee = sch?.attendees.find((a) => a.userid === i.userid.toLowerCase());
      if (!sch || !attendee) return { pushed: false, reason: 'not an attendee of this schedule' };
      attendee.response_status = i.status;
      const push = await ctx.pusher.push(eventXml(s, 'modify_schedule', attendee.userid, { CalId: sch.cal_id, ScheduleId: sch.schedule_id }), 'modify_schedule');
      return { pushed: push.ok, attempts: push.attempts };
    }
    case 'event': {
      const i = adminActions['event'].parse(raw);
      const push = await ctx.pusher.push(eventXml(s, i.event, i.from, i.fields), i.event);
      return { pushed: push.ok, attempts: push.attempts, status: push.status };
    }
    case 'verify-callback':
      return await ctx.pusher.verifyUrl();
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

/** The ReplaceName of an encrypted update_button passive reply; null for anything else or a bad envelope. */
function replaceName(ctx: SimContext, reply: string): string | null {
  const c = ctx.state.creds;
  try {
    const outer = parseXml(reply).value as XmlObject;
    const q = { msgSignature: xmlText(outer, 'MsgSignature') ?? '', timestamp: xmlText(outer, 'TimeStamp') ?? '', nonce: xmlText(outer, 'Nonce') ?? '' };
    const inner = parseXml(openEnvelope({ token: c.token, aesKey: c.aesKey, receiveId: c.corpId }, q, xmlText(outer, 'Encrypt') ?? '', { nowS: 0, maxAgeS: 0 })).value as XmlObject;
    if (xmlText(inner, 'MsgType') !== 'update_button') return null;
    return xmlText(inner.Button, 'ReplaceName');
  } catch {
    return null;
  }
}
