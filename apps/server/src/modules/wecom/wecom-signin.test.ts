import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { simAdmin } from '../../../test/support/wecom-sim.ts';
import { safeNext } from './wecom-signin.service.ts';

// Sign-in inside WeCom over real HTTP: the app redirects to the simulator's authorize page,
// the simulated client (a member) agrees, the code comes back and becomes a session.

let t: TestApp;
let managerWecomId: string;

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  const [row] = await queryRows<{ id: string }>(t.db.database.db, sql`select e.wecom_userid as id from employees e join users u on u.id = e.user_id where u.username = 'manager'`);
  managerWecomId = row!.id;
});
afterAll(async () => t?.close());

/** Where a refused sign-in sends the browser: the sign-in page, saying why. */
const refusedTo = (res: Response) => (res.status === 302 ? res.headers.get('location') : `HTTP ${res.status}`);

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`)) ?? null;

/** Start → authorize as `userid` → the callback URL with code and state, and the state cookie. */
async function throughWecom(userid: string, next = '/pips?tab=mine') {
  const start = await fetch(`${t.url}/api/wecom/oauth/start?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorize = start.headers.get('location')!;
  expect(authorize).toMatch(/\/wecom-sim\/connect\/oauth2\/authorize\?appid=ww\w+&redirect_uri=.+&response_type=code&scope=snsapi_base&state=\w+&agentid=1000002#wechat_redirect$/);
  const phone = await fetch(`${authorize.split('#')[0]}&userid=${userid}`, { redirect: 'manual' });
  expect(phone.status).toBe(302);
  return { callback: phone.headers.get('location')!, stateCookie: cookieOf(start, 'uplift_wecom_oauth')! };
}

