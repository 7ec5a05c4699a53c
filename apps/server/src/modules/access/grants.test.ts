import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';

let t: TestApp;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestApp();
  f = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
});
afterAll(async () => {
  await t.close();
});

describe('role grants', () => {
  it('gives the new scope at once and takes it away on revoke', async () => {
    const hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
    const employee = await t.login('f-employee', FIXTURE_PASSWORD);
    const userId = f.people.a1Dev!.userId!;
    expect((await employee.request('GET', '/api/people?limit=1')).json().total).toBe(1);
    const g = await hr.request('POST', '/api/access/grants', { userId, role: 'auditor', unitId: f.units.B.id });
    expect(g.statusCode).toBe(201);
    expect((await employee.request('GET', '/api/people?limit=1')).json().total).toBe(3); // self + B's two people
    expect((await employee.request('GET', '/api/auth/me')).json().user.roles).toContain('auditor');
    expect((await hr.request('POST', '/api/access/grants', { userId, role: 'auditor', unitId: f.units.B.id })).statusCode).toBe(409);
    expect((await hr.request('DELETE', `/api/access/grants/${g.json().id}`)).statusCode).toBe(200);
    expect((await employee.request('GET', '/api/people?limit=1')).json().total).toBe(1);
    expect((await employee.request('GET', '/api/auth/me')).json().user.roles).not.toContain('auditor');
  });

  it('lets only a system administrator grant sys_admin, and requires a unit for HR heads and HRBPs', async () => {
    const hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
    const userId = f.people.a1Dev!.userId!;
    const admin = await hr.request('POST', '/api/access/grants', { userId, role: 'sys_admin', unitId: null });
    expect(admin.statusCode).toBe(403);
    const noUnit = await hr.request('POST', '/api/access/grants', { userId, role: 'hrbp', unitId: null });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.details.issues[0].path).toBe('body.unitId');
    const unknownUser = await hr.request('POST', '/api/access/grants', { userId: '00000000-0000-4000-8000-000000000000', role: 'auditor', unitId: null });
    expect(unknownUser.json().error.details.issues[0].path).toBe('body.userId');
  });
});
