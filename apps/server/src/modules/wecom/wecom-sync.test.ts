import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { SyncRun, SyncStatus } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { employees, users, wecomSyncRuns } from '../../db/schema/index.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { simAdmin } from '../../../test/support/wecom-sim.ts';

// Contact sync against the simulator over HTTP, seeded from the demo group: matching by
// employee number then mobile, per-field masters, preview → apply (atomic, refused when
// stale), leavers through the people module, the daily job and change_contact callbacks.
// Every test starts from a freshly reseeded directory that mirrors the org.

let t: TestApp;
let hr: Client;
let admin: ReturnType<typeof simAdmin>;
type Row = { id: string; no: string; userid: string; name: string; position: string; user_id: string | null };
let staff: Row[];

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  admin = simAdmin(t);
  hr = await t.login('hr');
  staff = await queryRows<Row>(
    t.db.database.db,
    sql`select id, employee_no as no, wecom_userid as userid, name, position, user_id from employees where status = 'active' and manager_id is not null and user_id is null order by employee_no desc limit 8`,
  );
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await admin.post('reseed');
});

const users$ = () => admin.sim.state.users;
const preview = async (who: Client = hr, mode: 'full' | 'daily' = 'full') => {
  const res = await who.request('POST', '/api/wecom/sync/preview', { mode });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SyncRun;
};
const apply = (previewId: string, who: Client = hr) => who.request('POST', '/api/wecom/sync/apply', { previewId });
const setMasters = async (fields: Record<string, 'uplift' | 'wecom'>) => {
  const res = await hr.request('PUT', '/api/wecom/sync/settings', { fields });
  expect(res.statusCode, res.body).toBe(200);
};
const employee = async (id: string) => (await t.db.database.db.select().from(employees).where(eq(employees.id, id)))[0]!;

