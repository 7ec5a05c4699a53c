import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { simAdmin } from '../../test/support/wecom-sim.ts';
import { appMenu } from '../integrations/wecom/wecom.menu.ts';
import { buttonCard, textCard, textMessage } from '../integrations/wecom/wecom.messages.ts';
import type { Delivery, SentMessage } from './sim.state.ts';

// SPEC's sample requests and responses run against the simulator through the typed client
// over HTTP; the protocol rules the client never shows are checked with raw requests.

let t: TestApp;
let admin: ReturnType<typeof simAdmin>;
const client = () => t.services.wecom.client;

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  admin = simAdmin(t);
});
afterAll(async () => t?.close());

describe('simulator: protocol (SPEC §1–2, §11.1–3)', () => {
  it('checks gettoken parameters in WeCom order and returns the same token while valid', async () => {
    const { corpId, secret } = t.services.wecom.credentials;
    const code = async (query: Record<string, string>) => (await admin.raw('/cgi-bin/gettoken', { query })).json().errcode;
    expect(await code({})).toBe(41004);
    expect(await code({ corpsecret: secret })).toBe(41002);
    expect(await code({ corpid: 'ww0000000000000000', corpsecret: secret })).toBe(40013);
    expect(await code({ corpid: corpId, corpsecret: 'wrong' })).toBe(40001);
    const a = (await admin.raw('/cgi-bin/gettoken', { query: { corpid: corpId, corpsecret: secret } })).json();
    const b = (await admin.raw('/cgi-bin/gettoken', { query: { corpid: corpId, corpsecret: secret } })).json();
    expect(a).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(b.access_token).toBe(a.access_token);
  });

  it('reads the token from the query only; errors are HTTP 200 with the real errmsg shape', async () => {
    const token = await client().http.token('app');
    const res = await admin.raw('/cgi-bin/department/get', { query: { id: '1' }, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ errcode: 41001 });
    expect(String(res.json().errmsg)).toMatch(/^access_token missing, hint: \[.+\], from ip: .+, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=41001$/);
    expect(res.headers.get('error-code')).toBe('41001');
    // the token is checked before the body
    expect((await admin.raw('/cgi-bin/message/send', { query: { access_token: 'fake' }, body: '{}' })).json().errcode).toBe(40014);
    expect((await admin.raw('/cgi-bin/message/send', { query: { access_token: token }, body: '{not json' })).json().errcode).toBe(47001);
  });

  it('answers unknown paths with 404 and an empty body', async () => {
    const res = await admin.raw('/cgi-bin/no/such/api');
    expect(res.status).toBe(404);
    expect(res.text).toBe('');
  });
});

