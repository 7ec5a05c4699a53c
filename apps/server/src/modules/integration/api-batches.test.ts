import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { BatchAccepted, BatchRejected, IssuedToken, ServiceAccount } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { employees, idempotencyKeys, importBatches } from '../../db/schema/index.ts';
import { DAY, MINUTE } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import type { MachineCaller } from './service-accounts.service.ts';

let t: TestApp;
let f: OrgFixture;
let account: ServiceAccount;
let issued: IssuedToken;
let caller: MachineCaller;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  const hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
  account = (await hr.request('POST', '/api/integration/service-accounts', { name: 'Assessment' })).json<ServiceAccount>();
  // subsidiary A only; every operation
  const expiresAt = new Date(t.clock.now().getTime() + 90 * DAY).toISOString();
  issued = (await hr.request('POST', `/api/integration/service-accounts/${account.id}/tokens`, { name: 'all', operations: ['results:write', 'work_logs:write', 'feedback:write'], unitIds: [f.units.A.id], expiresAt })).json<IssuedToken>();
  caller = await t.services.serviceAccounts.authenticate(issued.plainToken, null);
});
afterAll(async () => {
  await t.close();
});

// The machinery through the service with the employees import (a kind that is sure to exist);
// the HTTP endpoints below feed the performance kinds the same way.
const person = (no: string, unit = 'A2', extra: Record<string, unknown> = {}) => ({ employee_no: no, name: `接口${no}`, gender: 'female', unit_code: unit, position: '会计', grade: 'P3', hire_date: '2025-01-02', ...extra });
const receive = (key: string, items: Record<string, unknown>[]) => t.services.apiBatches.receive(caller, { type: 'employees', operation: 'results:write', key, items, requestId: `req-${key}` });
const employeesNamed = async (...nos: string[]) => (await t.db.database.db.select({ no: employees.employeeNo }).from(employees).where(sql`${employees.employeeNo} in ${nos}`)).length;

describe('batches with an Idempotency-Key', () => {
  it('merges a batch as the service account: the import and its audit record name it', async () => {
    const out = await receive('k-merge', [person('AB01'), person('AB02', 'A1T')]);
    expect(out).toMatchObject({ statusCode: 200, replayed: false, body: { status: 'merged', counts: { rows: 2, create: 2, errors: 0 } } });
    const batchId = (out.body as BatchAccepted).batchId;
    const [b] = await t.db.database.db.select().from(importBatches).where(eq(importBatches.id, batchId));
    expect(b).toMatchObject({ createdBy: account.userId, source: 'api', fileName: 'API k-merge', status: 'merged' });
    const [audit] = await queryRows<{ actor_label: string }>(t.db.database.db, sql`select actor_label from audit_log where action = 'import.merge' and entity_id = ${batchId}`);
    expect(audit!.actor_label).toBe('svc-assessment');
    expect(await employeesNamed('AB01', 'AB02')).toBe(2);
  });

  it('answers the same batch sent twice from the key: stored once, same status and body', async () => {
    const items = [person('AB11'), person('AB12')];
    const first = await receive('k-twice', items);
    const again = await receive('k-twice', items);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await employeesNamed('AB11', 'AB12')).toBe(2);
    const batches = await t.db.database.db.select().from(importBatches).where(eq(importBatches.fileName, 'API k-twice'));
    expect(batches).toHaveLength(1);
  });

  it('refuses the same key with another body (409), leaving the first answer as it was', async () => {
    await receive('k-other', [person('AB21')]);
    await expect(receive('k-other', [person('AB22')])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await employeesNamed('AB22')).toBe(0);
    expect((await receive('k-other', [person('AB21')])).replayed).toBe(true);
  });

  it('gives per-item errors (0-based index, field) for rows outside the token\'s units and bad cells; nothing stored', async () => {
    const out = await receive('k-scope', [person('AB31'), person('AB32', 'B1'), person('AB33', 'A1', { hire_date: 'soon' })]);
    expect(out.statusCode).toBe(422);
    const body = out.body as BatchRejected;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.requestId).toBe('req-k-scope');
    expect(body.error.details.errors.map((e) => [e.index, e.field, e.code])).toEqual([
      [1, 'unit_code', expect.any(String)],
      [2, 'hire_date', 'BAD_DATE'],
    ]);
    expect(body.error.details.errors[0]!.message['en-US']).toBeTruthy();
    expect(await employeesNamed('AB31', 'AB32', 'AB33')).toBe(0);
    // the rejection is the answer for this key too
    expect(await receive('k-scope', [person('AB31'), person('AB32', 'B1'), person('AB33', 'A1', { hire_date: 'soon' })])).toEqual({ ...out, replayed: true });
  });

  it('frees the key when the batch is refused before anything is staged (unknown field)', async () => {
    await expect(receive('k-free', [{ ...person('AB41'), salary: 1 }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await t.db.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'k-free'))).toHaveLength(0);
    expect((await receive('k-free', [person('AB41')])).statusCode).toBe(200);
  });

  it('recovers a key whose answer was never stored (process died after the merge) without merging again', async () => {
    const items = [person('AB51')];
    const first = await receive('k-crash', items);
    const mine = and(eq(idempotencyKeys.serviceAccountId, account.id), eq(idempotencyKeys.key, 'k-crash'));
    // as if the process died between the merge and storing the answer
    await t.db.database.db.update(idempotencyKeys).set({ statusCode: 0, response: {} }).where(mine);
    await expect(receive('k-crash', items)).rejects.toMatchObject({ code: 'CONFLICT' });
    t.clock.advance(16 * MINUTE);
    const recovered = await receive('k-crash', items);
    expect(recovered).toEqual(first);
    expect(await employeesNamed('AB51')).toBe(1);
    expect((await t.db.database.db.select().from(importBatches).where(eq(importBatches.fileName, 'API k-crash'))).length).toBe(1);
    const [key] = await t.db.database.db.select().from(idempotencyKeys).where(mine);
    expect(key!.statusCode).toBe(200);
  });
});

describe('POST /api/v1/work-logs:batch', () => {
  const call = (key: string, items: unknown[]) => t.anonymous.request('POST', '/api/v1/work-logs:batch', { items }, { authorization: `Bearer ${issued.plainToken}`, 'idempotency-key': key });
  const log = (no: string, date: string) => ({ employee_no: no, date, hours: 8, summary: '接口写入的工作日志' });

  it('stores a batch once and replays its answer with Idempotent-Replayed', async () => {
    const items = [log(f.people.a1Dev!.employeeNo, '2026-02-27'), log(f.people.a2Dev!.employeeNo, '2026-02-27')];
    const first = await call('wl-1', items);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<BatchAccepted>()).toMatchObject({ status: 'merged', counts: { rows: 2, create: 2 } });
    const again = await call('wl-1', items);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const [n] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from import_batches where file_name = 'API wl-1'`);
    expect(n!.n).toBe(1);
    const conflict = await call('wl-1', [log(f.people.a1Dev!.employeeNo, '2026-02-26')]);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('CONFLICT');
  });

  it('answers 422 with item errors for a person outside the token\'s units', async () => {
    const res = await call('wl-2', [log(f.people.a1Dev!.employeeNo, '2026-02-26'), log(f.people.b1Dev!.employeeNo, '2026-02-26')]);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json<BatchRejected>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.errors.map((e) => e.index)).toEqual([1]);
    expect(body.error.details.errors[0]!.field).toBe('employee_no');
  });
});
