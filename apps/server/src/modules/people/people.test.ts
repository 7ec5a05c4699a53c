import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, employees, webhookDeliveries } from '../../db/schema/index.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';

let t: TestApp;
let f: OrgFixture;
const as: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestApp();
  f = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  for (const u of ['f-grouphr', 'f-hrhead', 'f-hrbp', 'f-manager', 'f-employee', 'f-ceo', 'f-auditor', 'f-bhrbp']) as[u] = await t.login(u, FIXTURE_PASSWORD);
  as.admin = await t.login();
});
afterAll(async () => {
  await t.close();
});

async function allVisible(c: Client, query = ''): Promise<{ names: string[]; total: number }> {
  const names: string[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const res = await c.request('GET', `/api/people?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: { employeeNo: string }[]; nextCursor: string | null; total: number | null };
    // counted on the first page only
    if (total >= 0) expect(page.total).toBeNull();
    else total = page.total ?? -1;
    names.push(...page.items.map((i) => i.employeeNo));
    cursor = page.nextCursor;
  } while (cursor);
  return { names, total };
}

const nos = (...keys: string[]) => keys.map((k) => f.people[k]!.employeeNo).sort();

describe('people lists under scope (every page, and the total)', () => {
  it.each([
    ['f-grouphr', ['ceo', 'aLead', 'a1Lead', 'a1Dev', 'a1TLead', 'a1TDev', 'a2Dev', 'aHr', 'a1Hrbp', 'groupHr', 'auditor', 'bLead', 'b1Dev']],
    ['f-auditor', ['ceo', 'aLead', 'a1Lead', 'a1Dev', 'a1TLead', 'a1TDev', 'a2Dev', 'aHr', 'a1Hrbp', 'groupHr', 'auditor', 'bLead', 'b1Dev']],
    ['f-hrhead', ['aLead', 'a1Lead', 'a1Dev', 'a1TLead', 'a1TDev', 'a2Dev', 'aHr', 'a1Hrbp']],
    ['f-hrbp', ['a1Lead', 'a1Dev', 'a1TLead', 'a1TDev', 'a1Hrbp']],
    ['f-manager', ['a1Lead', 'a1Dev', 'a1TLead', 'a1TDev']],
    ['f-employee', ['a1Dev']],
    ['f-bhrbp', ['bLead', 'b1Dev']],
    ['admin', []],
  ])('%s sees exactly their people', async (user, keys) => {
    const { names, total } = await allVisible(as[user]!);
    expect(names.sort()).toEqual(nos(...keys));
    expect(total).toBe(keys.length);
  });

  it('pages by name with a stable order and refuses a cursor from another sort', async () => {
    const c = as['f-grouphr']!;
    const p1 = (await c.request('GET', '/api/people?limit=5&sort=name')).json();
    const p2 = (await c.request('GET', `/api/people?limit=5&sort=name&cursor=${p1.nextCursor}`)).json();
    const names = [...p1.items, ...p2.items].map((i: { name: string }) => i.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const wrong = await c.request('GET', `/api/people?limit=5&sort=employeeNo&cursor=${p1.nextCursor}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].path).toBe('querystring.cursor');
  });

  it('filters by org subtree and text within the scope only', async () => {
    const sub = await allVisible(as['f-grouphr']!, `&unitId=${f.units.A1.id}`);
    expect(sub.names.sort()).toEqual(nos('a1Lead', 'a1Dev', 'a1TLead', 'a1TDev'));
    const outside = await allVisible(as['f-hrbp']!, `&unitId=${f.units.B.id}`);
    expect(outside.total).toBe(0);
    const text = await allVisible(as['f-hrhead']!, `&q=${encodeURIComponent('员工b1')}`);
    expect(text.total).toBe(0);
  });
});

