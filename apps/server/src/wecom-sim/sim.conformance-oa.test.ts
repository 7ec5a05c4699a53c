import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { simAdmin } from '../../test/support/wecom-sim.ts';
import { oauthAuthorizeUrl } from '../integrations/wecom/wecom.client.ts';
import type { CallbackPush } from './sim.state.ts';

// Contacts, schedules, app chats, OAuth and JS-SDK tickets: SPEC §4–8 samples through the
// typed client over HTTP, against the simulator seeded from the demo group.

let t: TestApp;
let admin: ReturnType<typeof simAdmin>;
const client = () => t.services.wecom.client;

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  admin = simAdmin(t);
});
afterAll(async () => t?.close());

describe('simulator: contacts (SPEC §4)', () => {
  it('mirrors the demo group: departments by wecom_dept_id under root 1, members by wecom_userid', async () => {
    const [counts] = await queryRows<{ units: number; people: number }>(
      t.db.database.db,
      sql`select (select count(*)::int from org_units where wecom_dept_id is not null and active) as units, (select count(*)::int from employees where wecom_userid is not null) as people`,
    );
    const departments = (await client().listDepartments()).department;
    expect(departments).toHaveLength(counts!.units);
    expect(departments.find((d) => d.id === 1)).toMatchObject({ parentid: 0 });
    const pairs = await client().allUserIds(500);
    expect(new Set(pairs.map((p) => p.userid)).size).toBe(counts!.people);
  });

  it('pages user/list_id with a stable cursor until next_cursor is empty', async () => {
    const first = await client().listUserIds({ limit: 100 });
    expect(first.dept_user).toHaveLength(100);
    expect(first.next_cursor).not.toBe('');
    const again = await client().listUserIds({ limit: 100 });
    expect(again.next_cursor).toBe(first.next_cursor);
    const second = await client().listUserIds({ cursor: first.next_cursor, limit: 100 });
    expect(second.dept_user[0]).not.toEqual(first.dept_user[0]);
    await expect(client().listUserIds({ limit: 10_001 })).rejects.toMatchObject({ errcode: 40058 });
    await expect(client().listUserIds({ cursor: 'garbage', limit: 10 })).rejects.toMatchObject({ errcode: 40058 });
  });

  it('answers user/get in the SPEC shape, without sensitive fields in "new app" mode for the app token', async () => {
    const u = await client().getUser('XH000010');
    expect(u).toMatchObject({ errcode: 0, userid: 'xh000010', status: 1 });
    expect(u.department).toHaveLength(u.is_leader_in_dept.length);
    const appView = await admin.raw('/cgi-bin/user/get', { query: { access_token: await client().http.token('app'), userid: 'xh000010' } });
    expect(appView.json()).not.toHaveProperty('mobile');
    const sub = (await client().listDepartmentIds(1)).department_id.find((d) => d.parentid === 1)!;
    const direct = (await client().listUsers(sub.id)).userlist.length;
    const all = await admin.raw('/cgi-bin/user/simplelist', { query: { access_token: await client().http.token('contact'), department_id: String(sub.id), fetch_child: '1' } });
    expect((all.json().userlist as unknown[]).length).toBeGreaterThanOrEqual(direct);
    await expect(client().getDepartment(999_999)).rejects.toMatchObject({ errcode: 60003 });
  });
});

describe('simulator: calendars and schedules (SPEC §5)', () => {
  it('adds the SPEC schedule, overwrites on update, keeps a cancelled one readable, and pushes the events', async () => {
    const cal = await client().addCalendar({ summary: 'PIP 面谈', color: '#0000FF', admins: ['xh000001'] });
    expect((await client().getCalendars([cal.cal_id])).calendar_list[0]).toMatchObject({ cal_id: cal.cal_id, summary: 'PIP 面谈' });
    const added = await client().addSchedule({
      admins: ['xh000001'],
      start_time: 1571274600,
      end_time: 1571320210,
      is_whole_day: 0,
      attendees: [{ userid: 'xh000002' }],
      summary: '入职培训',
      description: '新员工入职第一天',
      reminders: { is_remind: 1, remind_before_event_secs: 3600, remind_time_diffs: [-3600], is_repeat: 0, timezone: 8 },
      location: '广州国际媒体港10楼1005会议室',
      cal_id: cal.cal_id,
    });
    expect(added.schedule_id).toMatch(/^\w+$/);
    await client().updateSchedule({ schedule_id: added.schedule_id, start_time: 1571274600, end_time: 1571278200, summary: '第一次面谈' });
    let [s] = (await client().getSchedules([added.schedule_id])).schedule_list;
    // overwrite: fields not sent are reset
    expect(s).toMatchObject({ summary: '第一次面谈', attendees: [], location: '', status: 0 });
    await client().addScheduleAttendees(added.schedule_id, ['XH000003']);
    await client().cancelSchedule(added.schedule_id);
    [s] = (await client().getSchedules([added.schedule_id])).schedule_list;
    expect(s).toMatchObject({ status: 1, attendees: [{ userid: 'xh000003', response_status: 0 }] });
    expect((await client().getSchedulesByCalendar(cal.cal_id)).schedule_list).toHaveLength(1);
    await t.services.wecom.sim!.pusher.settle();
    const events = (await admin.view<CallbackPush[]>('pushes')).map((p) => p.event);
    expect(events).toEqual(expect.arrayContaining(['add_schedule', 'modify_schedule', 'delete_schedule']));
  });
});

