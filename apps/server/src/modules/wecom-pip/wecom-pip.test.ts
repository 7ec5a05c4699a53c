import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { employees, wecomPipChats, wecomPipOps, wecomPipSchedules } from '../../db/schema/index.ts';
import { acknowledgeOutcome, decideOutcome, expectStatus, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import type { TestApp } from '../../../test/support/test-app.ts';
import { wecomPipFixture, type simAdmin } from '../../../test/support/wecom-sim.ts';
import { JOB, platformJobs } from '../../jobs/definitions.ts';
import { createLogger } from '../../lib/logger.ts';
import type { AppChat, Schedule } from '../../wecom-sim/sim.state.ts';

// A running plan in WeCom, through the simulator over HTTP: each check-in in its participants'
// calendars, a private group chat per plan that gets the milestones and nothing else.

let t: TestApp;
let f: PipFixture;
let admin: ReturnType<typeof simAdmin>;

type Row = { id: string; kind: string; status: string; scheduledAt: string; rsvp?: { name: string; status: string }[] };

beforeAll(async () => {
  ({ t, f, admin } = await wecomPipFixture());
});
afterAll(() => t.close());

let seq = 0;
/** A running plan whose employee is on WeCom (or not), the simulator re-seeded from the org. */
async function running(opts: { onWecom?: boolean; start?: string; end?: string } = {}) {
  const p = await runningPlanBetween(t, f, opts.start ?? '2026-09-03', opts.end ?? '2026-10-31');
  const userid = `pipe${++seq}`;
  if (opts.onWecom !== false) await t.db.database.db.update(employees).set({ wecomUserId: userid }).where(eq(employees.id, p.employee.id));
  await admin.post('reseed');
  return { ...p, userid };
}

/** The drain, the callbacks it set off (RSVP reads), and the drain again. */
async function settle() {
  const first = await t.services.wecomPip.drain();
  await admin.sim.pusher.settle();
  await t.services.wecomPip.drain();
  return first;
}

const nameOf = async (id: string) => (await t.db.database.db.select({ name: employees.name }).from(employees).where(eq(employees.id, id)))[0]!.name;
const chatOf = async (planId: string) => (await admin.view<AppChat[]>('chats')).find((c) => c.chatid === planId.replaceAll('-', '')) ?? null;
const texts = (c: AppChat | null) => (c?.messages ?? []).map((m) => (m.body.text as { content: string }).content);
const schedules = () => admin.view<Schedule[]>('schedules');
const list = async (planId: string): Promise<Row[]> => (await expectStatus(f.c.manager.request('GET', `/api/pips/${planId}/checkins`), 200)).items;
const linkOf = async (checkinId: string) => (await t.db.database.db.select().from(wecomPipSchedules).where(eq(wecomPipSchedules.checkinId, checkinId)))[0] ?? null;
const scheduleOf = async (checkinId: string) => {
  const link = await linkOf(checkinId);
  return (await schedules()).find((s) => s.schedule_id === link?.scheduleId) ?? null;
};

describe('a plan that starts', () => {
  it('gets a private chat of the employee, manager and HRBP with a "started" message, and its cadence in their calendars; a second drain does nothing', async () => {
    const p = await running();
    const before = { schedules: (await schedules()).length, chats: (await admin.view<AppChat[]>('chats')).length };
    const r = await settle();
    expect(r.failed).toBe(0);
    const chat = await chatOf(p.id);
    expect(chat).toMatchObject({ owner: 'a1hrbp', name: `改进计划：${await nameOf(p.employee.id)}` });
    expect([...chat!.userlist].sort()).toEqual(['a1hrbp', 'a1lead', p.userid].sort());
    expect(texts(chat)).toEqual(['改进计划已开始：2026-09-03 至 2026-10-31。面谈已加入各位的企业微信日程，纪要与进度请在跃升中查看。']);

    const rows = await list(p.id);
    expect(rows).toHaveLength(8);
    expect((await schedules()).length).toBe(before.schedules + rows.length);
    for (const c of rows) {
      const s = (await scheduleOf(c.id))!;
      expect(s.start_time).toBe(new Date(c.scheduledAt).getTime() / 1000);
      expect(s.end_time - s.start_time).toBe(3600);
      expect(s.admins).toEqual(['a1lead']);
      expect(s.attendees.map((a) => a.userid).sort()).toEqual((c.kind === 'three_party' ? ['a1hrbp', 'a1lead', p.userid] : ['a1lead', p.userid]).sort());
      expect(s.summary).toMatch(/^改进计划(一对一面谈|三方会谈)：改进\d+$/);
      expect(s.location).toBe('');
      // the template reminds 24 hours before
      expect(s.reminders).toMatchObject({ is_remind: 1, remind_time_diffs: [-86400] });
    }

    // again: nothing new in WeCom, nothing pending
    const again = await settle();
    expect(again.done + again.failed + again.retried).toBe(0);
    expect((await schedules()).length).toBe(before.schedules + rows.length);
    expect((await admin.view<AppChat[]>('chats')).length).toBe(before.chats + 1);
    expect(texts(await chatOf(p.id))).toHaveLength(1);
    const [pending] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from wecom_pip_ops where status = 'pending'`);
    expect(pending!.n).toBe(0);
    // what went to WeCom is in the audit trail, once
    const audited = await queryRows<{ action: string; n: number }>(t.db.database.db, sql`select action, count(*)::int as n from audit_log where entity_id = ${p.id} and action like 'wecom.%' group by action order by action`);
    expect(audited).toEqual([{ action: 'wecom.chat_create', n: 1 }, { action: 'wecom.chat_post', n: 1 }]);
    const [scheduled] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where action = 'wecom.schedule_upsert' and entity_id in (select id::text from checkins where plan_id = ${p.id})`);
    expect(scheduled!.n).toBe(rows.length);
  });

  it('a reschedule moves the schedule; a cancellation cancels it; an ad hoc 1:1 is added', async () => {
    const p = await running();
    await settle();
    const [first, second] = await list(p.id);
    const was = (await scheduleOf(first!.id))!;
    await expectStatus(f.c.manager.request('POST', `/api/checkins/${first!.id}/reschedule`, { date: '2026-09-11', time: '15:30', reason: '客户拜访冲突' }), 200);
    await settle();
    const moved = (await scheduleOf(first!.id))!;
    expect(moved.schedule_id).toBe(was.schedule_id);
    expect(moved.start_time).toBe(Date.parse('2026-09-11T07:30:00.000Z') / 1000);
    expect(moved.sequence).toBe(was.sequence + 1);

    await expectStatus(f.c.manager.request('POST', `/api/checkins/${second!.id}/cancel`, { reason: '员工请假' }), 200);
    await settle();
    expect((await scheduleOf(second!.id))!.status).toBe(1);
    expect((await linkOf(second!.id))!.status).toBe('cancelled');

    const { id } = await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/checkins`, { kind: 'one_on_one', date: '2026-09-08', time: '10:00' }), 201);
    await settle();
    expect((await scheduleOf(id))!.start_time).toBe(Date.parse('2026-09-08T02:00:00.000Z') / 1000);
    // nothing of this reaches the chat: only milestones go there
    expect(texts(await chatOf(p.id))).toHaveLength(1);
  });

  it('after a crash between the WeCom call and the bookkeeping, the retry makes no second chat and no second schedule', async () => {
    const p = await running();
    await settle();
    const db = t.db.database.db;
    const counts = async () => ({ chats: (await admin.view<AppChat[]>('chats')).length, schedules: (await schedules()).length });
    const before = await counts();
    // the chat was made but neither its link nor the op was recorded
    await db.delete(wecomPipChats).where(eq(wecomPipChats.planId, p.id));
    await db.update(wecomPipOps).set({ status: 'pending', doneAt: null }).where(sql`${wecomPipOps.kind} = 'chat' and ${wecomPipOps.ref} = ${p.id} and ${wecomPipOps.op} = 'create'`);
    // a schedule was updated/added and linked, but the op not marked done
    const [c] = await list(p.id);
    await db.update(wecomPipOps).set({ status: 'pending', doneAt: null }).where(sql`${wecomPipOps.kind} = 'schedule' and ${wecomPipOps.ref} = ${c!.id}`);
    const r = await settle();
    // the two taken again, and on PostgreSQL maybe the RSVP read that the schedule update set
    // off, when its callback commits while this drain is still running
    expect(r.failed).toBe(0);
    expect(r.done).toBeGreaterThanOrEqual(2);
    const again = await db.select({ status: wecomPipOps.status }).from(wecomPipOps).where(sql`(${wecomPipOps.kind} = 'chat' and ${wecomPipOps.ref} = ${p.id} and ${wecomPipOps.op} = 'create') or (${wecomPipOps.kind} = 'schedule' and ${wecomPipOps.ref} = ${c!.id})`);
    expect(again.map((o) => o.status)).toEqual(again.map(() => 'done'));
    expect(await counts()).toEqual(before);
    expect((await db.select().from(wecomPipChats).where(eq(wecomPipChats.planId, p.id)))[0]).toMatchObject({ chatid: p.id.replaceAll('-', ''), closedAt: null });
  });

  it('with fewer than two of them on WeCom there is no chat (the reason is recorded) and the schedule has who is reachable', async () => {
    const p = await running({ onWecom: false });
    await t.db.database.db.update(employees).set({ wecomUserId: null }).where(eq(employees.id, f.people.a1Hrbp!.id));
    try {
      await settle();
    } finally {
      await t.db.database.db.update(employees).set({ wecomUserId: 'a1hrbp' }).where(eq(employees.id, f.people.a1Hrbp!.id));
    }
    expect(await chatOf(p.id)).toBeNull();
    const [op] = await t.db.database.db.select().from(wecomPipOps).where(sql`${wecomPipOps.kind} = 'chat' and ${wecomPipOps.ref} = ${p.id} and ${wecomPipOps.op} = 'create'`);
    expect(op).toMatchObject({ status: 'skipped', lastError: 'fewer than two of the employee, manager and HRBP are on WeCom' });
    const [first] = await list(p.id);
    expect((await scheduleOf(first!.id))!.attendees.map((a) => a.userid)).toEqual(['a1lead']);
  });

  it('retries a busy WeCom later and gives up on a permanent error with its errcode, the plan going on', async () => {
    const p = await running();
    // more than the client's own retries (1 + 3) for one attempt of the drain
    await admin.post('fault', { errcode: -1, path: '/cgi-bin/appchat/create', times: 4 });
    const r = await t.services.wecomPip.drain();
    expect(r.retried).toBeGreaterThanOrEqual(1);
    expect(await chatOf(p.id)).toBeNull();
    const [op] = await t.db.database.db.select().from(wecomPipOps).where(sql`${wecomPipOps.kind} = 'chat' and ${wecomPipOps.ref} = ${p.id} and ${wecomPipOps.op} = 'create'`);
    expect(op).toMatchObject({ status: 'pending', errcode: -1 });
    t.clock.advance(10 * 60_000);
    await settle();
    expect(texts(await chatOf(p.id))).toHaveLength(1);

    // a member WeCom does not know: a permanent error, recorded; nothing else waits on it
    const q = await running();
    await admin.post('visibility', { parties: [], users: [] });
    try {
      await settle();
    } finally {
      await admin.post('visibility', { parties: [1], users: [] });
    }
    const [failed] = await t.db.database.db.select().from(wecomPipOps).where(sql`${wecomPipOps.kind} = 'chat' and ${wecomPipOps.ref} = ${q.id} and ${wecomPipOps.op} = 'create'`);
    expect(failed).toMatchObject({ status: 'failed', errcode: 48002 });
    await expectStatus(f.c.manager.request('GET', `/api/pips/${q.id}`), 200);
  });
});

describe('the jobs', () => {
  it('the tick, and the delivery job kicked after requests, run the drain', async () => {
    await f.at('2026-09-01T01:00:00.000Z');
    const jobs = platformJobs({ config: t.config, database: t.db.database, services: t.services, log: createLogger('silent') });
    const run = (name: string) => jobs.find((j) => j.name === name)!.handler({});
    const p = await running();
    await run(JOB.tick);
    expect(texts(await chatOf(p.id))).toHaveLength(1);
    const q = await running();
    await run(JOB.deliverNotifications);
    expect(texts(await chatOf(q.id))).toHaveLength(1);
    await admin.sim.pusher.settle();
  });
});

describe('a handover', () => {
  it('moves the chat and the coming three-party meeting to the new HRBP; the one handing over leaves the chat', async () => {
    await f.at('2026-09-01T01:00:00.000Z');
    const p = await running();
    await t.db.database.db.update(employees).set({ wecomUserId: 'ahr' }).where(eq(employees.id, f.people.aHr!.id));
    await admin.post('reseed');
    await settle();
    await t.db.database.db.transaction((tx) => t.services.pip.lifecycle.handOver(tx, { actorId: null, actorLabel: 'test', requestId: null }, f.people.a1Hrbp!.id, f.people.aHr!.id, 'hrbp', [p.employee.id]));
    await settle();
    const chat = (await chatOf(p.id))!;
    expect(chat.owner).toBe('ahr');
    expect([...chat.userlist].sort()).toEqual(['a1lead', 'ahr', p.userid].sort());
    const three = (await list(p.id)).find((c) => c.kind === 'three_party')!;
    expect((await scheduleOf(three.id))!.attendees.map((a) => a.userid).sort()).toEqual(['a1lead', 'ahr', p.userid].sort());
    // membership is not a milestone: nothing posted
    expect(texts(chat)).toHaveLength(1);
  });
});

describe('milestones and the end of a plan', () => {
  it('a completed evaluation posts one milestone; the outcome and the close post theirs, the last one closing the chat; nothing is posted after', async () => {
    await f.at('2026-09-01T01:00:00.000Z');
    const p = await running();
    await settle();
    await f.at('2026-10-08T01:00:00.000Z');
    await t.services.checkins.evaluations.tick();
    const mid = ((await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/evaluations`), 200)).items as { id: string; pointKey: string }[]).find((e) => e.pointKey === 'mid')!;
    const goalIds = ((await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}`), 200)).goals as { id: string }[]).map((g) => g.id);
    const url = (part: string) => `/api/evaluations/${mid.id}/${part}`;
    await expectStatus(f.c.manager.request('PUT', url('manager'), { goals: goalIds.map((goalId) => ({ goalId, rating: '部分达成', percent: 60, comment: '' })), overall: '部分达成', summary: '进展中' }), 200);
    await expectStatus(p.employee.client.request('PUT', url('self'), { goals: goalIds.map((goalId) => ({ goalId, rating: '达成', comment: '' })), summary: '尽力' }), 200);
    await settle();
    expect(texts(await chatOf(p.id))).toHaveLength(1);
    await expectStatus(f.c.hrbp.request('PUT', url('hrbp'), { comment: '继续跟进' }), 200);
    await settle();
    await settle();
    const afterEval = texts(await chatOf(p.id));
    expect(afterEval).toHaveLength(2);
    expect(afterEval[1]).toMatch(/^「.+」已完成，总体评价：部分达成。$/);

    await f.at('2026-11-02T01:00:00.000Z');
    await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/actions/begin_final_review`, {}), 200);
    await decideOutcome(t, f, p.id, { outcome: 'passed', note: '目标全部达成' });
    await acknowledgeOutcome(p.employee.client, p.id);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 200);
    await settle();
    const end = texts(await chatOf(p.id));
    expect(end.slice(2)).toEqual(['终期评审结果已确认：通过。', '改进计划已结束。本群不再发送消息。']);
    expect((await t.db.database.db.select().from(wecomPipChats).where(eq(wecomPipChats.planId, p.id)))[0]!.closedAt).not.toBeNull();

    // later events post nothing; even a stray milestone is refused by the closed chat
    await t.db.database.db.insert(wecomPipOps).values({ kind: 'chat', ref: p.id, op: 'post', payload: { text: '不应出现' }, status: 'pending', dueAt: t.clock.now(), createdAt: t.clock.now() });
    await settle();
    expect(texts(await chatOf(p.id))).toEqual(end);
    const [stray] = await queryRows<{ status: string; last_error: string }>(t.db.database.db, sql`select status, last_error from wecom_pip_ops where ref = ${p.id} and payload->>'text' = '不应出现'`);
    expect(stray).toEqual({ status: 'skipped', last_error: 'chat closed' });
  });

  it('a cancelled plan cancels its meetings still ahead and closes its chat', async () => {
    await f.at('2026-09-01T01:00:00.000Z');
    const p = await running();
    await settle();
    await f.at('2026-09-20T01:00:00.000Z');
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/cancel`, { reason: '业务调整' }), 200);
    await settle();
    for (const c of await list(p.id)) {
      const s = (await scheduleOf(c.id))!;
      expect(s.status).toBe(c.scheduledAt > '2026-09-20T01:00:00.000Z' ? 1 : 0);
    }
    expect(texts(await chatOf(p.id)).at(-1)).toBe('改进计划已取消。本群不再发送消息。');
    // the reason stays in Uplift
    expect(texts(await chatOf(p.id)).join('')).not.toContain('业务调整');
  });
});

describe('a leaver', () => {
  it('a plan closed because the employee left says so and closes its chat', async () => {
    await f.at('2026-09-01T01:00:00.000Z');
    const p = await running();
    await settle();
    await f.at('2026-09-15T01:00:00.000Z');
    await t.db.database.db.transaction((tx) => t.services.pip.lifecycle.employeeLeft(tx, { actorId: null, actorLabel: 'test', requestId: null }, p.employee.id));
    await settle();
    expect(texts(await chatOf(p.id)).at(-1)).toBe('员工已离职，改进计划结束。本群不再发送消息。');
    const ahead = (await list(p.id)).filter((c) => c.scheduledAt > '2026-09-15T01:00:00.000Z');
    expect(ahead.length).toBeGreaterThan(0);
    for (const c of ahead) expect((await scheduleOf(c.id))!.status).toBe(1);
  });
});

describe('answers to a schedule', () => {
  it('an RSVP in WeCom is recorded on the check-in', async () => {
    await f.at('2026-09-01T01:00:00.000Z');
    const p = await running();
    await settle();
    const [first] = await list(p.id);
    // the invitation went out: nobody has answered yet
    expect(first!.rsvp?.every((r) => r.status === 'pending') ?? true).toBe(true);
    const s = (await scheduleOf(first!.id))!;
    expect(await admin.post('rsvp', { schedule_id: s.schedule_id, userid: 'a1lead', status: 2 })).toMatchObject({ pushed: true });
    expect(await admin.post('rsvp', { schedule_id: s.schedule_id, userid: p.userid, status: 4 })).toMatchObject({ pushed: true });
    await settle();
    const name = await nameOf(p.employee.id);
    const seen = (await list(p.id)).find((c) => c.id === first!.id)!;
    expect(seen.rsvp).toEqual(expect.arrayContaining([{ name, status: 'declined' }, { name: await nameOf(f.people.a1Lead!.id), status: 'accepted' }]));
    expect(seen.rsvp).toHaveLength(2);
    // the employee sees it on the same check-in
    expect((await expectStatus(p.employee.client.request('GET', `/api/checkins/${first!.id}`), 200)).rsvp).toHaveLength(2);
  });
});
