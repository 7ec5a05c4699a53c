import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { employees } from '../../db/schema/index.ts';
import { businessDate, DAY } from '../../lib/clock.ts';
import { buildPipFixture, expectStatus, newReport, planBody, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let f: PipFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
});
afterAll(() => t.close());

/** The business date `n` days from the clock's now. */
const dayOf = (n: number) => businessDate(new Date(t.clock.now().getTime() + n * DAY), 'Asia/Shanghai');
const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.db.database.db, q))[0]!.n;

/** A submitted plan of a fresh report: the first step waits on the manager (a1Lead), the second on the HRBP. */
async function submitted() {
  const e = await newReport(t, f);
  const { id } = await expectStatus(f.c.hr.request('POST', '/api/pips', planBody(e.id)), 201);
  const plan = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
  return { id: id as string, plan };
}

describe('away delegation (外出代理)', () => {
  it('an approver away: the submitted plan goes to the delegate, who approves; the away approver cannot', async () => {
    const { id: delegation } = await expectStatus(f.c.manager.request('POST', '/api/pips/delegations', { delegateId: f.people.aHr!.id, from: dayOf(0), to: dayOf(3), note: '出差' }), 201);
    const { id, plan } = await submitted();
    expect(plan.approvals[0]).toMatchObject({ status: 'pending', approver: { id: f.people.a1Lead!.id }, delegate: { id: f.people.aHr!.id } });
    const step = plan.approvals[0].id as string;
    const tl = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}/timeline`), 200);
    const ev = tl.events.find((e: { kind: string }) => e.kind === 'delegate');
    expect(ev.data).toMatchObject({ stepId: step, from: f.people.a1Lead!.id, to: f.people.aHr!.id, auto: true, delegationId: delegation });
    expect(await count(sql`select count(*)::int as n from notifications where dedupe_key = ${`pip-step:${step}:${f.people.aHr!.id}`} and kind = 'pip.approval_requested'`)).toBe(1);
    expect((await expectStatus(f.c.hrhead.request('GET', '/api/pips/todos'), 200)).items.some((x: { planId: string }) => x.planId === id)).toBe(true);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 403);
    const next = await expectStatus(f.c.hrhead.request('POST', `/api/pips/${id}/actions/approve`, { comment: '代为同意' }), 200);
    expect(next.approvals.map((s: { status: string; delegate: unknown }) => [s.status, s.delegate])).toEqual([
      ['approved', { id: f.people.aHr!.id, name: expect.any(String), employeeNo: expect.any(String) }],
      ['pending', null],
    ]);
    const mine = await expectStatus(f.c.manager.request('GET', '/api/pips/delegations'), 200);
    expect(mine.items.find((d: { id: string }) => d.id === delegation)).toMatchObject({ state: 'active', canRevoke: true, createdByMe: true, employee: { id: f.people.a1Lead!.id }, delegate: { id: f.people.aHr!.id }, note: '出差' });
    // the delegate sees it too, but may not revoke it
    expect((await expectStatus(f.c.hrhead.request('GET', '/api/pips/delegations'), 200)).items.some((d: { id: string }) => d.id === delegation)).toBe(true);
    await expectStatus(f.c.manager.request('DELETE', `/api/pips/delegations/${delegation}`), 200);
    expect(await count(sql`select count(*)::int as n from audit_log where entity_id = ${delegation} and action in ('pip.delegation_create', 'pip.delegation_revoke')`)).toBe(2);
  });

  it('a delegation starting tomorrow applies on the tick after the clock moves; reruns do not notify twice', async () => {
    const { id: delegation } = await expectStatus(f.c.hrbp.request('POST', '/api/pips/delegations', { delegateId: f.people.aHr!.id, from: dayOf(1), to: dayOf(2) }), 201);
    const { id } = await submitted();
    const plan = await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
    const step = plan.approvals[1];
    expect(step).toMatchObject({ status: 'pending', approver: { id: f.people.a1Hrbp!.id }, delegate: null });
    expect((await expectStatus(f.c.hrbp.request('GET', '/api/pips/delegations'), 200)).items.find((d: { id: string }) => d.id === delegation).state).toBe('upcoming');
    await t.services.pip.away.tick();
    expect((await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200)).approvals[1].delegate).toBeNull();
    t.clock.advance(DAY);
    await f.relogin();
    expect(await t.services.pip.away.tick()).toBeGreaterThanOrEqual(1);
    expect(await t.services.pip.away.tick()).toBe(0);
    const after = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200);
    expect(after.approvals[1].delegate.id).toBe(f.people.aHr!.id);
    expect(await count(sql`select count(*)::int as n from notifications where dedupe_key = ${`pip-step:${step.id}:${f.people.aHr!.id}`}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from pip_events where plan_id = ${id} and kind = 'delegate' and data->>'auto' = 'true'`)).toBe(1);
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/approve`, {}), 403);
    expect((await expectStatus(f.c.hrhead.request('POST', `/api/pips/${id}/actions/approve`, {}), 200)).state).toBe('goal_setting');
    await expectStatus(f.c.hrbp.request('DELETE', `/api/pips/delegations/${delegation}`), 200);
  });

  it('validation errors name the field; an overlapping delegation of the same person is a conflict', async () => {
    const post = (body: Record<string, unknown>) => f.c.manager.request('POST', '/api/pips/delegations', { delegateId: f.people.aHr!.id, from: dayOf(10), to: dayOf(12), ...body });
    const path = async (body: Record<string, unknown>) => (await expectStatus(post(body), 400)).error.details.issues[0].path as string;
    expect(await path({ from: dayOf(-1) })).toBe('body.from');
    expect(await path({ to: dayOf(9) })).toBe('body.to');
    expect(await path({ from: 'tomorrow' })).toBe('body.from');
    expect(await path({ delegateId: f.people.a1Lead!.id })).toBe('body.delegateId');
    expect(await path({ delegateId: '00000000-0000-4000-8000-000000000000' })).toBe('body.delegateId');
    const gone = await newReport(t, f);
    await t.db.database.db.update(employees).set({ status: 'left' }).where(sql`${employees.id} = ${gone.id}`);
    expect(await path({ delegateId: gone.id })).toBe('body.delegateId');
    const { id } = await expectStatus(post({}), 201);
    const clash = await expectStatus(post({ from: dayOf(12), to: dayOf(14), delegateId: f.people.groupHr!.id }), 409);
    expect(clash.error.details).toMatchObject({ reason: 'overlap', delegationId: id });
    // adjacent is fine
    const { id: later } = await expectStatus(post({ from: dayOf(13), to: dayOf(14) }), 201);
    for (const d of [id, later]) await expectStatus(f.c.manager.request('DELETE', `/api/pips/delegations/${d}`), 200);
  });

  it('HR in scope sets one for someone; someone out of scope cannot; only the owner or HR in scope revokes', async () => {
    const body = { employeeId: f.people.a1Lead!.id, delegateId: f.people.aHr!.id, from: dayOf(20), to: dayOf(22) };
    await expectStatus(f.c.bhrbp.request('POST', '/api/pips/delegations', body), 404);
    await expectStatus(f.c.auditor.request('POST', '/api/pips/delegations', body), 403);
    await expectStatus(f.c.employee.request('POST', '/api/pips/delegations', body), 404);
    const { id } = await expectStatus(f.c.hrbp.request('POST', '/api/pips/delegations', body), 201);
    const seen = (await expectStatus(f.c.manager.request('GET', '/api/pips/delegations'), 200)).items.find((d: { id: string }) => d.id === id);
    expect(seen).toMatchObject({ state: 'upcoming', canRevoke: true, createdBy: 'a1Hrbp', createdByMe: false });
    expect((await expectStatus(f.c.hr.request('GET', '/api/pips/delegations?view=all'), 200)).items.some((d: { id: string }) => d.id === id)).toBe(true);
    expect((await expectStatus(f.c.bhrbp.request('GET', '/api/pips/delegations?view=all'), 200)).items.some((d: { id: string }) => d.id === id)).toBe(false);
    await expectStatus(f.c.bhrbp.request('DELETE', `/api/pips/delegations/${id}`), 404);
    await expectStatus(f.c.auditor.request('DELETE', `/api/pips/delegations/${id}`), 403);
    await expectStatus(f.c.hrhead.request('DELETE', `/api/pips/delegations/${id}`), 200);
    expect((await expectStatus(f.c.manager.request('DELETE', `/api/pips/delegations/${id}`), 409)).error.details.reason).toBe('delegation_state');
  });

  it('revoking stops new auto-delegation; steps already delegated stay delegated', async () => {
    const { id: delegation } = await expectStatus(f.c.manager.request('POST', '/api/pips/delegations', { delegateId: f.people.aHr!.id, from: dayOf(0), to: dayOf(5) }), 201);
    const before = await submitted();
    expect(before.plan.approvals[0].delegate.id).toBe(f.people.aHr!.id);
    await expectStatus(f.c.manager.request('DELETE', `/api/pips/delegations/${delegation}`), 200);
    expect((await expectStatus(f.c.manager.request('GET', '/api/pips/delegations'), 200)).items.find((d: { id: string }) => d.id === delegation)).toMatchObject({ state: 'revoked', canRevoke: false });
    const after = await submitted();
    expect(after.plan.approvals[0].delegate).toBeNull();
    expect(await t.services.pip.away.tick()).toBe(0);
    expect((await expectStatus(f.c.hr.request('GET', `/api/pips/${before.id}`), 200)).approvals[0].delegate.id).toBe(f.people.aHr!.id);
    expect((await expectStatus(f.c.hr.request('GET', `/api/pips/${after.id}`), 200)).approvals[0].delegate).toBeNull();
  });
});

