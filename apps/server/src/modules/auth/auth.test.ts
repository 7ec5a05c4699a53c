import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { sessions } from '../../db/schema/index.ts';
import { queryRows } from '../../db/client.ts';
import { MINUTE } from '../../lib/clock.ts';
import { ADMIN, createTestApp, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function makeUser(username: string, password = 'Passw0rd-123', roles: string[] = []) {
  const admin = await t.login();
  const res = await admin.request('POST', '/api/admin/users', { username, displayName: username, roles, password });
  expect(res.statusCode).toBe(201);
  return res.json().user.id as string;
}

describe('sign-in', () => {
  it('signs in with username and password and sets an httpOnly SameSite session cookie', async () => {
    const res = await t.anonymous.request('POST', '/api/auth/login', ADMIN);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'admin', roles: ['sys_admin'], mustChangePassword: false });
    const sid = res.cookies.find((c) => c.name === 'uplift_sid');
    expect(sid?.httpOnly).toBe(true);
    expect(sid?.sameSite).toBe('Lax');
    const csrf = res.cookies.find((c) => c.name === 'uplift_csrf');
    expect(csrf?.value).toBe(body.csrfToken);
    expect(csrf?.httpOnly).toBeFalsy();
  });

  it('stores only a hash of the session token', async () => {
    const c = await t.login();
    const token = c.cookie!.split('=')[1]!;
    const rows = await t.db.database.db.select().from(sessions).where(eq(sessions.id, token));
    expect(rows).toHaveLength(0);
  });

  it('rejects a wrong password with INVALID_CREDENTIALS and the same answer for an unknown user', async () => {
    const a = await t.anonymous.request('POST', '/api/auth/login', { username: 'admin', password: 'wrong-password-1' });
    const b = await t.anonymous.request('POST', '/api/auth/login', { username: 'nobody-here', password: 'wrong-password-1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(b.json().error.message).toBe(a.json().error.message);
  });

  it('names the missing field when the body is incomplete', async () => {
    const res = await t.anonymous.request('POST', '/api/auth/login', { username: 'admin' });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details.issues[0].path).toBe('body.password');
    expect(err.requestId).toBe(res.headers['x-request-id']);
  });

  it('locks a username after repeated failures, even for the right password, until the lock passes', async () => {
    await makeUser('lockme');
    for (let i = 0; i < 4; i++) {
      const r = await t.anonymous.request('POST', '/api/auth/login', { username: 'lockme', password: 'bad-password-9' });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.anonymous.request('POST', '/api/auth/login', { username: 'lockme', password: 'bad-password-9' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('RATE_LIMITED');
    expect(fifth.headers['retry-after']).toBe(String(15 * 60));
    const right = await t.anonymous.request('POST', '/api/auth/login', { username: 'lockme', password: 'Passw0rd-123' });
    expect(right.statusCode).toBe(429);
    t.clock.advance(16 * MINUTE);
    const after = await t.anonymous.request('POST', '/api/auth/login', { username: 'lockme', password: 'Passw0rd-123' });
    expect(after.statusCode).toBe(200);
  });

  it('rotates the session at sign-in: a cookie from before sign-in no longer works', async () => {
    const c = await t.login();
    const before = c.cookie;
    await c.request('POST', '/api/auth/login', ADMIN);
    expect(c.cookie).not.toBe(before);
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: before! } });
    expect(old.statusCode).toBe(401);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const id = await makeUser('leaver');
    const c = await t.login('leaver', 'Passw0rd-123');
    const admin = await t.login();
    expect((await admin.request('PATCH', `/api/admin/users/${id}`, { disabled: true })).statusCode).toBe(200);
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await t.anonymous.request('POST', '/api/auth/login', { username: 'leaver', password: 'Passw0rd-123' });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('sessions', () => {
  it('expires after the idle timeout and says so', async () => {
    const c = await t.login();
    t.clock.advance(119 * MINUTE);
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(119 * MINUTE); // activity above kept it alive; now idle again
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(121 * MINUTE);
    const res = await c.request('GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('expires at the absolute limit however active the user is', async () => {
    const c = await t.login();
    for (let h = 0; h < 11; h++) {
      t.clock.advance(60 * MINUTE);
      expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(61 * MINUTE);
    expect((await c.request('GET', '/api/auth/me')).json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends the session at logout', async () => {
    const c = await t.login();
    const cookie = c.cookie!;
    expect((await c.request('POST', '/api/auth/logout')).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the CSRF header and changes nothing', async () => {
    const c = await t.login();
    const before = await queryRows(t.db.database.db, sql`select count(*)::int as n from notifications where read_at is not null`);
    const res = await t.app.inject({ method: 'POST', url: '/api/notifications/read', headers: { cookie: c.cookie!, 'content-type': 'application/json' }, payload: '{"all":true}' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const wrong = await c.request('POST', '/api/notifications/read', { all: true }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    const after = await queryRows(t.db.database.db, sql`select count(*)::int as n from notifications where read_at is not null`);
    expect(after).toEqual(before);
  });
});

describe('password change', () => {
  it('checks the current password and the policy, naming the field', async () => {
    await makeUser('pwuser');
    const c = await t.login('pwuser', 'Passw0rd-123');
    const wrong = await c.request('POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'An0ther-pass-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].path).toBe('body.currentPassword');
    const weak = await c.request('POST', '/api/auth/password', { currentPassword: 'Passw0rd-123', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.issues[0].path).toBe('body.newPassword');
  });

  it('changes the password, ends other sessions and keeps the current one working', async () => {
    await makeUser('pwuser2');
    const phone = await t.login('pwuser2', 'Passw0rd-123');
    const laptop = await t.login('pwuser2', 'Passw0rd-123');
    const res = await laptop.request('POST', '/api/auth/password', { currentPassword: 'Passw0rd-123', newPassword: 'N3w-password-ok' });
    expect(res.statusCode).toBe(200);
    expect((await laptop.request('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await phone.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await t.anonymous.request('POST', '/api/auth/login', { username: 'pwuser2', password: 'Passw0rd-123' })).statusCode).toBe(401);
    expect((await t.anonymous.request('POST', '/api/auth/login', { username: 'pwuser2', password: 'N3w-password-ok' })).statusCode).toBe(200);
  });
});

describe('roles', () => {
  it('keeps admin endpoints from signed-out callers (401) and from users without sys_admin (403)', async () => {
    await makeUser('plain');
    const plain = await t.login('plain', 'Passw0rd-123');
    for (const [method, url, body] of [
      ['GET', '/api/admin/users', undefined],
      ['POST', '/api/admin/users', { username: 'x1', displayName: 'x' }],
      ['GET', '/api/admin/audit/verify', undefined],
      ['GET', '/api/admin/audit', undefined],
      ['POST', '/api/admin/audit/checkpoint', undefined],
      ['GET', '/api/admin/backups', undefined],
      ['POST', '/api/admin/backups', undefined],
      ['GET', '/api/admin/dead-letters', undefined],
    ] as const) {
      const anon = await t.anonymous.request(method, url, body);
      expect(anon.statusCode, `${method} ${url}`).toBe(401);
      const res = await plain.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('creates an account with a one-time password that must be changed', async () => {
    const admin = await t.login();
    const res = await admin.request('POST', '/api/admin/users', { username: 'newhire', displayName: '新同事' });
    expect(res.statusCode).toBe(201);
    const { initialPassword, user } = res.json();
    expect(initialPassword).toMatch(/^\S{12,}$/);
    expect(user.mustChangePassword).toBe(true);
    const me = await t.login('newhire', initialPassword);
    expect((await me.request('GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const dup = await admin.request('POST', '/api/admin/users', { username: 'NewHire', displayName: 'dup' });
    expect(dup.statusCode).toBe(409);
  });
});