describe('WeCom contact sync', () => {
  it('finds nothing to do when the directory mirrors the org, Uplift master of every field by default', async () => {
    const status = (await hr.request('GET', '/api/wecom/sync/status')).json() as SyncStatus;
    expect(status.settings.fields).toEqual({ name: 'uplift', unit: 'uplift', manager: 'uplift', position: 'uplift', status: 'uplift' });
    const p = await preview();
    expect(p.counts).toEqual({ links: 0, updates: 0, differences: 0, leavers: 0, unmappedDepartments: 0, proposals: 0 });
    expect(p.status).toBe('preview');
  });

  it('links by employee number, else by the mobile blind index, and applies the links atomically, audited', async () => {
    const [a, b] = staff;
    await t.db.database.db.update(employees).set({ wecomUserId: null }).where(sql`${employees.id} in (${a!.id}, ${b!.id})`);
    // b is known in WeCom under another userid; only the mobile (contact secret) ties them
    const mb = users$().get(b!.userid)!;
    users$().delete(b!.userid);
    users$().set('renamed.b', { ...mb, userid: 'renamed.b', mobile: '+86 13912345678' });
    await t.db.database.db.update(employees).set({ mobileBidx: t.services.fieldCrypto.blindIndex('13912345678') }).where(eq(employees.id, b!.id));
    const p = await preview();
    expect(p.diff.links).toEqual([
      ...[
        { employeeId: a!.id, employeeNo: a!.no, name: a!.name, userid: a!.userid, by: 'employee_no' },
        { employeeId: b!.id, employeeNo: b!.no, name: b!.name, userid: 'renamed.b', by: 'mobile' },
      ].sort((x, y) => x.employeeNo.localeCompare(y.employeeNo)),
    ]);
    expect(p.counts.updates + p.counts.leavers).toBe(0);
    const res = await apply(p.id);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as SyncRun).result).toEqual({ linked: 2, updated: 0, leavers: 0, handover: [] });
    expect((await employee(b!.id)).wecomUserId).toBe('renamed.b');
    const [audit] = await queryRows<{ actor_label: string }>(t.db.database.db, sql`select actor_label from audit_log where action = 'wecom.sync_apply' order by seq desc limit 1`);
    expect(audit!.actor_label).toBe('hr');
    // applied once only
    expect((await apply(p.id)).statusCode).toBe(409);
    await t.db.database.db.update(employees).set({ wecomUserId: b!.userid }).where(eq(employees.id, b!.id));
  });

  it('never links through a mobile the directory does not return (new-app privacy rules)', async () => {
    const [, , c] = staff;
    await t.db.database.db.update(employees).set({ wecomUserId: null, mobileBidx: t.services.fieldCrypto.blindIndex('13900000001') }).where(eq(employees.id, c!.id));
    const mc = users$().get(c!.userid)!;
    users$().delete(c!.userid);
    users$().set('other.c', { ...mc, userid: 'other.c', mobile: '', name: `${mc.name}·` });
    try {
      const p = await preview();
      expect(p.diff.links).toEqual([]);
    } finally {
      await t.db.database.db.update(employees).set({ wecomUserId: c!.userid }).where(eq(employees.id, c!.id));
    }
  });

  it('reports differences of Uplift-master fields and updates WeCom-master ones, in the job history', async () => {
    const [, , , d] = staff;
    users$().get(d!.userid)!.name = `${d!.name}（新）`;
    users$().get(d!.userid)!.position = '高级顾问';
    const before = await preview();
    expect(before.diff.differences).toEqual(expect.arrayContaining([expect.objectContaining({ employeeId: d!.id, field: 'name', uplift: d!.name, wecom: `${d!.name}（新）` })]));
    expect(before.counts.updates).toBe(0);
    await setMasters({ name: 'wecom', position: 'wecom' });
    try {
      const p = await preview();
      expect(p.diff.updates.map((u) => [u.employeeId, u.field, u.to])).toEqual([
        [d!.id, 'name', `${d!.name}（新）`],
        [d!.id, 'position', '高级顾问'],
      ]);
      // the preview made before the setting changed is no longer current
      expect((await apply(before.id)).statusCode).toBe(409);
      expect((await apply(p.id)).statusCode).toBe(200);
      const e = await employee(d!.id);
      expect([e.name, e.position]).toEqual([`${d!.name}（新）`, '高级顾问']);
      const history = await queryRows<{ changes: Record<string, unknown> }>(t.db.database.db, sql`select changes from job_history where employee_id = ${d!.id} and reason = '企业微信通讯录同步'`);
      expect(history.map((h) => h.changes)).toEqual([{ position: { from: d!.position, to: '高级顾问' } }]);
      const settingsAudit = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where action = 'wecom.sync_settings'`);
      expect(settingsAudit[0]!.n).toBeGreaterThanOrEqual(1);
    } finally {
      await setMasters({ name: 'uplift', position: 'uplift' });
      await t.db.database.db.update(employees).set({ name: d!.name, position: d!.position }).where(eq(employees.id, d!.id));
    }
  });

  it('refuses a preview the directory has moved past, and changes nothing', async () => {
    const [, , , , e] = staff;
    users$().delete(e!.userid);
    const p = await preview();
    expect(p.diff.leavers).toEqual([expect.objectContaining({ employeeId: e!.id, reason: 'deleted' })]);
    users$().get(staff[5]!.userid)!.position = '变了';
    const res = await apply(p.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await employee(e!.id)).status).toBe('active');
    expect(((await hr.request('GET', `/api/wecom/sync/runs/${p.id}`)).json() as SyncRun).status).toBe('stale');
  });

  it('processes members deleted from WeCom as leavers (the people module path), all in one transaction, naming the open work to hand over', async () => {
    const [, , , , e] = staff;
    const [boss] = await queryRows<Row & { reports: number }>(
      t.db.database.db,
      sql`select m.id, m.employee_no as no, m.wecom_userid as userid, m.name, (select count(*)::int from employees r where r.manager_id = m.id and r.status <> 'left') as reports
          from employees m where m.status = 'active' and m.user_id is null and m.wecom_userid is not null and exists (select 1 from employees r where r.manager_id = m.id and r.status <> 'left') order by m.employee_no desc limit 1`,
    );
    users$().delete(e!.userid);
    users$().delete(boss!.userid);
    const p = await preview();
    expect(p.counts.leavers).toBe(2);
    const res = await apply(p.id);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as SyncRun).result!.handover).toEqual([expect.objectContaining({ employeeId: boss!.id, reports: boss!.reports })]);
    expect((await employee(boss!.id)).status).toBe('left');
    const after = await employee(e!.id);
    expect([after.status, after.leaveReason]).toEqual(['left', '企业微信中已删除该成员']);
    const [leave] = await queryRows<{ actor_label: string }>(t.db.database.db, sql`select actor_label from audit_log where action = 'employee.leave' and entity_id = ${e!.id}`);
    expect(leave!.actor_label).toBe('hr');
  });

  it('the daily run applies links and WeCom-master fields only, and a second run does nothing', async () => {
    const [, , , , , f, g] = staff;
    await t.db.database.db.update(employees).set({ wecomUserId: null }).where(eq(employees.id, f!.id));
    users$().delete(g!.userid); // a deletion is left to change_contact and the full sync
    await setMasters({ position: 'wecom' });
    try {
      users$().get(f!.userid)!.position = '每日同步岗位';
      const [old] = await t.db.database.db.insert(wecomSyncRuns).values({ mode: 'full', hash: 'x', diff: {}, status: 'stale', createdAt: new Date(t.clock.now().getTime() - 40 * 86_400_000) }).returning({ id: wecomSyncRuns.id });
      const first = await t.services.wecomSync.daily();
      expect(await t.db.database.db.select().from(wecomSyncRuns).where(eq(wecomSyncRuns.id, old!.id))).toEqual([]);
      expect(first!.result).toEqual({ linked: 1, updated: 1, leavers: 0, handover: [] });
      expect((await employee(g!.id)).status).toBe('active');
      const second = await t.services.wecomSync.daily();
      expect(second!.result).toEqual({ linked: 0, updated: 0, leavers: 0, handover: [] });
      const status = (await hr.request('GET', '/api/wecom/sync/status')).json() as SyncStatus;
      expect(status.lastDaily).toMatchObject({ id: second!.id, mode: 'daily', status: 'applied' });
    } finally {
      await setMasters({ position: 'uplift' });
      await t.db.database.db.update(employees).set({ position: f!.position }).where(eq(employees.id, f!.id));
    }
  });

  it('change_contact: update_user applies WeCom-master fields; delete_user makes a linked member a leaver', async () => {
    const [, , , , , , , h] = staff;
    const [x] = await queryRows<Row>(t.db.database.db, sql`select e.id, e.employee_no as no, e.wecom_userid as userid, e.name, e.position, e.user_id from employees e join users u on u.id = e.user_id where u.username = 'manager'`);
    await setMasters({ position: 'wecom' });
    try {
      await admin.post('event', { event: 'change_contact', fields: { ChangeType: 'update_user', UserID: h!.userid, Position: '回调岗位', Name: '不是主数据' } });
      const e = await employee(h!.id);
      expect([e.position, e.name]).toEqual(['回调岗位', h!.name]);
    } finally {
      await setMasters({ position: 'uplift' });
    }
    await admin.post('event', { event: 'change_contact', fields: { ChangeType: 'delete_user', UserID: x!.userid } });
    const left = await employee(x!.id);
    expect([left.status, left.wecomUserId]).toEqual(['left', null]);
    const [account] = await t.db.database.db.select({ disabled: users.disabled }).from(users).where(eq(users.id, x!.user_id!));
    expect(account!.disabled).toBe(true);
    const actions = await queryRows<{ action: string }>(t.db.database.db, sql`select action from audit_log where entity_id = ${x!.id} order by seq`);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['employee.leave', 'wecom.account_removed']));
    // create_user links the unlinked employee with that number
    const [y] = await queryRows<Row>(t.db.database.db, sql`select id, employee_no as no, wecom_userid as userid, name, position, user_id from employees where status = 'active' and wecom_userid is not null order by employee_no limit 1`);
    await t.db.database.db.update(employees).set({ wecomUserId: null }).where(eq(employees.id, y!.id));
    await admin.post('event', { event: 'change_contact', fields: { ChangeType: 'create_user', UserID: y!.no.toUpperCase(), Name: y!.name } });
    expect((await employee(y!.id)).wecomUserId).toBe(y!.userid);
    // an unlinked member's deletion touches nobody
    await admin.post('event', { event: 'change_contact', fields: { ChangeType: 'delete_user', UserID: 'nobody-linked' } });
  });

  it('is for group HR and sys_admin only; settings are validated by field', async () => {
    const sys = await t.login();
    expect((await sys.request('GET', '/api/wecom/sync/status')).statusCode).toBe(200);
    for (const who of ['hrbp', 'hrhead', 'employee']) {
      const c = await t.login(who);
      expect((await c.request('POST', '/api/wecom/sync/preview', { mode: 'full' })).statusCode).toBe(403);
      expect((await c.request('PUT', '/api/wecom/sync/settings', { fields: { name: 'wecom' } })).statusCode).toBe(403);
    }
    const bad = await hr.request('PUT', '/api/wecom/sync/settings', { fields: { salary: 'wecom' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('fields');
    expect((await t.anonymous.request('GET', '/api/wecom/sync/status')).statusCode).toBe(401);
  });
});
