import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { wecomPipChats, wecomPipOps, wecomPipRsvps, wecomPipSchedules } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { systemActor, type Audit } from '../audit/audit.service.ts';
import type { WecomClient } from '../../integrations/wecom/wecom.client.ts';
import { transient, WeComApiError } from '../../integrations/wecom/wecom.errors.ts';
import { chatIdOf, chatName, scheduleOf } from './wecom-pip.messages.ts';
import { attendeesOf, checkinRow, OPEN_STATES, planPeople } from './wecom-pip.queries.ts';

const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;
const BATCH = 50;

type Op = typeof wecomPipOps.$inferSelect;
/** `record`: what went to WeCom, for the audit trail (schedules and chat messages are part of the plan's evidence). */
type Result = { status: 'done'; record?: Record<string, unknown> } | { status: 'skipped'; reason: string };
const done: Result = { status: 'done' };
const skip = (reason: string): Result => ({ status: 'skipped', reason });

/** attendees[].response_status (SPEC §5.2) as Uplift shows it. */
export const RSVP: Record<number, string> = { 0: 'pending', 1: 'tentative', 2: 'accepted', 3: 'accepted', 4: 'declined' };

export type DrainResult = { done: number; skipped: number; retried: number; failed: number };

/**
 * Runs the pending WeCom operations of plans in id order per (kind, ref): an op waits while an
 * earlier one of its ref is pending. Each op is idempotent against its link rows (a schedule
 * already linked is updated, a chat already made is reused), so an op taken again after a crash
 * does not act twice, except where noted. Transient failures come back with backoff; permanent
 * ones are recorded with their errcode and the plan goes on.
 */
