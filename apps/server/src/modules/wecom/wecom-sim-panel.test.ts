import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { SimStatus } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';

// The 模拟企业微信 page's knobs through the API, and their effect on the real client talking
// to the simulator over HTTP: expired tokens are fetched again, injected −1 / 45009 are retried,
// the visibility range limits who receives app messages. Outside demo mode: sys_admin only.

let t: TestApp;
let prod: TestApp;

beforeAll(async () => {
  t = await createTestApp({ wecom: true, demoGroup: true });
  prod = await createTestApp({ wecom: true, env: { UPLIFT_DEMO: 'false' } });
});
afterAll(async () => {
  await t?.close();
  await prod?.close();
});

describe('the simulator knobs (模拟企业微信)', () => {
  it('shows the simulated corp and turns the knobs, each audited', async () => {
    const hr = await t.login('hr');
    const status = (await hr.request('GET', '/api/wecom/sim/status')).json() as SimStatus;
    expect(status.demo).toBe(true);
    expect(status.users).toBeGreaterThan(10);
    expect(status.visibility).toEqual({ parties: [1], users: [] });

    // an expired token: the client's next call fetches a new one and succeeds
    await t.services.wecom.client.listDepartments();
    const calls = status.gettokenCalls;
    const expire = await hr.request('POST', '/api/wecom/sim/expire-tokens', { how: 'expired' });
    expect(expire.statusCode, expire.body).toBe(200);
    await t.services.wecom.client.listDepartments();
    const after = (await hr.request('GET', '/api/wecom/sim/status')).json() as SimStatus;
    expect(after.gettokenCalls).toBeGreaterThan(calls);

    // −1 once: queued, then consumed by the client's retry
    expect((await hr.request('POST', '/api/wecom/sim/fault', { errcode: -1, times: 1 })).statusCode).toBe(200);
    expect(((await hr.request('GET', '/api/wecom/sim/status')).json() as SimStatus).faults).toEqual([{ errcode: -1, path: null, remaining: 1 }]);
    await t.services.wecom.client.listDepartments();
    expect(((await hr.request('GET', '/api/wecom/sim/status')).json() as SimStatus).faults.filter((f) => f.remaining > 0)).toEqual([]);

    // the visibility range, then back
    expect((await hr.request('POST', '/api/wecom/sim/visibility', { parties: [], users: ['someone'] })).statusCode).toBe(200);
    expect(((await hr.request('GET', '/api/wecom/sim/status')).json() as SimStatus).visibility).toEqual({ parties: [], users: ['someone'] });
    expect((await hr.request('POST', '/api/wecom/sim/visibility', { parties: [1] })).statusCode).toBe(200);

    const audits = await queryRows<{ entity_id: string; actor_label: string }>(t.db.database.db, sql`select entity_id, actor_label from audit_log where action = 'wecom.sim_knob' order by seq`);
    expect(audits.map((a) => a.entity_id)).toEqual(['expire-tokens', 'fault', 'visibility', 'visibility']);
    expect(new Set(audits.map((a) => a.actor_label))).toEqual(new Set(['hr']));
  });

  it('names the field of a bad knob and refuses codes it does not offer', async () => {
    const hr = await t.login('hr');
    const res = await hr.request('POST', '/api/wecom/sim/fault', { errcode: 40001 });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('body.errcode');
    expect((await hr.request('POST', '/api/wecom/sim/reseed', {})).statusCode).toBe(400);
    expect((await t.anonymous.request('GET', '/api/wecom/sim/status')).statusCode).toBe(401);
  });

  it('outside demo mode, only sys_admin', async () => {
    const admin = await prod.login();
    expect((await admin.request('GET', '/api/wecom/sim/status')).statusCode).toBe(200);
    expect((await admin.request('POST', '/api/wecom/sim/sensitive', { strip: false })).statusCode).toBe(200);
    expect(((await admin.request('GET', '/api/wecom/sim/status')).json() as SimStatus).stripSensitive).toBe(false);
    const created = await admin.request('POST', '/api/admin/users', { username: 'plain-user', displayName: '普通用户', password: 'Plain-pass-123' });
    expect(created.statusCode, created.body).toBe(201);
    const plain = await prod.login('plain-user', 'Plain-pass-123');
    expect((await plain.request('GET', '/api/wecom/sim/status')).statusCode).toBe(403);
    expect((await plain.request('POST', '/api/wecom/sim/expire-tokens', {})).statusCode).toBe(403);
  });
});
