import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../db/client.ts';
import { createTestApp, eventually, type TestApp } from '../../../test/support/test-app.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';

// Sessions and access are kept between requests (auth-cache.ts). These tests change who may do
// what the way another node would: SQL outside this process's transactions, over a connection of
// its own on PostgreSQL. Only the database's NOTIFY can tell the app.
let t: TestApp;
let f: OrgFixture;
let elsewhere: Database;
beforeAll(async () => {
  t = await createTestApp();
  f = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  elsewhere = t.db.url ? await openPostgres(t.db.url, { max: 1 }) : t.db.database;
});
afterAll(async () => {
  if (elsewhere !== t.db.database) await elsewhere.close();
  await t.close();
});

const sql = (text: string, values: unknown[]) => elsewhere.executeSql(text, values);
const status = async (c: Awaited<ReturnType<TestApp['login']>>, url: string) => (await c.request('GET', url)).statusCode;

describe('sessions and access kept between requests', () => {
  it('listens while the app runs', () => {
    expect(t.services.authCache.active()).toBe(true);
  });

  it('ends a session that another node deleted', async () => {
    const employee = await t.login('f-employee', FIXTURE_PASSWORD);
    expect(await status(employee, '/api/auth/me')).toBe(200);
    expect(await status(employee, '/api/auth/me')).toBe(200);
    await sql('delete from sessions where user_id = $1', [f.people.a1Dev!.userId]);
    await eventually(async () => (await status(employee, '/api/auth/me')) === 401, 3000);
  });

  it('takes away a scope another node revoked', async () => {
    const hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
    const employee = await t.login('f-employee', FIXTURE_PASSWORD);
    const userId = f.people.a1Dev!.userId!;
    const g = await hr.request('POST', '/api/access/grants', { userId, role: 'auditor', unitId: f.units.B.id });
    expect(g.statusCode).toBe(201);
    const total = async () => (await employee.request('GET', '/api/people?limit=1')).json().total as number;
    expect(await total()).toBe(3);
    expect(await total()).toBe(3);
    await sql('delete from role_grants where id = $1', [g.json().id]);
    await eventually(async () => (await total()) === 1, 3000);
  });

  it('refuses an account another node disabled', async () => {
    const manager = await t.login('f-manager', FIXTURE_PASSWORD);
    expect(await status(manager, '/api/people?limit=1')).toBe(200);
    await sql('update users set disabled = true where username = $1', ['f-manager']);
    await eventually(async () => (await status(manager, '/api/people?limit=1')) === 401, 3000);
  });

  it('sees a change made through this app at once', async () => {
    const hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
    const employee = await t.login('f-employee', FIXTURE_PASSWORD);
    const userId = f.people.a1Dev!.userId!;
    const total = async () => (await employee.request('GET', '/api/people?limit=1')).json().total as number;
    expect(await total()).toBe(1);
    const g = await hr.request('POST', '/api/access/grants', { userId, role: 'auditor', unitId: f.units.B.id });
    expect(await total()).toBe(3);
    await hr.request('DELETE', `/api/access/grants/${g.json().id}`);
    expect(await total()).toBe(1);
    await hr.request('POST', '/api/auth/logout');
    expect(await status(hr, '/api/auth/me')).toBe(401);
  });
});
