import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { outbox, wecomDeliveries } from '../../db/schema/index.ts';
import { systemActor } from '../audit/audit.service.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { simAdmin } from '../../../test/support/wecom-sim.ts';
import type { Delivery, SentMessage } from '../../wecom-sim/sim.state.ts';

// Notifications delivered as WeCom app messages through the simulator over HTTP: batched by
// identical content, one status per recipient, safe to deliver twice.

let t: TestApp;
let admin: ReturnType<typeof simAdmin>;
type Person = { userId: string; wecomId: string };
let people: Person[];

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  admin = simAdmin(t);
  people = await queryRows<Person>(
    t.db.database.db,
    sql`select e.user_id as "userId", e.wecom_userid as "wecomId" from employees e where e.user_id is not null and e.status = 'active' order by e.employee_no limit 4`,
  );
  // first start published the demo policy to everyone: deliver that first, so each test sees only its own
  for (let r = await t.services.notify.deliverDue(1000); r.sent + r.failed + r.dead > 0; r = await t.services.notify.deliverDue(1000));
});
afterAll(async () => t?.close());

async function notify(recipients: string[], dedupeKey: string, title = '改进计划已开始') {
  await t.db.database.db.transaction(async (tx) => {
    await t.services.notify.notify(tx, systemActor('test'), { recipients, kind: 'pip.started', dedupeKey, payload: { title: { 'zh-CN': title }, body: { 'zh-CN': '请在 3 天内确认目标' }, link: '/pips/1' } });
  });
}

const statuses = async (key: string) =>
  queryRows<{ wecom_userid: string | null; status: string; msgid: string | null }>(
    t.db.database.db,
    sql`select d.wecom_userid, d.status, d.msgid from wecom_deliveries d join outbox o on o.id = d.outbox_id join notifications n on n.id = o.notification_id where n.dedupe_key = ${key} order by d.wecom_userid`,
  );

describe('the WeCom notification channel', () => {
  it('reaches only people with a WeCom id, sends identical content in one call, and records each recipient', async () => {
    expect(t.services.notify.channels()).toContain('wecom');
    const before = (await admin.view<SentMessage[]>('messages')).length;
    await notify(people.map((p) => p.userId), 'ch:1');
    const result = await t.services.notify.deliverDue();
    expect(result.sent).toBeGreaterThanOrEqual(people.length * 2);
    const messages = (await admin.view<SentMessage[]>('messages')).slice(before);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.recipients.sort()).toEqual(people.map((p) => p.wecomId).sort());
    expect(messages[0]!.body).toMatchObject({ msgtype: 'textcard', textcard: { title: '改进计划已开始', url: `${t.url}/api/wecom/oauth/start?next=%2Fpips%2F1`, btntxt: '详情' } });
    const rows = await statuses('ch:1');
    expect(rows.map((r) => r.status)).toEqual(people.map(() => 'sent'));
    expect(new Set(rows.map((r) => r.msgid)).size).toBe(1);
  });

  it('records a member WeCom rejects as invalid and does not retry it', async () => {
    const [a, b] = people;
    await admin.post('visibility', { parties: [], users: [a!.wecomId] });
    try {
      await notify([a!.userId, b!.userId], 'ch:2', '只有一位可见');
      await t.services.notify.deliverDue();
    } finally {
      await admin.post('visibility', { parties: [1], users: [] });
    }
    const rows = await statuses('ch:2');
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ wecom_userid: a!.wecomId, status: 'sent' }),
        expect.objectContaining({ wecom_userid: b!.wecomId, status: 'invalid', msgid: null }),
      ]),
    );
    const [pending] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from outbox where channel = 'wecom' and status <> 'sent'`);
    expect(pending!.n).toBe(0);
  });

  it('does not send twice when an outbox row is delivered again (crash after send)', async () => {
    await notify([people[2]!.userId], 'ch:3', '重复投递');
    await t.services.notify.deliverDue();
    const [row] = await t.db.database.db.select({ id: outbox.id }).from(outbox).innerJoin(wecomDeliveries, eq(wecomDeliveries.outboxId, outbox.id)).where(and(eq(outbox.channel, 'wecom'), eq(wecomDeliveries.wecomUserId, people[2]!.wecomId)));
    const count = async () => (await admin.view<Delivery[]>('deliveries')).filter((d) => d.userid === people[2]!.wecomId && (d.body as { textcard?: { title?: string } }).textcard?.title === '重复投递').length;
    expect(await count()).toBe(1);
    // as if the process died before marking it sent
    await t.db.database.db.update(outbox).set({ status: 'pending', nextAttemptAt: t.clock.now() }).where(eq(outbox.id, row!.id));
    await t.services.notify.deliverDue();
    expect(await count()).toBe(1);
  });

  it('loses nothing and sends nothing twice when the process dies after WeCom accepted the batch but before any status was recorded', async () => {
    const [a, b] = people;
    await notify([a!.userId, b!.userId], 'ch:crash', '提交后崩溃');
    const count = async () => (await admin.view<Delivery[]>('deliveries')).filter((d) => (d.body as { textcard?: { title?: string } }).textcard?.title === '提交后崩溃').length;
    expect(await count()).toBe(0);
    await t.services.notify.deliverDue();
    expect(await count()).toBe(2);
    const first = await statuses('ch:crash');
    // as if the process died right after the simulator took the message: neither the per-recipient
    // status nor the outbox row was recorded (the lease expired and the rows are due again)
    const ids = (await queryRows<{ id: number }>(t.db.database.db, sql`select o.id from outbox o join notifications n on n.id = o.notification_id where n.dedupe_key = 'ch:crash' and o.channel = 'wecom'`)).map((r) => r.id);
    expect(ids).toHaveLength(2);
    await t.db.database.db.delete(wecomDeliveries).where(sql`${wecomDeliveries.outboxId} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    await t.db.database.db.update(outbox).set({ status: 'pending', nextAttemptAt: t.clock.now() }).where(sql`${outbox.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    t.clock.advance(5 * 60_000);
    await t.services.notify.deliverDue();
    // WeCom's duplicate check drops the identical request: each member still has it once, and both are recorded sent again
    expect(await count()).toBe(2);
    const again = await statuses('ch:crash');
    expect(again.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(again.map((r) => r.msgid)).toEqual(first.map((r) => r.msgid));
    const [pending] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from outbox where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) and status <> 'sent'`);
    expect(pending!.n).toBe(0);
  });

  it('retries through notify when WeCom is busy beyond the client retries', async () => {
    await admin.post('fault', { errcode: -1, path: '/cgi-bin/message/send', times: 8 });
    await notify([people[3]!.userId], 'ch:4', '繁忙重试');
    const first = await t.services.notify.deliverDue();
    expect(first.failed).toBeGreaterThanOrEqual(1);
    expect(await statuses('ch:4')).toEqual([]);
    t.clock.advance(10 * 60_000);
    await t.services.notify.deliverDue();
    expect((await statuses('ch:4')).map((r) => r.status)).toEqual(['sent']);
  });
});
