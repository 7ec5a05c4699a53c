import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { employees } from '../../db/schema/index.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { simAdmin } from '../../../test/support/wecom-sim.ts';
import type { ContactsReport } from './wecom-contacts.service.ts';

// Reconciling the WeCom directory (the simulator, seeded from the demo group, over HTTP) with
// the org, linking accounts, and following WeCom's renames and deletions.

let t: TestApp;
let hr: Client;
let admin: ReturnType<typeof simAdmin>;
type Row = { id: string; no: string; userid: string; name: string };
let active: Row[];

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  admin = simAdmin(t);
  hr = await t.login('hr');
  active = await queryRows<Row>(t.db.database.db, sql`select id, employee_no as no, wecom_userid as userid, name from employees where status = 'active' and manager_id is not null order by employee_no desc limit 6`);
});
afterAll(async () => t?.close());

const reconcile = async () => {
  const res = await hr.request('GET', '/api/wecom/contacts/reconcile');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ContactsReport;
};

describe('WeCom contacts reconciliation', () => {
  it('finds the demo group fully linked, with nothing differing', async () => {
    const r = await reconcile();
    expect(r.departments.unlinkedTotal).toBe(0);
    expect(r.members.linked).toBe(r.members.wecom);
    expect(r.members.unmatchedTotal).toBe(0);
    expect(r.proposals).toEqual([]);
    expect(r.differencesTotal).toBe(0);
  });

  it('proposes links by name and department for unlinked people, and links them, audited', async () => {
    const [a, b] = active;
    await t.db.database.db.update(employees).set({ wecomUserId: null }).where(sql`${employees.id} in (${a!.id}, ${b!.id})`);
    const r = await reconcile();
    expect(r.members.unmatchedTotal).toBe(2);
    expect(r.proposals).toEqual(expect.arrayContaining([{ employeeId: a!.id, employeeNo: a!.no, name: a!.name, userid: a!.userid }]));
    const res = await hr.request('POST', '/api/wecom/contacts/links', { links: r.proposals.map((p) => ({ employeeId: p.employeeId, userid: p.userid })) });
    expect(res.statusCode, res.body).toBe(200);
    expect((await reconcile()).members.unmatchedTotal).toBe(2 - r.proposals.length);
    const [audit] = await queryRows<{ actor_label: string }>(t.db.database.db, sql`select actor_label from audit_log where action = 'wecom.contacts_link' order by seq desc limit 1`);
    expect(audit!.actor_label).toBe('hr');
    // put back whatever the proposals did not cover
    await t.db.database.db.update(employees).set({ wecomUserId: b!.userid }).where(eq(employees.id, b!.id));
  });

  it('refuses links to accounts WeCom does not have or that belong to someone else', async () => {
    const [a, b] = active;
    await t.db.database.db.update(employees).set({ wecomUserId: null }).where(eq(employees.id, a!.id));
    try {
      expect((await hr.request('POST', '/api/wecom/contacts/links', { links: [{ employeeId: a!.id, userid: 'nobody-in-wecom' }] })).statusCode).toBe(400);
      expect((await hr.request('POST', '/api/wecom/contacts/links', { links: [{ employeeId: a!.id, userid: b!.userid }] })).statusCode).toBe(409);
    } finally {
      await t.db.database.db.update(employees).set({ wecomUserId: a!.userid }).where(eq(employees.id, a!.id));
    }
  });

  it('reports a manager that differs from the direct leader in WeCom', async () => {
    const [, , c, d] = active;
    const [before] = await t.db.database.db.select({ managerId: employees.managerId }).from(employees).where(eq(employees.id, c!.id));
    await t.db.database.db.update(employees).set({ managerId: d!.id }).where(eq(employees.id, c!.id));
    try {
      const r = await reconcile();
      expect(r.differences).toEqual(expect.arrayContaining([expect.objectContaining({ employeeId: c!.id, field: 'manager', uplift: d!.userid })]));
    } finally {
      await t.db.database.db.update(employees).set({ managerId: before!.managerId }).where(eq(employees.id, c!.id));
    }
  });

  it('follows a renamed userid, and unlinks a deleted member after processing them as a leaver (change_contact), audited', async () => {
    const [, , , , e, f] = active;
    await admin.post('event', { event: 'change_contact', fields: { ChangeType: 'update_user', UserID: e!.userid, NewUserID: `${e!.userid}-new` } });
    await admin.post('event', { event: 'change_contact', fields: { ChangeType: 'delete_user', UserID: f!.userid } });
    const rows = await queryRows<{ id: string; userid: string | null }>(t.db.database.db, sql`select id, wecom_userid as userid from employees where id in (${e!.id}, ${f!.id})`);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.userid]))).toEqual({ [e!.id]: `${e!.userid}-new`, [f!.id]: null });
    const audits = await queryRows<{ action: string }>(t.db.database.db, sql`select action from audit_log where action like 'wecom.account_%' or (action = 'employee.leave' and entity_id = ${f!.id}) order by seq`);
    expect(audits.map((a) => a.action)).toEqual(['wecom.account_renamed', 'employee.leave', 'wecom.account_removed']);
    // as the simulator still has both under their old ids, link them back for the other tests
    await t.db.database.db.update(employees).set({ wecomUserId: e!.userid }).where(eq(employees.id, e!.id));
    await t.db.database.db.update(employees).set({ wecomUserId: f!.userid }).where(eq(employees.id, f!.id));
  });

  it('is for group HR only', async () => {
    const employee = await t.login('employee');
    expect((await employee.request('GET', '/api/wecom/contacts/reconcile')).statusCode).toBe(403);
    expect((await t.anonymous.request('GET', '/api/wecom/contacts/reconcile')).statusCode).toBe(401);
  });
});