export function createWecomPipDrain(deps: { db: Db; clock: Clock; client: WecomClient; audit: Audit }) {
  const { db, clock, client } = deps;

  async function scheduleUpsert(op: Op): Promise<Result> {
    const c = await checkinRow(db, op.ref);
    if (!c) return skip('check-in gone');
    if (c.status !== 'scheduled') return skip(`check-in ${c.status}`);
    const p = await planPeople(db, c.planId);
    if (!p || !OPEN_STATES.has(p.state)) return skip('plan not running');
    const attendees = attendeesOf(p, c.kind);
    if (attendees.length === 0) return skip('no participant on WeCom');
    const input = scheduleOf({ kind: c.kind, employeeName: p.employeeName, scheduledAt: c.scheduledAt, reminderDueAt: c.reminderDueAt, attendees, admin: p.manager });
    const now = clock.now();
    const [link] = await db.select().from(wecomPipSchedules).where(eq(wecomPipSchedules.checkinId, c.id));
    if (link?.status === 'active') {
      await client.updateSchedule({ ...input, schedule_id: link.scheduleId });
      await db.update(wecomPipSchedules).set({ attendees, syncedAt: now }).where(eq(wecomPipSchedules.checkinId, c.id));
      return { status: 'done', record: { scheduleId: link.scheduleId, start: input.start_time, attendees } };
    }
    // RISK: a crash between this call and the insert below leaves a schedule Uplift does not
    // know; the retry adds a second one (WeCom has no idempotency key for schedules)
    const r = await client.addSchedule(input);
    await db
      .insert(wecomPipSchedules)
      .values({ checkinId: c.id, scheduleId: r.schedule_id, status: 'active', attendees, syncedAt: now })
      .onConflictDoUpdate({ target: wecomPipSchedules.checkinId, set: { scheduleId: r.schedule_id, status: 'active', attendees, syncedAt: now } });
    return { status: 'done', record: { scheduleId: r.schedule_id, start: input.start_time, attendees } };
  }

  async function scheduleCancel(op: Op): Promise<Result> {
    const [link] = await db.select().from(wecomPipSchedules).where(eq(wecomPipSchedules.checkinId, op.ref));
    if (!link) return skip('no schedule');
    if (link.status === 'cancelled') return done;
    // cancelling twice is harmless: WeCom keeps a cancelled schedule readable with status 1
    await client.cancelSchedule(link.scheduleId);
    await db.update(wecomPipSchedules).set({ status: 'cancelled', syncedAt: clock.now() }).where(eq(wecomPipSchedules.checkinId, op.ref));
    return { status: 'done', record: { scheduleId: link.scheduleId } };
  }

  async function chatExists(chatid: string): Promise<boolean> {
    try {
      await client.getAppChat(chatid);
      return true;
    } catch (e) {
      if (e instanceof WeComApiError) return false;
      throw e;
    }
  }

  async function chatCreate(op: Op): Promise<Result> {
    const [link] = await db.select().from(wecomPipChats).where(eq(wecomPipChats.planId, op.ref));
    if (link) return done;
    const p = await planPeople(db, op.ref);
    if (!p) return skip('plan gone');
    const members = [...new Set([p.employee, p.manager, p.hrbp].filter((x): x is string => x !== null))];
    if (members.length < 2) return skip('fewer than two of the employee, manager and HRBP are on WeCom');
    const chatid = chatIdOf(op.ref);
    try {
      await client.createAppChat({ chatid, name: chatName(p.employeeName), owner: p.hrbp ?? p.manager ?? members[0]!, userlist: members });
    } catch (e) {
      // a retry after a crash finds the chat made the first time (its id is the plan's): that is success
      if (!(e instanceof WeComApiError) || !(await chatExists(chatid))) throw e;
    }
    await db.insert(wecomPipChats).values({ planId: op.ref, chatid, members, createdAt: clock.now() }).onConflictDoNothing();
    return { status: 'done', record: { chatid, members } };
  }

  /** After a handover: the chat's members become the plan's people again (WeCom keeps at least two). */
  async function chatMembers(op: Op): Promise<Result> {
    const [link] = await db.select().from(wecomPipChats).where(eq(wecomPipChats.planId, op.ref));
    if (!link) return skip('no chat');
    if (link.closedAt) return skip('chat closed');
    const p = await planPeople(db, op.ref);
    if (!p) return skip('plan gone');
    const want = [...new Set([p.employee, p.manager, p.hrbp].filter((x): x is string => x !== null))];
    if (want.length < 2) return skip('fewer than two of the employee, manager and HRBP are on WeCom');
    const add = want.filter((u) => !link.members.includes(u));
    const del = link.members.filter((u) => !want.includes(u));
    if (add.length === 0 && del.length === 0) return done;
    // the owner may leave only with a new owner named
    await client.updateAppChat({ chatid: link.chatid, owner: p.hrbp ?? p.manager ?? want[0]!, ...(add.length > 0 && { add_user_list: add }), ...(del.length > 0 && { del_user_list: del }) });
    await db.update(wecomPipChats).set({ members: want }).where(eq(wecomPipChats.planId, op.ref));
    return { status: 'done', record: { chatid: link.chatid, added: add, removed: del } };
  }

  async function chatPost(op: Op, close: boolean): Promise<Result> {
    const [link] = await db.select().from(wecomPipChats).where(eq(wecomPipChats.planId, op.ref));
    if (!link) return skip('no chat');
    if (link.closedAt) return close ? done : skip('chat closed');
    const text = typeof op.payload.text === 'string' ? op.payload.text : '';
    const markClosed = () => db.update(wecomPipChats).set({ closedAt: clock.now() }).where(eq(wecomPipChats.planId, op.ref));
    try {
      // RISK: a crash between this send and the op's bookkeeping posts the text again on retry
      await client.sendAppChat(link.chatid, { msgtype: 'text', text: { content: text } });
    } catch (e) {
      // the last message could not go: the chat is closed all the same
      if (close && !transient(e)) await markClosed();
      throw e;
    }
    if (close) await markClosed();
    return { status: 'done', record: { chatid: link.chatid, text } };
  }

  async function rsvpFetch(op: Op): Promise<Result> {
    const scheduleId = typeof op.payload.scheduleId === 'string' ? op.payload.scheduleId : null;
    if (!scheduleId) return skip('no schedule id');
    const c = await checkinRow(db, op.ref);
    if (!c) return skip('check-in gone');
    const p = await planPeople(db, c.planId);
    if (!p) return skip('plan gone');
    const { schedule_list: list } = await client.getSchedules([scheduleId]);
    const s = list.find((x) => x.schedule_id === scheduleId);
    if (!s) return skip('schedule not found');
    const employeeOf = new Map([...p.byEmployee].map(([employeeId, userid]) => [userid, employeeId]));
    const now = clock.now();
    for (const a of s.attendees) {
      const employeeId = employeeOf.get(a.userid.toLowerCase());
      if (!employeeId) continue;
      const status = RSVP[a.response_status] ?? 'pending';
      await db.insert(wecomPipRsvps).values({ checkinId: c.id, employeeId, status, updatedAt: now }).onConflictDoUpdate({ target: [wecomPipRsvps.checkinId, wecomPipRsvps.employeeId], set: { status, updatedAt: now } });
    }
    return done;
  }

  function run(op: Op): Promise<Result> {
    const key = `${op.kind}:${op.op}`;
    switch (key) {
      case 'schedule:upsert':
        return scheduleUpsert(op);
      case 'schedule:cancel':
        return scheduleCancel(op);
      case 'chat:create':
        return chatCreate(op);
      case 'chat:post':
        return chatPost(op, false);
      case 'chat:close':
        return chatPost(op, true);
      case 'chat:members':
        return chatMembers(op);
      case 'rsvp:fetch':
        return rsvpFetch(op);
      default:
        return Promise.resolve(skip(`unknown op ${key}`));
    }
  }

  /** Takes the op for this drain (attempts + 1, leased); null when another drain has it. */
  async function claim(id: number): Promise<Op | null> {
    const now = clock.now();
    const [op] = await db
      .update(wecomPipOps)
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${wecomPipOps.attempts} + 1` })
      .where(and(eq(wecomPipOps.id, id), eq(wecomPipOps.status, 'pending'), sql`(${wecomPipOps.leaseUntil} is null or ${wecomPipOps.leaseUntil} < ${now.toISOString()}::timestamptz)`))
      .returning();
    return op ?? null;
  }

  async function settle(op: Op, r: Result): Promise<void> {
    await db.transaction(async (tx) => {
      await tx
        .update(wecomPipOps)
        .set({ status: r.status, lastError: r.status === 'skipped' ? r.reason : null, errcode: null, leaseUntil: null, doneAt: clock.now() })
        .where(eq(wecomPipOps.id, op.id));
      if (r.status === 'done' && r.record) {
        await deps.audit.append(tx, systemActor('system:wecom'), { action: `wecom.${op.kind}_${op.op}`, entityType: op.kind === 'chat' ? 'pip_plan' : 'checkin', entityId: op.ref, after: r.record });
      }
    });
  }

  async function fail(op: Op, e: unknown): Promise<'retried' | 'failed'> {
    const errcode = e instanceof WeComApiError ? e.errcode : null;
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    const now = clock.now();
    if (transient(e) && op.attempts < MAX_ATTEMPTS) {
      const wait = Math.min(60_000 * 2 ** (op.attempts - 1), 6 * 3600_000);
      await db.update(wecomPipOps).set({ lastError: message, errcode, leaseUntil: null, dueAt: new Date(now.getTime() + wait) }).where(eq(wecomPipOps.id, op.id));
      return 'retried';
    }
    await db.update(wecomPipOps).set({ status: 'failed', lastError: message, errcode, leaseUntil: null, doneAt: now }).where(eq(wecomPipOps.id, op.id));
    return 'failed';
  }

  /** Due ops that are first in line for their ref. */
  async function nextBatch(): Promise<number[]> {
    const now = clock.now().toISOString();
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select o.id::int as id from wecom_pip_ops o
          where o.status = 'pending' and o.due_at <= ${now}::timestamptz and (o.lease_until is null or o.lease_until < ${now}::timestamptz)
            and not exists (select 1 from wecom_pip_ops e where e.kind = o.kind and e.ref = o.ref and e.status = 'pending' and e.id < o.id)
          order by o.id limit ${BATCH}`,
    );
    return rows.map((r) => Number(r.id));
  }

  let running: Promise<DrainResult> | null = null;

  async function drainOnce(max: number): Promise<DrainResult> {
    const out: DrainResult = { done: 0, skipped: 0, retried: 0, failed: 0 };
    let taken = 0;
    for (;;) {
      const ids = await nextBatch();
      let progressed = false;
      for (const id of ids) {
        if (taken >= max) return out;
        const op = await claim(id);
        if (!op) continue;
        taken++;
        progressed = true;
        try {
          const r = await run(op);
          await settle(op, r);
          out[r.status === 'done' ? 'done' : 'skipped']++;
        } catch (e) {
          out[await fail(op, e)]++;
        }
      }
      // an op done lets the next of its ref run: look again until nothing moves
      if (!progressed) return out;
    }
  }

  return {
    /** Executes what is due; concurrent calls in this process share one run. */
    drain(max = 500): Promise<DrainResult> {
      running ??= drainOnce(max).finally(() => (running = null));
      return running;
    },
  };
}

export type WecomPipDrain = ReturnType<typeof createWecomPipDrain>;
