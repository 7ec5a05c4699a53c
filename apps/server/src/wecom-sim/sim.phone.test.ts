import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { buttonCard, textCard } from '../integrations/wecom/wecom.messages.ts';
import type { WecomEvent } from '../integrations/wecom/wecom.events.ts';

// The simulator's phone view in demo mode: what a member sees, buttons that push real
// callbacks, and sign-in to Uplift as the member holding the phone.

let t: TestApp;
let member: string;
const clicks: WecomEvent[] = [];

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  const [row] = await queryRows<{ id: string }>(t.db.database.db, sql`select e.wecom_userid as id from employees e join users u on u.id = e.user_id where u.username = 'manager'`);
  member = row!.id;
  t.services.wecom.events.on('template_card_event', async (_tx, e) => {
    clicks.push(e);
    return { replyXml: `<xml><ToUserName>${e.fromUser}</ToUserName><FromUserName>${e.toUser}</FromUserName><CreateTime>${e.createTime}</CreateTime><MsgType>update_button</MsgType><Button><ReplaceName>已确认</ReplaceName></Button></xml>` };
  });
});
afterAll(async () => t?.close());

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`)) ?? null;

describe('the simulator phone view', () => {
  it('lists members to pick from', async () => {
    const res = await fetch(`${t.url}/wecom-sim/phone?q=${member}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`/wecom-sim/phone?userid=${member}`);
  });

  it('shows the member their messages, escaped, and a card button that pushes a real click', async () => {
    await t.services.wecom.client.sendMessage({ touser: [member] }, textCard({ title: '<script>alert(1)</script>', lines: [{ text: '请确认目标', tone: 'highlight' }], url: 'https://hr.example.com/pips/1' }));
    const card = await t.services.wecom.client.sendMessage({ touser: [member] }, buttonCard({ task_id: 'phone-1', main_title: { title: '请确认改进计划' }, buttons: [{ text: '确认', key: 'ack:phone-1' }] }));
    const view = await fetch(`${t.url}/wecom-sim/phone?userid=${member}`);
    const html = await view.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<div class="highlight">请确认目标</div>');
    expect(html).toContain(`name="msgid" value="${card.msgid}"`);
    const click = await fetch(`${t.url}/wecom-sim/phone/click`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ msgid: card.msgid, userid: member, key: 'ack:phone-1' }).toString() });
    expect(click.status).toBe(303);
    expect(clicks.at(-1)).toMatchObject({ event: 'template_card_event', fromUser: member });
    const after = await (await fetch(`${t.url}/wecom-sim/phone?userid=${member}`)).text();
    expect(after).toContain('<div class="done">已确认</div>');
  });

  it('signs in to Uplift as the member whose phone is open', async () => {
    const phone = await fetch(`${t.url}/wecom-sim/phone?userid=${member}`);
    const simUser = cookieOf(phone, 'wecom_sim_user')!;
    const start = await fetch(`${t.url}/api/wecom/oauth/start?next=/inbox`, { redirect: 'manual' });
    const state = cookieOf(start, 'uplift_wecom_oauth')!;
    const authorize = await fetch(start.headers.get('location')!.split('#')[0]!, { redirect: 'manual', headers: { cookie: simUser } });
    expect(authorize.status).toBe(302);
    const done = await fetch(authorize.headers.get('location')!, { redirect: 'manual', headers: { cookie: state } });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/inbox');
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: cookieOf(done, 'uplift_sid')! } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('manager');
  });
});