describe('sign-in inside WeCom', () => {
  it('turns the OAuth code into the same session as a password sign-in, audited as wecom', async () => {
    const { callback, stateCookie } = await throughWecom(managerWecomId.toUpperCase());
    expect(new URL(callback).pathname).toBe('/api/wecom/oauth/callback');
    const done = await fetch(callback, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/pips?tab=mine');
    const sid = cookieOf(done, 'uplift_sid');
    expect(sid).toBeTruthy();
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: sid! } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('manager');
    const [audit] = await queryRows<{ after: { method: string } }>(t.db.database.db, sql`select after from audit_log where action = 'auth.login' order by seq desc limit 1`);
    expect(audit!.after.method).toBe('wecom');
    // the code is single use: the browser goes back to the sign-in page, which says why, with no session
    const again = await fetch(callback, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(refusedTo(again)).toBe('/login?wecom=invalid_code');
    expect(cookieOf(again, 'uplift_sid')).toBeNull();
  });

  it('refuses a callback whose state does not match this browser (login CSRF)', async () => {
    const { callback, stateCookie } = await throughWecom(managerWecomId);
    const other = await throughWecom(managerWecomId);
    const forged = await fetch(callback, { redirect: 'manual', headers: { cookie: other.stateCookie } });
    expect(refusedTo(forged)).toBe('/login?wecom=state');
    expect(cookieOf(forged, 'uplift_sid')).toBeNull();
    expect(refusedTo(await fetch(callback, { redirect: 'manual' }))).toBe('/login?wecom=state');
    // and the code was not spent: the browser that started it still signs in with it
    const own = await fetch(callback, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(own.headers.get('location')).toBe('/pips?tab=mine');
    expect(cookieOf(own, 'uplift_sid')).toBeTruthy();
  });

  it('sends a cancelled authorisation (no code) back to the sign-in page', async () => {
    const res = await fetch(`${t.url}/api/wecom/oauth/callback?state=abc`, { redirect: 'manual' });
    expect(refusedTo(res)).toBe('/login?wecom=cancelled');
  });

  it('sends the browser to the sign-in page when WeCom cannot be asked who the member is', async () => {
    const { callback, stateCookie } = await throughWecom(managerWecomId);
    const admin = simAdmin(t);
    await admin.post('fault', { errcode: 40014, path: '/cgi-bin/auth/getuserinfo', times: 5 });
    try {
      const res = await fetch(callback, { redirect: 'manual', headers: { cookie: stateCookie } });
      expect(refusedTo(res)).toBe('/login?wecom=unavailable');
      expect(cookieOf(res, 'uplift_sid')).toBeNull();
    } finally {
      // what the client's one retry left of the faults is not for the next test
      admin.sim.state.faults.length = 0;
    }
  });

  it('refuses a member without an Uplift account, and audits the attempt', async () => {
    const [row] = await queryRows<{ id: string }>(t.db.database.db, sql`select wecom_userid as id from employees where user_id is null and status = 'active' order by employee_no limit 1`);
    const { callback, stateCookie } = await throughWecom(row!.id);
    const res = await fetch(callback, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(refusedTo(res)).toBe('/login?wecom=no_account');
    expect(cookieOf(res, 'uplift_sid')).toBeNull();
    const [audit] = await queryRows<{ actor_label: string }>(t.db.database.db, sql`select actor_label from audit_log where action = 'auth.login_failed' order by seq desc limit 1`);
    expect(audit!.actor_label).toBe(`wecom:${row!.id}`);
  });

  it('signs in from a desktop browser by QR code (wwlogin/sso/login), the scanner in the app range', async () => {
    const start = await fetch(`${t.url}/api/wecom/oauth/start?via=qr&next=/inbox`, { redirect: 'manual' });
    const qr = new URL(start.headers.get('location')!);
    expect(qr.pathname).toBe('/wecom-sim/wwlogin/sso/login');
    expect(Object.fromEntries(qr.searchParams)).toMatchObject({ login_type: 'CorpApp', appid: t.services.wecom.credentials.corpId, agentid: '1000002' });
    const scanned = await fetch(`${qr.toString()}&userid=${managerWecomId}`, { redirect: 'manual' });
    expect(scanned.status).toBe(302);
    const done = await fetch(scanned.headers.get('location')!, { redirect: 'manual', headers: { cookie: cookieOf(start, 'uplift_wecom_oauth')! } });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/inbox');
    expect(cookieOf(done, 'uplift_sid')).toBeTruthy();
  });

  it('keeps the browser on the origin it used (cookies must come back), without PUBLIC_URL', async () => {
    const viaLocalhost = t.url!.replace('127.0.0.1', 'localhost');
    const start = await fetch(`${viaLocalhost}/api/wecom/oauth/start`, { redirect: 'manual' });
    const location = start.headers.get('location')!;
    expect(location.startsWith(`${viaLocalhost}/wecom-sim/connect/oauth2/authorize?`)).toBe(true);
    expect(new URL(location).searchParams.get('redirect_uri')).toBe(`${viaLocalhost}/api/wecom/oauth/callback`);
  });

  it('only returns to paths on this site', () => {
    expect(safeNext('/inbox')).toBe('/inbox');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '', undefined, '/ok path']) expect(safeNext(bad)).toBe('/');
  });
});

describe('JS-SDK signatures for H5 pages', () => {
  it('signs a page of this site for a signed-in person with the simulator tickets (SPEC §8.3 algorithm)', async () => {
    const client = await t.login('manager');
    const page = 'http://localhost/pips/1?tab=goals';
    const res = await client.request('GET', `/api/wecom/jssdk-config?url=${encodeURIComponent(`${page}#section`)}`, undefined, { host: 'localhost' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { corpId: string; agentId: number; config: { timestamp: number; nonceStr: string; signature: string }; agentConfig: { signature: string } };
    expect(body.corpId).toBe(t.services.wecom.credentials.corpId);
    const ticket = await t.services.wecom.client.corpJsapiTicket();
    const expected = createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${body.config.nonceStr}&timestamp=${body.config.timestamp}&url=${page}`).digest('hex');
    expect(body.config.signature).toBe(expected);
    expect(body.agentConfig.signature).not.toBe(expected);
    expect((await client.request('GET', `/api/wecom/jssdk-config?url=${encodeURIComponent('https://evil.example/x')}`, undefined, { host: 'localhost' })).statusCode).toBe(400);
    expect((await t.anonymous.request('GET', `/api/wecom/jssdk-config?url=${encodeURIComponent(page)}`)).statusCode).toBe(401);
  });
});

describe('sign-in inside WeCom with a real corp', () => {
  it('sends the browser to open.weixin.qq.com with PUBLIC_URL as the redirect, and refuses without PUBLIC_URL', async () => {
    const live = { WECOM_CORP_ID: 'ww1436e0e65a779aee', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 's' };
    const bare = await createTestApp({ env: live });
    const configured = await createTestApp({ env: { ...live, PUBLIC_URL: 'https://hr.example.com' } });
    try {
      const unset = await bare.anonymous.request('GET', '/api/wecom/oauth/start');
      expect([unset.statusCode, unset.headers.location]).toEqual([302, '/login?wecom=unavailable']);
      const res = await configured.anonymous.request('GET', '/api/wecom/oauth/start?next=/inbox');
      expect(res.statusCode).toBe(302);
      const to = new URL(res.headers.location as string);
      expect(`${to.origin}${to.pathname}`).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
      expect(to.hash).toBe('#wechat_redirect');
      expect(Object.fromEntries(to.searchParams)).toMatchObject({ appid: 'ww1436e0e65a779aee', agentid: '1000002', scope: 'snsapi_base', response_type: 'code', redirect_uri: 'https://hr.example.com/api/wecom/oauth/callback' });
      expect(bare.services.wecom.sim).toBeNull();
      const qr = new URL((await configured.anonymous.request('GET', '/api/wecom/oauth/start?via=qr')).headers.location as string);
      expect(`${qr.origin}${qr.pathname}`).toBe('https://login.work.weixin.qq.com/wwlogin/sso/login');
      expect(qr.searchParams.get('redirect_uri')).toBe('https://hr.example.com/api/wecom/oauth/callback');
    } finally {
      await bare.close();
      await configured.close();
    }
  });
});
