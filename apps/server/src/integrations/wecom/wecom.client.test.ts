import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { simAdmin } from '../../../test/support/wecom-sim.ts';
import { WeComApiError } from './wecom.errors.ts';

// The typed client against the simulator over a real listening server: tokens, retries and
// typed errors as production would see them. Time moves by the manual clock, never by sleeping.

let t: TestApp;
let admin: ReturnType<typeof simAdmin>;
const stats = async () => admin.view<{ gettokenCalls: number }>('stats');

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  admin = simAdmin(t);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  t.sleeps.length = 0;
});

describe('WeCom client: tokens', () => {
  it('fetches one token per secret, caches it, and shares one gettoken among concurrent callers', async () => {
    const client = t.services.wecom.client;
    const before = (await stats()).gettokenCalls;
    await Promise.all([client.getDepartment(1), client.recallMessage('nope').catch(() => null), client.getDepartment(1), client.listUserIds({ limit: 1 })]);
    // app token + contact token, each fetched once
    expect((await stats()).gettokenCalls - before).toBe(2);
    await client.getDepartment(1);
    expect((await stats()).gettokenCalls - before).toBe(2);
  });

  it('refreshes before expiry, not after a failure', async () => {
    const client = t.services.wecom.client;
    await client.getDepartment(1);
    const before = (await stats()).gettokenCalls;
    t.clock.advance((7200 - 299) * 1000);
    await client.getDepartment(1);
    expect((await stats()).gettokenCalls - before).toBe(1);
  });

  it('drops a token WeCom rejects (40014, 42001), fetches a new one once and retries once', async () => {
    const client = t.services.wecom.client;
    for (const how of ['invalid', 'expired'] as const) {
      await client.getDepartment(1);
      const before = (await stats()).gettokenCalls;
      await admin.post('expire-tokens', { how });
      const d = await client.getDepartment(1);
      expect(d.department.id).toBe(1);
      expect((await stats()).gettokenCalls - before).toBe(1);
    }
  });

  it('retries a rejected token only once, then throws the typed error', async () => {
    await admin.post('fault', { errcode: 40014, path: '/cgi-bin/department/get', times: 2 });
    const err = await t.services.wecom.client.getDepartment(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComApiError);
    expect(err).toMatchObject({ errcode: 40014, path: '/cgi-bin/department/get' });
  });
});

describe('WeCom client: busy and frequency limits', () => {
  it('retries -1 with growing waits, at most three times', async () => {
    await admin.post('fault', { errcode: -1, path: '/cgi-bin/department/get', times: 2 });
    expect((await t.services.wecom.client.getDepartment(1)).department.id).toBe(1);
    expect(t.sleeps).toEqual([200, 400]);
    t.sleeps.length = 0;
    await admin.post('fault', { errcode: -1, path: '/cgi-bin/department/get', times: 4 });
    await expect(t.services.wecom.client.getDepartment(1)).rejects.toMatchObject({ errcode: -1 });
    expect(t.sleeps).toEqual([200, 400, 800]);
    await admin.post('fault', { errcode: -1, path: '/cgi-bin/department/get', times: 1 }).then(() => t.services.wecom.client.getDepartment(1));
  });

  it('backs off on 45009, including on gettoken', async () => {
    await admin.post('fault', { errcode: 45009, path: '/cgi-bin/user/get', times: 1 });
    const u = await t.services.wecom.client.getUser('XH000001');
    expect(u.userid).toBe('xh000001');
    expect(t.sleeps).toEqual([2000]);
    t.sleeps.length = 0;
    await admin.post('expire-tokens', { how: 'expired' });
    await admin.post('fault', { errcode: 45009, path: '/cgi-bin/gettoken', times: 1 });
    await t.services.wecom.client.getDepartment(1);
    expect(t.sleeps).toEqual([2000]);
  });

  it('does not retry business errors, and names errcode, errmsg and path', async () => {
    const err = await t.services.wecom.client.getUser('nobody-here').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComApiError);
    const e = err as WeComApiError;
    expect(e.errcode).toBe(60111);
    expect(e.path).toBe('/cgi-bin/user/get');
    expect(e.errmsg).toMatch(/^userid not found, hint: \[[\w-]+\], from ip: [\d.:a-f]+, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=60111$/);
    expect(e.message).not.toMatch(/access_token/);
    expect(t.sleeps).toEqual([]);
  });
});
