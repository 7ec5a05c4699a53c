import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { acknowledge, approveAll, buildPipFixture, expectStatus, goals, newReport, planBody, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { insertPolicy } from '../../../test/support/policy-rows.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let f: PipFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
});
afterAll(() => t.close());

/** A closed month with `employeeId` below 80%, and an enabled rule that flags it: the open candidate's id. */
async function candidateFor(employeeId: string, code: string): Promise<string> {
  const hr = f.c.hr;
  const cycleId = (await expectStatus(hr.request('POST', '/api/performance/cycles', { code, name: code, type: 'monthly', ownerUnitId: f.units.G.id, startDate: '2026-01-01', endDate: '2026-01-31' }), 201)).id as string;
  await expectStatus(hr.request('PUT', `/api/performance/results/${employeeId}/${cycleId}`, { achievement: 55 }), 200);
  await expectStatus(hr.request('POST', `/api/performance/cycles/${cycleId}/close`), 200);
  const rule = await expectStatus(hr.request('POST', '/api/performance/rules', { ownerUnitId: f.units.G.id, name: `低于80-${code}`, params: { kind: 'consecutive_below', cycleType: 'monthly', metric: 'achievement', threshold: 80, cycles: 1 }, scope: {} }), 201);
  await expectStatus(hr.request('POST', `/api/performance/rules/${rule.id}/enable`), 200);
  const page = await expectStatus(hr.request('GET', `/api/performance/candidates?ruleId=${rule.id}`), 200);
  return page.items.find((c: { employee: { id: string } }) => c.employee.id === employeeId).id as string;
}

describe('from a candidate', () => {
  it('HR converts a candidate: the plan is prefilled, the evidence linked, the candidate closed as converted', async () => {
    const e = await newReport(t, f);
    const candidateId = await candidateFor(e.id, 'CV1');
    await expectStatus(f.c.manager.request('POST', '/api/pips', { candidateId, problemType: 'performance', plannedStart: '2026-03-09', plannedEnd: '2026-04-07' }), 403);
    const { id } = await expectStatus(f.c.hrbp.request('POST', '/api/pips', { candidateId, problemType: 'performance', plannedStart: '2026-03-09', plannedEnd: '2026-04-07' }), 201);
    const plan = await expectStatus(f.c.hrbp.request('GET', `/api/pips/${id}`), 200);
    expect(plan).toMatchObject({ employee: { id: e.id }, reason: { kind: 'candidate', candidateId }, initiator: { name: '员工a1Hrbp' } });
    expect(plan.reason.text).toContain('低于80-CV1');
    expect(plan.reason.evidence).toMatchObject({ cycles: expect.any(Array) });
    expect(await expectStatus(f.c.hr.request('GET', `/api/performance/candidates/${candidateId}`), 200)).toMatchObject({ status: 'converted', closedReason: 'converted' });
    const again = await expectStatus(f.c.hr.request('POST', '/api/pips', { candidateId, problemType: 'performance', plannedStart: '2026-03-09', plannedEnd: '2026-04-07' }), 409);
    expect(again.error.details.reason).toBe('candidate_state');
  });
});

describe('events to other systems', () => {
  it('pip.started when the employee first acknowledges, pip.closed when the plan ends (once each)', async () => {
    await expectStatus(f.c.hr.request('POST', '/api/integration/webhooks', { name: 'HRIS', url: 'https://erp.example.com/hooks', events: ['pip.started', 'pip.closed'], active: true }), 201);
    const e = await newReport(t, f);
    const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id)), 201);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
    await approveAll(f, id);
    await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals, finalise: true }), 200);
    await acknowledge(e.client, id);
    await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals, reason: '调整' }), 200);
    await acknowledge(e.client, id);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/cancel`, { reason: '业务调整' }), 200);
    const rows = await queryRows<{ event: string; payload: { data: { planId: string; reason?: string } } }>(t.db.database.db, sql`select event, payload from webhook_deliveries where payload->'data'->>'planId' = ${id} order by id`);
    expect(rows.map((r) => r.event)).toEqual(['pip.started', 'pip.closed']);
    expect(rows[1]!.payload.data.reason).toBe('cancelled');
  });
});

describe('policy', () => {
  it('a policy that only allows performance problems refuses a conduct plan, naming the field', async () => {
    await insertPolicy(t.db.database.db, f.units.A.id, (s) => {
      s.start.problemTypes = ['performance'];
    });
    const e = await newReport(t, f);
    const res = await expectStatus(f.c.hr.request('POST', '/api/pips', planBody(e.id, { problemType: 'conduct', manualReason: '重大违规但可整改', violation: { description: '违规', occurredOn: '2026-02-01', evidence: '记录' } })), 400);
    expect(res.error.details.issues[0].path).toBe('body.problemType');
  });
});

describe('policy scope', () => {
  it('a policy for some units only refuses a plan outside them', async () => {
    await insertPolicy(t.db.database.db, f.units.A.id, (s) => {
      s.scope.unitIds = [f.units.A2.id];
    });
    const e = await newReport(t, f);
    const res = await expectStatus(f.c.hr.request('POST', '/api/pips', planBody(e.id)), 409);
    expect(res.error.details.reason).toBe('out_of_scope');
    await insertPolicy(t.db.database.db, f.units.A.id);
  });
});

describe('handover', () => {
  it('a unit’s HRBP replaced: the open plans in its subtree, and their pending approvals, pass to the new HRBP', async () => {
    const e = await newReport(t, f);
    const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id)), 201);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
    await expectStatus(f.c.hr.request('PATCH', `/api/org/units/${f.units.A1.id}`, { hrbpIds: [f.people.aHr!.id] }), 200);
    const plan = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200);
    expect(plan.hrbp.id).toBe(f.people.aHr!.id);
    expect(plan.approvals[1]).toMatchObject({ status: 'pending', approver: { id: f.people.a1Hrbp!.id }, delegate: { id: f.people.aHr!.id } });
    await expectStatus(f.c.hrhead.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
  });
});

describe('appeals', () => {
  it('go to the HR head when the HRBP started the plan', async () => {
    const e = await newReport(t, f);
    const { id } = await expectStatus(f.c.hrbp.request('POST', '/api/pips', planBody(e.id, { hrbpId: f.people.a1Hrbp!.id })), 201);
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
    await approveAll(f, id);
    await expectStatus(e.client.request('POST', `/api/pips/${id}/appeals`, { body: 'HRBP 发起的计划，我不认可' }), 201);
    const tl = await expectStatus(f.c.hrhead.request('GET', `/api/pips/${id}/timeline`), 200);
    expect(tl.appeals[0]).toMatchObject({ status: 'open', handler: { id: f.people.aHr!.id } });
    expect((await expectStatus(f.c.hrhead.request('GET', '/api/pips/todos'), 200)).items.some((x: { kind: string; planId: string }) => x.kind === 'answer_appeal' && x.planId === id)).toBe(true);
  });
});
