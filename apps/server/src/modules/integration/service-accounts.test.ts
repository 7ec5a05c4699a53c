import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { ApiToken, IssuedToken, ServiceAccount } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { apiTokens, users } from '../../db/schema/index.ts';
import { DAY, MINUTE } from '../../lib/clock.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { hashToken } from './service-accounts.service.ts';

let t: TestApp;
let f: OrgFixture;
let hr: Client;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
});
// a fresh session each test: tests that move the clock by days end the one before
beforeEach(async () => {
  hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();

async function newAccount(name: string): Promise<ServiceAccount> {
  const res = await hr.request('POST', '/api/integration/service-accounts', { name, description: '测试' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ServiceAccount>();
}

async function issue(accountId: string, body: Partial<{ name: string; operations: string[]; unitIds: string[]; expiresAt: string }> = {}): Promise<IssuedToken> {
  const res = await hr.request('POST', `/api/integration/service-accounts/${accountId}/tokens`, { name: 'erp', operations: ['work_logs:write'], unitIds: [f.units.A.id], expiresAt: inDays(30), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<IssuedToken>();
}

/** A batch call with a bearer token and no cookie (kinds aside: it gets past authentication or not). */
const machine = (token: string | null, key = `k-${Math.random()}`) =>
  t.anonymous.request('POST', '/api/v1/work-logs:batch', { items: [{ nonsense: 1 }] }, { ...(token ? { authorization: `Bearer ${token}` } : {}), 'idempotency-key': key });

describe('service accounts', () => {
  it('acts through a users row of its own: svc-<name>, no password, no roles, cannot sign in', async () => {
    const a = await newAccount('ERP Finance');
    expect(a).toMatchObject({ name: 'ERP Finance', username: 'svc-erp-finance', disabledAt: null, activeTokens: 0, lastUsedAt: null, createdBy: 'f-grouphr' });
    const [u] = await t.db.database.db.select().from(users).where(eq(users.id, a.userId));
    expect(u).toMatchObject({ username: 'svc-erp-finance', passwordHash: null, roles: [] });
    const login = await t.anonymous.request('POST', '/api/auth/login', { username: 'svc-erp-finance', password: 'anything-at-all' });
    expect(login.statusCode).toBe(401);
    // a Chinese name gets a slug of its own; names are unique regardless of case
    expect((await newAccount('考核系统')).username).toMatch(/^svc-[0-9a-f]{8}$/);
    const dup = await hr.request('POST', '/api/integration/service-accounts', { name: 'erp finance' });
    expect(dup.statusCode).toBe(409);
    expect((await hr.request('GET', '/api/integration/service-accounts')).json<{ items: ServiceAccount[] }>().items.map((x) => x.name)).toContain('ERP Finance');
  });

  it('is managed by sys_admin and group HR only, and every change is audited', async () => {
    for (const username of ['f-hrhead', 'f-hrbp', 'f-auditor', 'f-manager']) {
      const c = await t.login(username, FIXTURE_PASSWORD);
      expect((await c.request('GET', '/api/integration/service-accounts')).statusCode).toBe(403);
      expect((await c.request('POST', '/api/integration/service-accounts', { name: `by ${username}` })).statusCode).toBe(403);
    }
    const admin = await t.login();
    const a = (await admin.request('POST', '/api/integration/service-accounts', { name: 'By admin' })).json<ServiceAccount>();
    const { token } = await issue(a.id);
    expect((await admin.request('POST', `/api/integration/tokens/${token.id}/revoke`)).statusCode).toBe(200);
    expect((await admin.request('POST', `/api/integration/service-accounts/${a.id}/disable`)).statusCode).toBe(200);
    const audited = await queryRows<{ action: string; actor_label: string }>(
      t.db.database.db,
      sql`select action, actor_label from audit_log where entity_id in (${a.id}, ${token.id}) order by seq`,
    );
    expect(audited).toEqual([
      { action: 'service_account.create', actor_label: 'admin' },
      { action: 'api_token.issue', actor_label: 'f-grouphr' },
      { action: 'api_token.revoke', actor_label: 'admin' },
      { action: 'service_account.disable', actor_label: 'admin' },
    ]);
  });
});

describe('API tokens', () => {
  it('keeps only the hash: the plain token is shown once and is nowhere in the database', async () => {
    const a = await newAccount('Hash check');
    const issued = await issue(a.id, { operations: ['results:write', 'feedback:write'], unitIds: [f.units.A1.id, f.units.B.id] });
    expect(issued.plainToken).toMatch(/^upl_[\w-]{43}$/);
    expect(issued.token).toMatchObject({ name: 'erp', prefix: issued.plainToken.slice(0, 12), operations: ['results:write', 'feedback:write'], status: 'active', lastUsedAt: null, revokedAt: null, createdBy: 'f-grouphr' });
    expect(issued.token.units).toEqual([
      { id: f.units.A1.id, name: '单元A1' },
      { id: f.units.B.id, name: '单元B' },
    ]);
    const [row] = await t.db.database.db.select().from(apiTokens).where(eq(apiTokens.id, issued.token.id));
    expect(row!.tokenHash).toBe(hashToken(issued.plainToken));
    const [leaks] = await queryRows<{ n: number }>(
      t.db.database.db,
      sql`select (select count(*) from api_tokens x where x::text like ${`%${issued.plainToken.slice(4)}%`})::int
             + (select count(*) from audit_log l where l::text like ${`%${issued.plainToken.slice(4)}%`})::int as n`,
    );
    expect(leaks!.n).toBe(0);
    // listed without the token itself
    const list = await hr.request('GET', `/api/integration/service-accounts/${a.id}/tokens`);
    expect(list.body).not.toContain(issued.plainToken.slice(4));
    expect(list.json<{ items: ApiToken[] }>().items.map((x) => x.id)).toEqual([issued.token.id]);
  });

  it('checks what is issued: operations from the closed list, existing units, a future expiry within two years', async () => {
    const a = await newAccount('Checks');
    const bad = async (body: object) => hr.request('POST', `/api/integration/service-accounts/${a.id}/tokens`, { name: 'x', operations: ['work_logs:write'], unitIds: [f.units.A.id], expiresAt: inDays(30), ...body });
    expect((await bad({ operations: ['people:delete'] })).statusCode).toBe(400);
    expect((await bad({ operations: [] })).statusCode).toBe(400);
    expect((await bad({ unitIds: [] })).statusCode).toBe(400);
    const unknownUnit = await bad({ unitIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknownUnit.json().error.details.issues[0].path).toBe('body.unitIds');
    expect((await bad({ expiresAt: inDays(-1) })).json().error.details.issues[0].path).toBe('body.expiresAt');
    expect((await bad({ expiresAt: inDays(800) })).statusCode).toBe(400);
    expect((await hr.request('POST', '/api/integration/service-accounts/00000000-0000-4000-8000-000000000000/tokens', { name: 'x', operations: ['work_logs:write'], unitIds: [f.units.A.id], expiresAt: inDays(30) })).statusCode).toBe(404);
  });

  it('authenticates a bearer token; unknown, expired (on the clock) and revoked tokens get 401 saying why', async () => {
    const a = await newAccount('Lifecycle');
    const { plainToken, token } = await issue(a.id, { expiresAt: inDays(10) });
    const ok = await machine(plainToken);
    expect([401, 403]).not.toContain(ok.statusCode);

    const missing = await machine(null);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(missing.json().error.message).toContain('Authorization');
    const unknown = await machine(`upl_${'x'.repeat(43)}`);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toContain('令牌无效');
    expect((await machine('not-a-token')).statusCode).toBe(401);

    t.clock.advance(11 * DAY);
    try {
      const expired = await machine(plainToken);
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.message).toContain('过期');
      const later = await t.login('f-grouphr', FIXTURE_PASSWORD);
      const listed = (await later.request('GET', `/api/integration/service-accounts/${a.id}/tokens`)).json<{ items: ApiToken[] }>().items;
      expect(listed[0]!.status).toBe('expired');
    } finally {
      t.clock.advance(-11 * DAY);
    }

    hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
    expect((await hr.request('POST', `/api/integration/tokens/${token.id}/revoke`)).statusCode).toBe(200);
    const revoked = await machine(plainToken);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.message).toContain('撤销');
    expect((await hr.request('POST', `/api/integration/tokens/${token.id}/revoke`)).statusCode).toBe(409);
    const listed = (await hr.request('GET', `/api/integration/service-accounts/${a.id}/tokens`)).json<{ items: ApiToken[] }>().items;
    expect(listed[0]).toMatchObject({ status: 'revoked', revokedAt: t.clock.now().toISOString() });
  });

  it('stops every token of a disabled account, and issues none for it', async () => {
    const a = await newAccount('Disable me');
    const { plainToken } = await issue(a.id);
    expect([401, 403]).not.toContain((await machine(plainToken)).statusCode);
    expect((await hr.request('POST', `/api/integration/service-accounts/${a.id}/disable`)).statusCode).toBe(200);
    const res = await machine(plainToken);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('停用');
    expect((await hr.request('POST', `/api/integration/service-accounts/${a.id}/tokens`, { name: 'x', operations: ['work_logs:write'], unitIds: [f.units.A.id], expiresAt: inDays(3) })).statusCode).toBe(409);
    expect((await hr.request('POST', `/api/integration/service-accounts/${a.id}/disable`)).statusCode).toBe(409);
    const [u] = await t.db.database.db.select({ disabled: users.disabled }).from(users).where(eq(users.id, a.userId));
    expect(u!.disabled).toBe(true);
  });

  it('records the last use, at most once a minute', async () => {
    const a = await newAccount('Last used');
    const { plainToken, token } = await issue(a.id);
    const lastUsed = async () => (await t.db.database.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, token.id)))[0]!.at?.toISOString() ?? null;
    expect(await lastUsed()).toBeNull();
    const first = t.clock.now().toISOString();
    await machine(plainToken);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(30_000);
    await machine(plainToken);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(MINUTE);
    await machine(plainToken);
    expect(await lastUsed()).toBe(t.clock.now().toISOString());
    const listed = (await hr.request('GET', '/api/integration/service-accounts')).json<{ items: ServiceAccount[] }>().items.find((x) => x.id === a.id)!;
    expect(listed).toMatchObject({ activeTokens: 1, lastUsedAt: t.clock.now().toISOString() });
  });
});

describe('machine routes and sessions', () => {
  it('needs no cookie and no CSRF header with a bearer token; a stray cookie is ignored', async () => {
    const a = await newAccount('No cookies');
    const { plainToken } = await issue(a.id);
    // a signed-in session's cookie without its CSRF header would fail on /api: not here
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/work-logs:batch',
      headers: { authorization: `Bearer ${plainToken}`, 'idempotency-key': 'stray-cookie', cookie: hr.cookie!, 'content-type': 'application/json' },
      payload: JSON.stringify({ items: [{ nonsense: 1 }] }),
    });
    expect(res.statusCode).not.toBe(403);
    expect(res.statusCode).not.toBe(401);
  });

  it('does not let a session cookie reach /api/v1, and a token does not reach the cookie API', async () => {
    for (const who of ['admin', 'f-grouphr']) {
      const c = who === 'admin' ? await t.login() : await t.login(who, FIXTURE_PASSWORD);
      const res = await c.request('POST', '/api/v1/work-logs:batch', { items: [{ nonsense: 1 }] }, { 'idempotency-key': 'cookie-only' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    const a = await newAccount('Token on cookie API');
    const { plainToken } = await issue(a.id);
    const res = await t.anonymous.request('GET', '/api/people', undefined, { authorization: `Bearer ${plainToken}` });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a token without the operation of the endpoint (403) and asks for the Idempotency-Key (400)', async () => {
    const a = await newAccount('Scopes');
    const { plainToken } = await issue(a.id, { operations: ['results:write'] });
    const res = await machine(plainToken);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('work_logs:write');
    const noKey = await t.anonymous.request('POST', '/api/v1/performance/results:batch', { items: [{ employee_no: 'x' }] }, { authorization: `Bearer ${plainToken}` });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.details.issues[0].path).toBe('headers.idempotency-key');
    const tooMany = await t.anonymous.request('POST', '/api/v1/performance/results:batch', { items: Array.from({ length: 5001 }, () => ({})) }, { authorization: `Bearer ${plainToken}`, 'idempotency-key': 'big' });
    expect(tooMany.statusCode).toBe(400);
  });
});
