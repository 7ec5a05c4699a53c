import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { simAdmin } from '../../test/support/wecom-sim.ts';
import type { WecomEvent } from '../integrations/wecom/wecom.events.ts';
import { buttonCard } from '../integrations/wecom/wecom.messages.ts';
import { xmlText } from '../integrations/wecom/wecom.xml.ts';
import type { Delivery } from './sim.state.ts';

// The simulator pushes encrypted callbacks to the app's own /api/wecom/callback over HTTP,
// with WeCom's retries; the app verifies, de-duplicates and dispatches them.

let t: TestApp;
let admin: ReturnType<typeof simAdmin>;
const contactEvents: WecomEvent[] = [];
const clicks: WecomEvent[] = [];
let failNext = 0;
let active: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  admin = simAdmin(t);
  active = (await queryRows<{ id: string }>(t.db.database.db, sql`select wecom_userid as id from employees where status = 'active' order by employee_no limit 3`)).map((r) => r.id);
  t.services.wecom.events.on('change_contact', async (_tx, e) => {
    if (failNext > 0) {
      failNext--;
      throw new Error('handler failed: the transaction rolls back and WeCom retries');
    }
    contactEvents.push(e);
  });
  t.services.wecom.events.on('template_card_event', async (_tx, e) => {
    clicks.push(e);
    return { replyXml: `<xml><ToUserName>${e.fromUser}</ToUserName><FromUserName>${e.toUser}</FromUserName><CreateTime>${e.createTime}</CreateTime><MsgType>update_button</MsgType><Button><ReplaceName>已处理</ReplaceName></Button></xml>` };
  });
});
afterAll(async () => t?.close());

const receipts = async () => (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from wecom_callback_receipts`))[0]!.n;

describe('simulator → app callbacks over HTTP', () => {
  it('passes the URL verification the admin console does', async () => {
    expect(await admin.post('verify-callback')).toMatchObject({ ok: true, status: 200 });
  });

  it('delivers an event once, audited', async () => {
    const before = await receipts();
    const r = await admin.post('event', { event: 'change_contact', fields: { ChangeType: 'update_user', UserID: 'xh000007', Position: '高级工程师' } });
    expect(r).toMatchObject({ pushed: true, attempts: 1 });
    expect(contactEvents.at(-1)).toMatchObject({ event: 'change_contact', changeType: 'update_user', fromUser: 'sys' });
    expect(xmlText(contactEvents.at(-1)!.fields, 'UserID')).toBe('xh000007');
    expect(await receipts()).toBe(before + 1);
  });

  it('is retried after a failure (rolled back, nothing stored) and then processed once', async () => {
    const before = await receipts();
    const handled = contactEvents.length;
    failNext = 1;
    t.sleeps.length = 0;
    const r = await admin.post('event', { event: 'change_contact', fields: { ChangeType: 'create_party', Id: 99 } });
    expect(r).toMatchObject({ pushed: true, attempts: 2 });
    expect(t.sleeps).toEqual([1000]);
    expect(contactEvents).toHaveLength(handled + 1);
    expect(await receipts()).toBe(before + 1);
  });

  it('turns a card click into template_card_event with a response code that updates the card', async () => {
    const card = buttonCard({ task_id: 'pip-ack-1', main_title: { title: '请确认改进计划' }, buttons: [{ text: '确认', key: 'ack:1' }] });
    const sent = await t.services.wecom.client.sendMessage({ touser: [active[0]!] }, card);
    const click = await admin.post('click', { msgid: sent.msgid, userid: active[0], key: 'ack:1' });
    // the app's encrypted update_button reply greyed the card out in the simulated client
    expect(click).toMatchObject({ pushed: true, replaced: '已处理' });
    expect((await admin.view<Delivery[]>('deliveries')).find((d) => d.msgid === sent.msgid)?.card.replaceName).toBe('已处理');
    const e = clicks.at(-1)!;
    expect(e).toMatchObject({ event: 'template_card_event', fromUser: active[0] });
    expect(xmlText(e.fields, 'EventKey')).toBe('ack:1');
    expect(xmlText(e.fields, 'TaskId')).toBe('pip-ack-1');
    const code = xmlText(e.fields, 'ResponseCode')!;
    expect(code).toBe(click.responseCode);
    expect((await t.services.wecom.client.updateTemplateCardButton(code, '已确认')).errcode).toBe(0);
  });

  it('does not push to a stranger: a click by someone who did not receive the card is refused', async () => {
    const card = buttonCard({ task_id: 'pip-ack-2', main_title: { title: '请确认' }, buttons: [{ text: '确认', key: 'ack:2' }] });
    const sent = await t.services.wecom.client.sendMessage({ touser: [active[1]!] }, card);
    expect(await admin.post('click', { msgid: sent.msgid, userid: active[2], key: 'ack:2' })).toMatchObject({ pushed: false });
  });

  it('keeps the admin API behind its key', async () => {
    const res = await fetch(`${admin.base}/admin/stats`);
    expect(res.status).toBe(401);
    const bad = await fetch(`${admin.base}/admin/fault`, { method: 'POST', headers: { 'x-wecom-sim-key': 'wrong' }, body: '{}' });
    expect(bad.status).toBe(401);
  });
});
