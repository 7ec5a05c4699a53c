import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { employees, users, wecomCardClicks, wecomCards } from '../../db/schema/index.ts';
import { acknowledge, expectStatus, goals, newReport, planBody, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import type { TestApp } from '../../../test/support/test-app.ts';
import { wecomPipFixture, type simAdmin } from '../../../test/support/wecom-sim.ts';
import type { Delivery, SentMessage } from '../../wecom-sim/sim.state.ts';

// Interactive cards in WeCom, through the simulator over HTTP: a click arrives as an encrypted
// template_card_event, runs as that member with the web's checks, and the card is greyed out for
// everyone once its subject is settled, wherever that happened.

let t: TestApp;
let f: PipFixture;
let admin: ReturnType<typeof simAdmin>;

type Button = { text: string; key: string; type?: number; url?: string };
type Card = { task_id: string; card_type: string; main_title: { title: string }; sub_title_text?: string; button_list: Button[] };

beforeAll(async () => {
  ({ t, f, admin } = await wecomPipFixture());
  await t.db.database.db.update(employees).set({ wecomUserId: 'ghr' }).where(eq(employees.id, f.people.groupHr!.id));
});
afterAll(() => t.close());

let seq = 0;
/** A report of a1Lead on WeCom, the simulator re-seeded so it knows them. */
async function reportOnWecom() {
  const e = await newReport(t, f);
  const userid = `card${++seq}`;
  await t.db.database.db.update(employees).set({ wecomUserId: userid }).where(eq(employees.id, e.id));
  await admin.post('reseed');
  return { ...e, userid };
}

/** Notifications out, then clicks, closing checks and card updates. */
async function deliver() {
  await t.services.notify.deliverDue();
  await t.services.wecomCards.drain();
}

/** The cards `userid` got, newest last, with how each looks on their phone now. */
async function cardsOf(userid: string) {
  const messages = new Map((await admin.view<SentMessage[]>('messages')).map((m) => [m.msgid, m]));
  return (await admin.view<Delivery[]>('deliveries'))
    .filter((d) => d.userid === userid && d.body.msgtype === 'template_card')
    .map((d) => ({ msgid: d.msgid, card: d.body.template_card as Card, replaced: d.card.replaceName, recipients: messages.get(d.msgid)?.recipients ?? [] }));
}
const cardFor = async (userid: string, planId: string) => {
  const all = (await cardsOf(userid)).filter((c) => c.card.button_list.some((b) => b.url?.includes(encodeURIComponent(`/pips/${planId}`))));
  return all.at(-1)!;
};
const click = (msgid: string, userid: string, key: string) => admin.post('click', { msgid, userid, key });
const planOf = async (id: string) => expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200);
const texts = async (userid: string) => (await admin.view<Delivery[]>('deliveries')).filter((d) => d.userid === userid && d.body.msgtype === 'text').map((d) => (d.body.text as { content: string }).content);

async function submitted() {
  const e = await reportOnWecom();
  const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id, { plannedStart: '2026-09-07', plannedEnd: '2026-10-30' })), 201);
  await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
  await deliver();
  return { id: id as string, employee: e };
}