describe('reading one person', () => {
  it('answers 404, never data, for a person outside the scope', async () => {
    const res = await as['f-hrbp']!.request('GET', `/api/people/${f.people.b1Dev!.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(f.people.b1Dev!.employeeNo);
    expect((await as['f-employee']!.request('GET', `/api/people/${f.people.a1TDev!.id}`)).statusCode).toBe(404);
  });

  it('masks sensitive fields for a manager and shows them to HR in scope, auditing that view', async () => {
    const m = (await as['f-manager']!.request('GET', `/api/people/${f.people.a1Dev!.id}`)).json();
    expect(m.masked).toBe(true);
    expect(m.mobile).toMatch(/^138\*{4}\d{4}$/);
    const h = (await as['f-hrhead']!.request('GET', `/api/people/${f.people.a1Dev!.id}`)).json();
    expect(h.masked).toBe(false);
    expect(h.mobile).toMatch(/^138\d{8}$/);
    expect(h.history).toEqual([]);
    const views = await t.db.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'employee.view_sensitive'), eq(auditLog.entityId, f.people.a1Dev!.id)));
    expect(views).toHaveLength(1);
    const self = (await as['f-employee']!.request('GET', `/api/people/${f.people.a1Dev!.id}`)).json();
    expect(self.masked).toBe(true);
  });

  it('stores sensitive fields encrypted, matchable by blind index', async () => {
    const [row] = await t.db.database.db.select().from(employees).where(eq(employees.id, f.people.a1Dev!.id));
    const plain = t.services.fieldCrypto.decrypt(row!.mobileEnc);
    expect(row!.mobileEnc).not.toContain(plain!);
    expect(row!.mobileEnc!.startsWith('k1:')).toBe(true);
    expect(row!.mobileBidx).toBe(t.services.fieldCrypto.blindIndex(plain));
  });
});

describe('changing people', () => {
  it('tells subscribed systems about a job change, in its transaction', async () => {
    const sub = await as['f-grouphr']!.request('POST', '/api/integration/webhooks', { name: '薪资系统', url: 'https://payroll.example.com/hooks', events: ['employee.updated'] });
    expect(sub.statusCode, sub.body).toBe(201);
    const res = await as['f-grouphr']!.request('POST', `/api/people/${f.people.b1Dev!.id}/changes`, { effectiveDate: '2026-03-01', reason: '晋级', grade: 'P6' });
    expect(res.statusCode, res.body).toBe(200);
    const [d] = await t.db.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.event, 'employee.updated'));
    expect(d!.payload).toMatchObject({ event: 'employee.updated', data: { employeeId: f.people.b1Dev!.id, changes: { grade: { from: 'P5', to: 'P6' } }, reason: '晋级' } });
  });

  it('lets HR in scope change a job, records history and audit; others are refused without a change', async () => {
    const target = f.people.a1TDev!.id;
    expect((await as['f-manager']!.request('POST', `/api/people/${target}/changes`, { effectiveDate: '2026-03-01', reason: '晋升', grade: 'P6' })).statusCode).toBe(403);
    expect((await as['f-auditor']!.request('POST', `/api/people/${target}/changes`, { effectiveDate: '2026-03-01', reason: '晋升', grade: 'P6' })).statusCode).toBe(403);
    expect((await as['f-bhrbp']!.request('POST', `/api/people/${target}/changes`, { effectiveDate: '2026-03-01', reason: '晋升', grade: 'P6' })).statusCode).toBe(404);
    const ok = await as['f-hrbp']!.request('POST', `/api/people/${target}/changes`, { effectiveDate: '2026-03-01', reason: '晋升', grade: 'P6' });
    expect(ok.statusCode).toBe(200);
    const d = (await as['f-hrbp']!.request('GET', `/api/people/${target}`)).json();
    expect(d.grade).toBe('P6');
    expect(d.history.at(-1)).toMatchObject({ effectiveDate: '2026-03-01', reason: '晋升', changes: { grade: { from: 'P5', to: 'P6' } } });
    const [rec] = await t.db.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'employee.change'), eq(auditLog.entityId, target)));
    expect(rec?.actorLabel).toBe('f-hrbp');
  });

  it('refuses to move a person out of the HR scope, and a manager loop, naming the field', async () => {
    const move = await as['f-hrbp']!.request('POST', `/api/people/${f.people.a1Dev!.id}/changes`, { effectiveDate: '2026-03-01', reason: '调动', unitId: f.units.B1.id });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.details.issues[0].path).toBe('body.unitId');
    const loop = await as['f-grouphr']!.request('POST', `/api/people/${f.people.a1Lead!.id}/changes`, { effectiveDate: '2026-03-01', reason: '调整', managerId: f.people.a1TDev!.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.details.issues[0].path).toBe('body.managerId');
  });

  it('a leaver loses their sessions and account, and their open work is listed and handed over', async () => {
    const local = await createTestApp();
    try {
      const lf = await buildOrgFixture(local.db.database.db, local.services.fieldCrypto);
      const manager = await local.login('f-manager', FIXTURE_PASSWORD);
      const hr = await local.login('f-hrhead', FIXTURE_PASSWORD);
      const res = await hr.request('POST', `/api/people/${lf.people.a1Lead!.id}/changes`, { effectiveDate: '2026-03-31', reason: '个人原因离职', status: 'left' });
      expect(res.statusCode).toBe(200);
      expect(res.json().openWork.reports.map((r: { employeeNo: string }) => r.employeeNo).sort()).toEqual([lf.people.a1Dev!.employeeNo, lf.people.a1TLead!.employeeNo].sort());
      expect((await manager.request('GET', '/api/auth/me')).statusCode).toBe(401);
      const again = await local.anonymous.request('POST', '/api/auth/login', { username: 'f-manager', password: FIXTURE_PASSWORD });
      expect(again.json().error.code).toBe('ACCOUNT_DISABLED');
      const moved = await hr.request('POST', `/api/people/${lf.people.a1Lead!.id}/handover/reports`, { newManagerId: lf.people.aLead!.id, effectiveDate: '2026-04-01', reason: '原上级离职' });
      expect(moved.json()).toEqual({ moved: 2 });
      expect((await hr.request('GET', `/api/people/${lf.people.a1Lead!.id}/handover`)).json().reports).toEqual([]);
      const dev = (await hr.request('GET', `/api/people/${lf.people.a1Dev!.id}`)).json();
      expect(dev.managerId).toBe(lf.people.aLead!.id);
    } finally {
      await local.close();
    }
  });

  it('provisions accounts with one-time passwords shown once, and resets them', async () => {
    const hr = as['f-hrhead']!;
    const res = await hr.request('POST', '/api/people/accounts', { employeeIds: [f.people.a2Dev!.id, f.people.a1Dev!.id, f.people.b1Dev!.id] });
    expect(res.statusCode).toBe(200);
    const { issued, skipped } = res.json();
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ employeeNo: f.people.a2Dev!.employeeNo, username: f.people.a2Dev!.employeeNo.toLowerCase() });
    expect(skipped.map((s: { reason: string }) => s.reason).sort()).toEqual(['员工不存在或不在您的范围内', '已有账号'].sort());
    const user = await t.login(issued[0].username, issued[0].initialPassword);
    const me = (await user.request('GET', '/api/auth/me')).json().user;
    expect(me).toMatchObject({ mustChangePassword: true, employeeId: f.people.a2Dev!.id });
    const reset = (await hr.request('POST', `/api/people/${f.people.a2Dev!.id}/account/reset`)).json();
    expect(reset.initialPassword).not.toBe(issued[0].initialPassword);
    expect((await user.request('GET', '/api/auth/me')).statusCode).toBe(401);
    await t.login(issued[0].username, reset.initialPassword);
  });

  it('moves a manager with their whole line below them: scopes follow the new reporting line', async () => {
    const local = await createTestApp();
    try {
      const lf = await buildOrgFixture(local.db.database.db, local.services.fieldCrypto);
      const hr = await local.login('f-grouphr', FIXTURE_PASSWORD);
      const manager = await local.login('f-manager', FIXTURE_PASSWORD);
      const seen = async () => ((await manager.request('GET', '/api/people?limit=50')).json().items as { employeeNo: string }[]).map((i) => i.employeeNo).sort();
      expect(await seen()).toEqual([lf.people.a1Lead!, lf.people.a1Dev!, lf.people.a1TLead!, lf.people.a1TDev!].map((p) => p.employeeNo).sort());
      // a1TLead (with a1TDev below) now reports to bLead: both leave f-manager's line
      expect((await hr.request('POST', `/api/people/${lf.people.a1TLead!.id}/changes`, { effectiveDate: '2026-03-01', reason: '汇报调整', managerId: lf.people.bLead!.id })).statusCode).toBe(200);
      expect(await seen()).toEqual([lf.people.a1Lead!, lf.people.a1Dev!].map((p) => p.employeeNo).sort());
      const bhrbp = await local.login('f-bhrbp', FIXTURE_PASSWORD);
      expect((await bhrbp.request('GET', `/api/people/${lf.people.a1TDev!.id}`)).statusCode).toBe(200);
      // and a loop through the moved line is still refused
      const loop = await hr.request('POST', `/api/people/${lf.people.bLead!.id}/changes`, { effectiveDate: '2026-03-01', reason: '调整', managerId: lf.people.a1TDev!.id });
      expect(loop.json().error.details.issues[0].path).toBe('body.managerId');
    } finally {
      await local.close();
    }
  });

  it('hires within the HR scope only', async () => {
    const body = { employeeNo: 'N0001', name: '新员工', gender: 'female', unitId: f.units.A2.id, position: '产品经理', grade: 'P4', hireDate: '2026-03-02', mobile: '13912345678', contract: { employerId: f.units.A.id, type: 'fixed_term', startDate: '2026-03-02', endDate: '2029-03-01' } };
    expect((await as['f-hrbp']!.request('POST', '/api/people', body)).statusCode).toBe(400);
    expect((await as['f-manager']!.request('POST', '/api/people', body)).statusCode).toBe(403);
    const ok = await as['f-hrhead']!.request('POST', '/api/people', body);
    expect(ok.statusCode).toBe(201);
    const d = (await as['f-hrhead']!.request('GET', `/api/people/${ok.json().id}`)).json();
    expect(d.contracts[0]).toMatchObject({ type: 'fixed_term', employerName: '单元A', endDate: '2029-03-01' });
    expect(d.history[0]).toMatchObject({ reason: '入职' });
    expect((await as['f-hrhead']!.request('POST', '/api/people', body)).statusCode).toBe(409);
    const bad = await as['f-hrhead']!.request('POST', '/api/people', { ...body, employeeNo: 'N0002', mobile: '12345' });
    expect(bad.json().error.details.issues[0].path).toBe('body.mobile');
  });
});