describe('simulator: app messages (SPEC §3)', () => {
  it('sends the SPEC textcard, lists invalid recipients lower-cased, and fails 81013 when none is valid', async () => {
    const card = textCard({ title: '请假审批已通过', lines: [{ text: '2024-05-01', tone: 'gray' }, { text: '年假 3 天' }], url: 'https://hr.example.com/leave/123', button: '详情' });
    const r = await client().sendMessage({ touser: ['XH000001', 'ZhangSan'] }, card, { duplicateCheckSeconds: 600 });
    expect(r).toMatchObject({ errcode: 0, errmsg: 'ok', invaliduser: ['zhangsan'], invalidparty: [], invalidtag: [] });
    expect(r.msgid).not.toBe('');
    await expect(client().sendMessage({ touser: ['nobody1', 'nobody2'] }, textMessage('hi'))).rejects.toMatchObject({ errcode: 81013, path: '/cgi-bin/message/send' });
  });

  it('applies the visibility range: out-of-range members are invalid, user/get answers 60011 with empty lists', async () => {
    const subs = (await client().listDepartmentIds()).department_id.filter((d) => d.parentid === 1);
    expect(subs.length).toBeGreaterThan(1);
    const inSub = async (id: number) => {
      const depts = new Set((await client().listDepartmentIds(id)).department_id.map((d) => d.id));
      return (await client().allUserIds()).filter((r) => depts.has(r.department)).map((r) => r.userid);
    };
    const [inside] = await inSub(subs[0]!.id);
    const [outside] = await inSub(subs[1]!.id);
    await admin.post('visibility', { parties: [subs[0]!.id], users: [] });
    try {
      const res = await client().sendMessage({ touser: [inside!, outside!.toUpperCase()] }, textMessage('范围测试'));
      expect(res.invaliduser).toEqual([outside]);
      await expect(client().sendMessage({ touser: [outside!] }, textMessage('x'))).rejects.toMatchObject({ errcode: 81013 });
      const raw = await admin.raw('/cgi-bin/user/get', { query: { access_token: await client().http.token('app'), userid: outside! } });
      expect(raw.json()).toMatchObject({ errcode: 60011, department: [], order: [], is_leader_in_dept: [], direct_leader: [] });
      // the contact-sync secret sees the whole corp
      expect((await client().getUser(outside!)).userid).toBe(outside);
    } finally {
      await admin.post('visibility', { parties: [1], users: [] });
    }
  });

  it('drops sends beyond 30 per member per minute silently', async () => {
    const before = (await admin.view<Delivery[]>('deliveries')).filter((d) => d.userid === 'xh000002').length;
    for (let i = 0; i < 31; i++) {
      const r = await client().sendMessage({ touser: ['xh000002'] }, textMessage(`提醒 ${i}`));
      expect(r.errcode).toBe(0);
    }
    const mine = (await admin.view<Delivery[]>('deliveries')).filter((d) => d.userid === 'xh000002').slice(before);
    expect(mine.filter((d) => d.dropped === null)).toHaveLength(30);
    expect(mine.filter((d) => d.dropped === 'rate_limit')).toHaveLength(1);
    t.clock.advance(61_000);
    await client().sendMessage({ touser: ['xh000002'] }, textMessage('一分钟后'));
    expect((await admin.view<Delivery[]>('deliveries')).at(-1)).toMatchObject({ userid: 'xh000002', dropped: null });
  });

  it('de-duplicates identical requests within the interval', async () => {
    const msg = textMessage('重复检查');
    const a = await client().sendMessage({ touser: ['xh000003'] }, msg, { duplicateCheckSeconds: 600 });
    const b = await client().sendMessage({ touser: ['xh000003'] }, msg, { duplicateCheckSeconds: 600 });
    expect(b.msgid).toBe(a.msgid);
    expect((await admin.view<Delivery[]>('deliveries')).filter((d) => d.msgid === a.msgid)).toHaveLength(1);
    t.clock.advance(601_000);
    const c = await client().sendMessage({ touser: ['xh000003'] }, msg, { duplicateCheckSeconds: 600 });
    expect(c.msgid).not.toBe(a.msgid);
  });

  it('sends the SPEC approval card; its response_code updates the card once; recall works within 24 h', async () => {
    const card = buttonCard({
      task_id: 'leave-2024-000123',
      main_title: { title: '张三 申请年假', desc: '2024-05-01 ~ 2024-05-03' },
      horizontal_content_list: [{ keyname: '天数', value: '3' }],
      url: 'https://hr.example.com/leave/123',
      buttons: [
        { text: '同意', style: 1, key: 'approve:123' },
        { text: '驳回', style: 2, key: 'reject:123' },
      ],
    });
    const sent = await client().sendMessage({ touser: ['xh000004'] }, card);
    expect(sent.response_code).toBeTruthy();
    await expect(client().sendMessage({ touser: ['xh000004'] }, card)).rejects.toMatchObject({ errcode: 40058 });
    expect(await client().updateTemplateCardButton(sent.response_code!, '已同意', { userids: ['xh000004'] })).toEqual({ errcode: 0, errmsg: 'ok', invaliduser: [] });
    await expect(client().updateTemplateCardButton(sent.response_code!, '已同意')).rejects.toMatchObject({ errcode: 40058 });
    expect((await admin.view<Delivery[]>('deliveries')).find((d) => d.msgid === sent.msgid)?.card.replaceName).toBe('已同意');
    expect(await client().recallMessage(sent.msgid)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await admin.view<SentMessage[]>('messages')).find((m) => m.msgid === sent.msgid)?.recalled).toBe(true);
  });
});

describe('simulator: the app menu (menu/create)', () => {
  it("sets Uplift's menu, which the member's phone shows; a bad menu is refused with its errcode and changes nothing", async () => {
    const menu = appMenu('http://uplift.example');
    expect(await client().createMenu(menu)).toEqual({ errcode: 0, errmsg: 'ok' });
    const token = await client().http.token('app');
    const agentid = String(client().agentId);
    const read = async () => (await admin.raw('/cgi-bin/menu/get', { query: { access_token: token, agentid } })).json();
    expect((await read()).button).toEqual(menu.button);
    const create = async (body: unknown) => (await admin.raw('/cgi-bin/menu/create', { query: { access_token: token, agentid }, body: JSON.stringify(body) })).json().errcode;
    expect(await create({ button: [] })).toBe(40016);
    expect(await create({ button: [{ type: 'view', name: '一二三四五六', url: 'http://x.example' }] })).toBe(40018);
    expect(await create({ button: [{ type: 'view', name: '链接', url: 'x.example' }] })).toBe(40055);
    expect(await create({ button: [{ type: 'scan', name: '扫码' }] })).toBe(40017);
    expect(await create({ button: [{ name: '组', sub_button: Array.from({ length: 6 }, (_, i) => ({ type: 'click', name: `k${i}`, key: `k${i}` })) }] })).toBe(40023);
    expect((await admin.raw('/cgi-bin/menu/create', { query: { access_token: token, agentid: '1' }, body: JSON.stringify(menu) })).json().errcode).toBe(40056);
    expect((await read()).button).toEqual(menu.button);
    const phone = await (await fetch(`${admin.base}/phone?userid=xh000004`)).text();
    expect(phone).toContain(`data-menu="工作台" href="http://uplift.example/api/wecom/oauth/start?next=%2Fm"`);
  });
});