describe('approval cards', () => {
  it('a submitted plan puts a card in the approver\'s WeCom; 同意 there approves as them and greys it out', async () => {
    const { id } = await submitted();
    const card = await cardFor('a1lead', id);
    expect(card.card.card_type).toBe('button_interaction');
    expect(card.card.main_title.title).toMatch(/^待审批：改进\d+ 的改进计划$/);
    const [approve, reject] = card.card.button_list;
    expect(approve).toMatchObject({ text: '同意', key: 'pip.approve' });
    expect(approve!.type ?? 0).toBe(0);
    // 驳回 needs a comment: it opens the plan page inside WeCom, signed in through OAuth
    expect(reject).toMatchObject({ text: '驳回', type: 1 });
    expect(decodeURIComponent(reject!.url!)).toMatch(new RegExp(`/api/wecom/oauth/start\\?next=/pips/${id}\\?decide=reject$`));

    const r = await click(card.msgid, 'a1lead', 'pip.approve');
    expect(r).toMatchObject({ pushed: true });
    const plan = await planOf(id);
    const [first, second] = plan.approvals as { status: string; approver: { id: string }; decidedBy?: unknown }[];
    expect(first).toMatchObject({ status: 'approved', approver: { id: f.people.a1Lead!.id } });
    expect(second!.status).toBe('pending');
    expect(plan.state).toBe('pending_approval');
    // the decision is the manager's, in the plan's timeline and the audit trail
    const [row] = await queryRows<{ decided_by: string }>(t.db.database.db, sql`select decided_by from pip_approval_steps where plan_id = ${id} and seq = 1`);
    const [manager] = await t.db.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'f-manager'));
    expect(row!.decided_by).toBe(manager!.id);
    const audit = await queryRows<{ actor_label: string; request_id: string }>(t.db.database.db, sql`select actor_label, request_id from audit_log where action = 'pip.approve' and entity_id = ${id}`);
    expect(audit).toEqual([{ actor_label: 'f-manager', request_id: expect.stringMatching(/^wecom-card:/) }]);
    // the card shows what happened; the next approver has theirs
    expect((await cardFor('a1lead', id)).replaced).toBe('已同意');
    await deliver();
    expect((await cardFor('a1hrbp', id)).replaced).toBeNull();
  });

  it('a decision on the web greys out the card in WeCom too, with the send\'s response code', async () => {
    const { id } = await submitted();
    expect((await cardFor('a1lead', id)).replaced).toBeNull();
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/reject`, { comment: '目标需要更具体' }), 200);
    await deliver();
    expect((await cardFor('a1lead', id)).replaced).toBe('已驳回');
    const [card] = await t.db.database.db.select().from(wecomCards).where(eq(wecomCards.planId, id));
    expect(card).toMatchObject({ status: 'closed', closedText: '已驳回', updateStatus: 'done', updateCode: null });
  });

  it('a card whose response code has lapsed (72 h) is recorded as expired, not updated', async () => {
    const { id } = await submitted();
    await t.db.database.db.update(wecomCards).set({ codeExpiresAt: new Date(t.clock.now().getTime() - 1000) }).where(eq(wecomCards.planId, id));
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/reject`, { comment: '目标需要更具体' }), 200);
    await deliver();
    expect((await cardFor('a1lead', id)).replaced).toBeNull();
    const [card] = await t.db.database.db.select().from(wecomCards).where(eq(wecomCards.planId, id));
    expect(card).toMatchObject({ status: 'closed', closedText: '已驳回', updateStatus: 'expired' });
  });

  it("another app's card click is not ours: nothing is recorded", async () => {
    const before = (await t.db.database.db.select().from(wecomCardClicks)).length;
    expect(await admin.post('event', { event: 'template_card_event', from: 'a1lead', fields: { EventKey: 'approve', TaskId: 'leave-2024-000123', CardType: 'button_interaction', ResponseCode: 'x' } })).toMatchObject({ pushed: true });
    expect((await t.db.database.db.select().from(wecomCardClicks)).length).toBe(before);
  });

  it('a forged click from someone else is refused: nothing changes, nobody is told', async () => {
    const { id, employee } = await submitted();
    const card = await cardFor('a1lead', id);
    // the employee pushes a click on the manager's card (WeCom would never deliver that; a forger might)
    const r = await admin.post('event', { event: 'template_card_event', from: employee.userid, fields: { EventKey: 'pip.approve', TaskId: card.card.task_id, CardType: 'button_interaction', ResponseCode: 'forged' } });
    expect(r).toMatchObject({ pushed: true });
    expect((await planOf(id)).approvals[0].status).toBe('pending');
    expect((await cardFor('a1lead', id)).replaced).toBeNull();
    const [c] = await t.db.database.db.select().from(wecomCardClicks).where(eq(wecomCardClicks.taskId, card.card.task_id));
    expect(c).toMatchObject({ status: 'refused', result: '不是这张卡片的接收人', wecomUserId: employee.userid });
    expect(await texts(employee.userid)).toEqual([]);
    const refused = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where action = 'wecom.card_refused' and entity_id = ${(await t.db.database.db.select().from(wecomCards).where(eq(wecomCards.taskId, card.card.task_id)))[0]!.subjectId}`);
    expect(refused[0]!.n).toBe(1);
  });

  it('a step delegated away: the approver\'s card says so, and a click on it before the update is refused as on the web', async () => {
    const { id } = await submitted();
    await click((await cardFor('a1lead', id)).msgid, 'a1lead', 'pip.approve');
    await deliver();
    const stale = await cardFor('a1hrbp', id);
    const step = ((await planOf(id)).approvals as { id: string; status: string }[]).find((s) => s.status === 'pending')!;
    // group HR hands the HRBP's step to themselves; the HRBP clicks before WeCom shows the change
    await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/approvals/${step.id}/delegate`, { delegateId: f.people.groupHr!.id }), 200);
    const r = await click(stale.msgid, 'a1hrbp', 'pip.approve');
    expect(r).toMatchObject({ pushed: true });
    const plan = await planOf(id);
    expect(plan.state).toBe('pending_approval');
    expect(plan.approvals.find((s: { id: string }) => s.id === step.id).status).toBe('pending');
    expect((await cardFor('a1hrbp', id)).replaced).toBe('已转交他人');
    expect((await texts('a1hrbp')).at(-1)).toMatch(/^跃升：操作未执行。/);
    // the delegate's own card approves
    await deliver();
    const theirs = await cardFor('ghr', id);
    await click(theirs.msgid, 'ghr', 'pip.approve');
    expect((await planOf(id)).state).toBe('goal_setting');
    expect((await cardFor('ghr', id)).replaced).toBe('已同意');
  });

  it('a second click on a settled card changes nothing and says why', async () => {
    const { id } = await submitted();
    const card = await cardFor('a1lead', id);
    await click(card.msgid, 'a1lead', 'pip.approve');
    const before = await planOf(id);
    const again = await click(card.msgid, 'a1lead', 'pip.approve');
    expect(again).toMatchObject({ pushed: true });
    expect((await planOf(id)).version).toBe(before.version);
    expect((await texts('a1lead')).at(-1)).toBe('跃升：操作未执行。此事项已同意。');
  });

  it('a member with no usable account is refused', async () => {
    const { id } = await submitted();
    const card = await cardFor('a1lead', id);
    const db = t.db.database.db;
    const [manager] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'f-manager'));
    await db.update(users).set({ disabled: true }).where(eq(users.id, manager!.id));
    try {
      await click(card.msgid, 'a1lead', 'pip.approve');
    } finally {
      await db.update(users).set({ disabled: false }).where(eq(users.id, manager!.id));
    }
    expect((await planOf(id)).approvals[0].status).toBe('pending');
    expect((await texts('a1lead')).at(-1)).toBe('跃升：操作未执行。您没有可用的跃升账号，请联系 HR。');
  });
});