describe('simulator: app chats (SPEC §6)', () => {
  it('creates, reads, updates and sends to a chat; members must exist; the range must be the root', async () => {
    const { chatid } = await client().createAppChat({ name: 'PIP 三方沟通群', owner: 'xh000001', userlist: ['xh000001', 'XH000002', 'xh000003'] });
    expect((await client().getAppChat(chatid)).chat_info).toMatchObject({ chatid, owner: 'xh000001', userlist: ['xh000001', 'xh000002', 'xh000003'] });
    await client().updateAppChat({ chatid, del_user_list: ['xh000003'], add_user_list: ['xh000004'] });
    expect((await client().getAppChat(chatid)).chat_info.userlist).toEqual(['xh000001', 'xh000002', 'xh000004']);
    expect(await client().sendAppChat(chatid, { msgtype: 'text', text: { content: '欢迎' } })).toEqual({ errcode: 0, errmsg: 'ok' });
    await expect(client().createAppChat({ name: 'x', userlist: ['xh000001', 'nobody'] })).rejects.toMatchObject({ errcode: 86007 });
    await expect(client().getAppChat('nochat')).rejects.toMatchObject({ errcode: 86003 });
    await admin.post('visibility', { parties: [2], users: [] });
    await expect(client().createAppChat({ name: 'x', userlist: ['xh000001', 'xh000002'] })).rejects.toMatchObject({ errcode: 48002 });
    await admin.post('visibility', { parties: [1], users: [] });
  });
});

describe('simulator: OAuth and JS-SDK (SPEC §8)', () => {
  const authorize = async (userid: string, scope: 'snsapi_base' | 'snsapi_privateinfo') => {
    const { corpId, agentId } = t.services.wecom.credentials;
    const url = oauthAuthorizeUrl({ authorizeBase: admin.base, corpId, agentId, redirectUri: 'https://hr.example.com/wecom/landing', state: 'abc123', scope });
    const res = await fetch(`${url.split('#')[0]}&userid=${userid}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.searchParams.get('state')).toBe('abc123');
    return to.searchParams.get('code')!;
  };

  it('exchanges a one-time code for the userid; reuse and expiry answer 40029', async () => {
    const code = await authorize('xh000005', 'snsapi_base');
    expect(await client().getUserInfo(code)).toEqual({ errcode: 0, errmsg: 'ok', userid: 'xh000005' });
    await expect(client().getUserInfo(code)).rejects.toMatchObject({ errcode: 40029 });
    const late = await authorize('xh000005', 'snsapi_base');
    t.clock.advance(301_000);
    await expect(client().getUserInfo(late)).rejects.toMatchObject({ errcode: 40029 });
  });

  it('gives a user_ticket for snsapi_privateinfo, good for getuserdetail for 1800 s', async () => {
    const info = await client().getUserInfo(await authorize('xh000006', 'snsapi_privateinfo'));
    expect(info.user_ticket).toBeTruthy();
    expect(await client().getUserDetail(info.user_ticket!)).toMatchObject({ userid: 'xh000006', mobile: expect.stringMatching(/^1\d{10}$/) });
    t.clock.advance(1801_000);
    await expect(client().getUserDetail(info.user_ticket!)).rejects.toMatchObject({ errcode: 84014 });
  });

  it('issues corp and agent jsapi tickets, cached by the client; a wrong type is 91040', async () => {
    const a = await client().corpJsapiTicket();
    expect(await client().corpJsapiTicket()).toBe(a);
    expect(await client().agentJsapiTicket()).not.toBe(a);
    const raw = await admin.raw('/cgi-bin/ticket/get', { query: { access_token: await client().http.token('app'), type: 'agent' } });
    expect(raw.json().errcode).toBe(91040);
  });
});