describe('who may take over approvals (GET /api/pips/delegates)', () => {
  type Found = { items: { id: string; name: string; employeeNo: string; unitName: string; position: string }[] };
  const found = async (c: (typeof f.c)[keyof typeof f.c], q = '') => (await expectStatus(c.request('GET', `/api/pips/delegates?q=${encodeURIComponent(q)}&limit=50`), 200)) as Found;
  const ids = (r: Found) => r.items.map((i) => i.id);

  it('a manager finds colleagues of their own company with an account, beyond their reports; never themselves, other companies, leavers or disabled accounts', async () => {
    const p = f.people;
    const mine = ids(await found(f.c.manager));
    // the HR head and the HRBP of subsidiary A are not the manager's reports, yet they are the people to hand an approval to
    expect(mine).toEqual(expect.arrayContaining([p.aHr!.id, p.a1Hrbp!.id, p.a1Dev!.id]));
    // self; the group's and the other subsidiary's people; people without an account
    for (const not of [p.a1Lead, p.ceo, p.groupHr, p.bLead, p.aLead, p.a1TLead]) expect(mine).not.toContain(not!.id);
    // by name or by employee number, with what a picker shows
    const byName = await found(f.c.manager, '员工aHr');
    expect(byName.items).toEqual([{ id: p.aHr!.id, name: '员工aHr', employeeNo: p.aHr!.employeeNo, unitName: '单元A', position: '工程师' }]);
    expect(ids(await found(f.c.manager, p.a1Hrbp!.employeeNo))).toEqual([p.a1Hrbp!.id]);
    // a leaver and a disabled account drop out
    const gone = await newReport(t, f);
    const off = await newReport(t, f);
    expect(ids(await found(f.c.manager, '改进'))).toEqual(expect.arrayContaining([gone.id, off.id]));
    await t.db.database.db.execute(sql`update employees set status = 'left' where id = ${gone.id}`);
    await t.db.database.db.execute(sql`update users set disabled = true where id = (select user_id from employees where id = ${off.id})`);
    const after = ids(await found(f.c.manager, '改进'));
    expect(after).not.toContain(gone.id);
    expect(after).not.toContain(off.id);
  });

  it('the other subsidiary sees its own company only; group HR, seated at the group, sees the whole group; who approves nothing sees no directory', async () => {
    const p = f.people;
    const b = ids(await found(f.c.bhrbp));
    for (const not of [p.aHr, p.a1Hrbp, p.a1Lead, p.a1Dev]) expect(b).not.toContain(not!.id);
    const group = ids(await found(f.c.hr));
    expect(group).toEqual(expect.arrayContaining([p.aHr!.id, p.bLead!.id, p.ceo!.id]));
    expect(group).not.toContain(p.groupHr!.id);
    // someone who approves nothing finds no more than the people list shows them (here: only themselves, left out)
    expect(ids(await found(f.c.employee))).toEqual([]);
    // an anonymous caller gets nothing
    expect((await t.anonymous.request('GET', '/api/pips/delegates')).statusCode).toBe(401);
  });
});