describe('acknowledgment, minutes and evaluation cards', () => {
  it('the plan to acknowledge opens on the page; the acknowledgment made there greys the card out', async () => {
    const e = await reportOnWecom();
    const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id, { plannedStart: '2026-09-07', plannedEnd: '2026-10-30' })), 201);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
    await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals, finalise: true }), 200);
    await deliver();
    const card = await cardFor(e.userid, id);
    // no callback button: what is signed must be what was read, on the page
    expect(card.card.button_list).toEqual([expect.objectContaining({ text: '查看并签收', type: 1 })]);
    await acknowledge(e.client, id);
    await deliver();
    expect((await cardFor(e.userid, id)).replaced).toBe('已签收');
  });

  it('minutes are confirmed from the card as the employee; an evaluation card closes once its part is in', async () => {
    const p = await runningPlanBetween(t, f, '2026-09-03', '2026-10-31');
    const userid = `card${++seq}`;
    await t.db.database.db.update(employees).set({ wecomUserId: userid }).where(eq(employees.id, p.employee.id));
    await admin.post('reseed');
    // after the first meeting
    await f.at('2026-09-20T01:00:00.000Z');
    const [c] = (await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/checkins`), 200)).items as { id: string }[];
    const planGoals = (await planOf(p.id)).goals as { id: string }[];
    await expectStatus(f.c.manager.request('PUT', `/api/checkins/${c!.id}/minutes`, { minutes: '回款进度落后，约定每周复盘。', progress: planGoals.map((g) => ({ goalId: g.id, percent: 30, comment: '' })) }), 200);
    await deliver();
    const card = await cardFor(userid, p.id);
    expect(card.card.sub_title_text).toMatch(/^纪要：回款进度落后，约定每周复盘。/);
    expect(card.card.button_list.map((b) => [b.text, b.type ?? 0])).toEqual([
      ['确认纪要', 0],
      ['查看纪要', 1],
    ]);
    await click(card.msgid, userid, 'checkin.confirm');
    const after = (await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/checkins`), 200)).items.find((x: { id: string }) => x.id === c!.id);
    expect(after.employeeConfirmedAt).toEqual(expect.any(String));
    expect((await cardFor(userid, p.id)).replaced).toBe('已确认');

    // the mid-term evaluation is pushed: the manager's card opens the form, and closes once it is in
    await f.at('2026-10-08T01:00:00.000Z');
    await t.services.checkins.evaluations.tick();
    await deliver();

    const evalCard = (await cardsOf('a1lead')).filter((x) => x.card.button_list[0]?.text === '去评估').at(-1)!;
    expect(evalCard.replaced).toBeNull();
    const [ev] = ((await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/evaluations`), 200)).items as { id: string; status: string }[]).filter((x) => x.status === 'open');
    await expectStatus(f.c.manager.request('PUT', `/api/evaluations/${ev!.id}/manager`, { goals: planGoals.map((g) => ({ goalId: g.id, rating: '部分达成', percent: 50 })), overall: '部分达成', summary: '中期评估' }), 200);
    await deliver();
    expect((await cardsOf('a1lead')).find((x) => x.msgid === evalCard.msgid)!.replaced).toBe('已提交');
  });
});
