import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { GuardCondition, GuardReport } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { acknowledgments, employees, pipEvaluations, pipGoals, pipOutcomes, pipPlans, pipRoleAdjustments, pipTrainings, policyVersions, storedFiles } from '../../db/schema/index.ts';
import { buildPipFixture, expectStatus, newReport, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let f: PipFixture;
const db = () => t.db.database.db;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
  // the policy in force went through the democratic procedure, with its evidence on file
  const [pv] = await db().select().from(policyVersions).where(eq(policyVersions.state, 'in_force'));
  await db().update(policyVersions).set({ adoption: { procedure: 'workers_congress', date: '2026-02-01', notes: '职代会表决通过' } }).where(eq(policyVersions.id, pv!.id));
  const content = Buffer.from('%PDF 职代会决议');
  await db().insert(storedFiles).values({ ownerType: 'policy_version', ownerId: pv!.id, name: '职代会决议.pdf', contentType: 'application/pdf', size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, createdAt: new Date('2026-02-01T02:00:00Z') });
});
afterAll(() => t.close());

const TODAY = '2026-09-01';
type Setup = { policyAck?: boolean; training?: 'attended' | 'absent' | null; reassessment?: 'not_met' | 'met' | null };

/**
 * A plan of a fresh report run 2026-06-08 … 07-07 (goals acknowledged on 06-01), not passed
 * (confirmed 07-10) and in follow-up; by default the employee acknowledged the policy, attended a
 * training (07-15 … 07-16) and was re-assessed "not met" on the same goals (08-10). Clock: 09-01.
 */
async function followUp(s: Setup = {}) {
  await f.at('2026-06-01T01:00:00.000Z');
  const p = await runningPlanBetween(t, f, '2026-06-08', '2026-07-07');
  const [plan] = await db().select().from(pipPlans).where(eq(pipPlans.id, p.id));
  const outcomeId = randomUUID();
  const followUps = ['training', 'reassessment', 'termination_review'];
  await db()
    .insert(pipOutcomes)
    .values({ id: outcomeId, planId: p.id, round: 1, outcome: 'not_passed', note: '回款未达标', followUps, previousEnd: '2026-07-07', status: 'confirmed', proposedByName: '经理', proposedAt: new Date('2026-07-09T02:00:00Z'), confirmedByName: 'HRBP', confirmedAt: new Date('2026-07-10T02:00:00Z') });
  await db()
    .update(pipPlans)
    .set({ state: 'follow_up', outcome: { outcomeId, outcome: 'not_passed', followUps, note: '回款未达标', acknowledged: true, concluded: null } })
    .where(eq(pipPlans.id, p.id));
  if (s.policyAck !== false) await policyAck(p.employee.id, plan!.policyVersionId!);
  const goalIds = (await db().select({ id: pipGoals.id }).from(pipGoals).where(eq(pipGoals.planId, p.id))).map((g) => g.id);
  const training = s.training === undefined ? 'attended' : s.training;
  if (training !== null) {
    await db()
      .insert(pipTrainings)
      .values({ planId: p.id, topic: '大客户回款技巧', gap: '回款周期长', goalIds, startsOn: '2026-07-15', endsOn: '2026-07-16', trainer: '销售培训部', attendance: training, createdByName: 'HRBP', createdAt: new Date('2026-07-11T02:00:00Z'), updatedAt: new Date('2026-07-16T10:00:00Z') });
  }
  const conclusion = s.reassessment === undefined ? 'not_met' : s.reassessment;
  if (conclusion !== null) await reassess(p.id, plan!.goalsVersion, conclusion);
  await f.at(`${TODAY}T02:00:00.000Z`);
  return { ...p, plan: plan!, outcomeId };
}

async function policyAck(employeeId: string, policyVersionId: string) {
  const [pv] = await db().select().from(policyVersions).where(eq(policyVersions.id, policyVersionId));
  await db().insert(acknowledgments).values({ subjectType: 'policy_version', subjectId: pv!.id, subjectVersion: pv!.version, employeeId, status: 'confirmed', contentSha256: 'c'.repeat(64), channel: 'web', at: new Date('2026-05-01T02:00:00Z') });
}

async function reassess(planId: string, goalsVersion: number, conclusion: 'met' | 'not_met', completed = '2026-08-10T08:00:00Z') {
  const at = new Date(completed);
  const [e] = await db()
    .insert(pipEvaluations)
    .values({ planId, pointKey: `reassessment-${randomUUID()}`, kind: 'reassessment', goalsVersion, conclusion, name: '再评估', atPercent: 100, status: 'completed', opensOn: '2026-08-03', completedAt: at, createdAt: at, updatedAt: at })
    .returning({ id: pipEvaluations.id });
  return e!.id;
}

const guard = async (planId: string, c: Client = f.c.hr): Promise<GuardReport> => expectStatus(c.request('GET', `/api/pips/${planId}/guard`), 200);
const met = async (planId: string, condition: GuardCondition) => (await guard(planId)).conditions.find((x) => x.condition === condition)!;
const wages = { averageMonthly: 1_500_000, lastMonth: 1_480_000, localAverageMonthly: 1_218_300 };
const proposal = (extra: Record<string, unknown> = {}) => ({ union: { date: '2026-08-31', note: '书面通知公司工会，工会无异议' }, noticeMode: 'notice', wages, ...extra });
const audits = async (action: string, entityId?: string) =>
  (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = ${action} ${entityId ? sql`and entity_id = ${entityId}` : sql``}`))[0]!.n;
const events = async (planId: string, kind: string) => (await queryRows<{ data: Record<string, unknown> }>(db(), sql`select data from pip_events where plan_id = ${planId} and kind = ${kind} order by seq`)).map((r) => r.data);

describe('the guard, condition by condition, from the plan’s records', () => {
  it('everything in place: five conditions met, and the union is asked for with the review', async () => {
    const p = await followUp();
    const r = await guard(p.id);
    expect(r).toMatchObject({ asOf: TODAY, lastDay: '2026-10-01', unmet: ['union_notified'] });
    const byKey = Object.fromEntries(r.conditions.map((c) => [c.condition, c]));
    expect(byKey.standards_acknowledged!.evidence[0]).toMatchObject({ kind: 'acknowledgment', date: '2026-06-01' });
    expect(byKey.policy_acknowledged!.evidence.map((e) => e.kind)).toEqual(['policy_version', 'adoption', 'adoption_evidence', 'acknowledgment']);
    expect(byKey.training_or_adjustment!.evidence.map((e) => e.kind)).toEqual(['outcome', 'training']);
    // the employee's receipt of the outcome is shown with it
    await db().insert(acknowledgments).values({ subjectType: 'pip_outcome', subjectId: p.outcomeId, subjectVersion: 1, employeeId: p.employee.id, status: 'confirmed', contentSha256: 'e'.repeat(64), channel: 'web', at: new Date('2026-07-11T02:00:00Z') });
    expect((await met(p.id, 'training_or_adjustment')).evidence.map((e) => [e.kind, e.date])).toEqual([['outcome', '2026-07-10'], ['outcome_receipt', '2026-07-11'], ['training', '2026-07-16']]);
    expect(byKey.reassessment_not_met!.met).toBe(true);
    expect(byKey.no_protected_situation!.met).toBe(true);
    // pay in lieu: the last day is the notice day
    expect((await expectStatus(f.c.hr.request('GET', `/api/pips/${p.id}/guard?noticeMode=pay_in_lieu`), 200)).lastDay).toBe(TODAY);
  });

  it('(a) goals acknowledged after the planned start: unmet; on the start day: met', async () => {
    const p = await followUp();
    await db().update(acknowledgments).set({ at: new Date('2026-06-09T02:00:00Z') }).where(and(eq(acknowledgments.subjectType, 'pip_plan'), eq(acknowledgments.subjectId, p.id)));
    expect((await met(p.id, 'standards_acknowledged')).met).toBe(false);
    await db().update(acknowledgments).set({ at: new Date('2026-06-08T09:00:00Z') }).where(and(eq(acknowledgments.subjectType, 'pip_plan'), eq(acknowledgments.subjectId, p.id)));
    expect((await met(p.id, 'standards_acknowledged')).met).toBe(true);
  });

  it('(b) the employee has not acknowledged the policy version: unmet; acknowledged: met', async () => {
    const p = await followUp({ policyAck: false });
    const c = await met(p.id, 'policy_acknowledged');
    expect(c.met).toBe(false);
    expect(c.explanation['zh-CN']).toContain('员工未签收制度');
    await policyAck(p.employee.id, p.plan.policyVersionId!);
    expect((await met(p.id, 'policy_acknowledged')).met).toBe(true);
  });

  it('(c) training missed: unmet; a role adjustment with the signed notice: met', async () => {
    const p = await followUp({ training: 'absent' });
    expect((await met(p.id, 'training_or_adjustment')).met).toBe(false);
    const [ra] = await db()
      .insert(pipRoleAdjustments)
      .values({ planId: p.id, fromPosition: '销售', toPosition: '销售助理', effectiveOn: '2026-07-20', reason: '回款能力不足', relation: '同一销售序列，岗位要求相近', noticeText: '调岗通知', noticeSha256: 'd'.repeat(64), createdByName: 'HRBP', createdAt: new Date('2026-07-12T02:00:00Z') })
      .returning({ id: pipRoleAdjustments.id });
    expect((await met(p.id, 'training_or_adjustment')).met).toBe(false);
    await db().insert(acknowledgments).values({ subjectType: 'pip_role_adjustment', subjectId: ra!.id, subjectVersion: 1, employeeId: p.employee.id, status: 'confirmed', contentSha256: 'd'.repeat(64), channel: 'web', at: new Date('2026-07-13T02:00:00Z') });
    const c = await met(p.id, 'training_or_adjustment');
    expect(c.met).toBe(true);
    expect(c.evidence.find((e) => e.kind === 'role_adjustment')).toMatchObject({ id: ra!.id, date: '2026-07-20' });
  });

  it('(d) re-assessed on another goals version, or met: unmet; on the acknowledged version and not met: met', async () => {
    const p = await followUp({ reassessment: null });
    expect((await met(p.id, 'reassessment_not_met')).met).toBe(false);
    await reassess(p.id, p.plan.goalsVersion + 1, 'not_met', '2026-08-10T08:00:00Z');
    expect((await met(p.id, 'reassessment_not_met')).explanation['en-US']).toContain('not the same standard');
    await reassess(p.id, p.plan.goalsVersion, 'met', '2026-08-11T08:00:00Z');
    expect((await met(p.id, 'reassessment_not_met')).met).toBe(false);
    const id = await reassess(p.id, p.plan.goalsVersion, 'not_met', '2026-08-12T08:00:00Z');
    const c = await met(p.id, 'reassessment_not_met');
    expect(c.met).toBe(true);
    expect(c.evidence[0]!.id).toBe(id);
  });

  it('(e) a protected situation blocks while active; ended before the review it does not', async () => {
    const p = await followUp();
    const { id } = await expectStatus(f.c.hr.request('POST', `/api/people/${p.employee.id}/protected-situations`, { kind: 'pregnancy', from: '2026-08-01', note: '已提交孕检证明' }), 201);
    const c = await met(p.id, 'no_protected_situation');
    expect(c.met).toBe(false);
    expect(c.evidence[0]).toMatchObject({ kind: 'protected_situation', id });
    await expectStatus(f.c.hr.request('POST', `/api/people/${p.employee.id}/protected-situations/${id}/end`, { to: '2026-08-31' }), 200);
    expect((await met(p.id, 'no_protected_situation')).met).toBe(true);
  });

  it('(e) each kind of 第四十二条 blocks', async () => {
    const p = await followUp();
    const kinds = ['occupational_disease_suspected', 'occupational_injury_disability', 'medical_treatment', 'pregnancy', 'maternity_leave', 'nursing'];
    for (const kind of kinds) {
      const { id } = await expectStatus(f.c.hr.request('POST', `/api/people/${p.employee.id}/protected-situations`, { kind, from: '2026-08-20' }), 201);
      const c = await met(p.id, 'no_protected_situation');
      expect(c.met, kind).toBe(false);
      await expectStatus(f.c.hr.request('POST', `/api/people/${p.employee.id}/protected-situations/${id}/end`, { to: '2026-08-25' }), 200);
      expect((await met(p.id, 'no_protected_situation')).met, kind).toBe(true);
    }
  });

  it('(e) 15 years of service: retirement unknown is unmet until HR enters it; within 5 years of it blocks', async () => {
    const p = await followUp();
    await db().update(employees).set({ serviceStartDate: '2010-03-01' }).where(eq(employees.id, p.employee.id));
    expect((await met(p.id, 'no_protected_situation')).explanation['en-US']).toContain('HR must enter or compute it');
    await expectStatus(f.c.hr.request('PUT', `/api/people/${p.employee.id}/retirement`, { source: 'entered', date: '2031-09-30', note: '按档案' }), 200);
    expect((await met(p.id, 'no_protected_situation')).explanation['en-US']).toContain('within 5 years');
    await expectStatus(f.c.hr.request('PUT', `/api/people/${p.employee.id}/retirement`, { source: 'entered', date: '2031-10-02' }), 200);
    expect((await met(p.id, 'no_protected_situation')).met).toBe(true);
    expect(await audits('protected.retirement', p.employee.id)).toBe(2);
  });

  it('(f) the union notified after the review date: unmet (a notification comes first)', async () => {
    const p = await followUp();
    const res = await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review`, proposal({ union: { date: '2026-09-02', note: '明天通知' } })), 409);
    expect(res.error.details).toMatchObject({ reason: 'guard_unmet', unmet: ['union_notified'] });
  });
});

describe('termination review', () => {
  it('all met: proposed with notice date and compensation, shown, decided by another HR person, the follow-up concluded', async () => {
    const p = await followUp();
    const review = await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review`, proposal()), 201);
    // service from 2024-01-01 to 2026-10-01: 2 years 9 months → 3 months' wage
    expect(review).toMatchObject({
      status: 'proposed',
      reviewDate: TODAY,
      notice: { mode: 'notice', givenOn: TODAY, lastDay: '2026-10-01', payInLieu: null },
      compensation: { serviceYears: 2, serviceMonths: 9, halfMonths: 6, capped: false, base: 1_500_000, total: 4_500_000 },
      overrides: [],
      decided: null,
    });
    expect(review.guard.unmet).toEqual([]);
    expect(await events(p.id, 'termination_review_proposed')).toEqual([{ reviewId: review.id, noticeMode: 'notice', noticeOn: TODAY, lastDay: '2026-10-01', unmet: [] }]);
    // a second proposal waits for the first
    expect((await expectStatus(f.c.hrhead.request('POST', `/api/pips/${p.id}/termination-review`, proposal()), 409)).error.details.reason).toBe('review_pending');
    // the proposer does not decide; the manager cannot
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review/${review.id}/decide`, { decision: 'approved', note: '同意' }), 403)).error.details.reason).toBe('own_proposal');
    await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/termination-review/${review.id}/decide`, { decision: 'approved', note: '同意' }), 403);
    const decided = await expectStatus(f.c.hrhead.request('POST', `/api/pips/${p.id}/termination-review/${review.id}/decide`, { decision: 'approved', note: '证据充分，同意' }), 200);
    expect(decided).toMatchObject({ status: 'approved', decided: { decision: 'approved', note: '证据充分，同意' } });
    const [plan] = await db().select().from(pipPlans).where(eq(pipPlans.id, p.id));
    expect((plan!.outcome as { concluded: string }).concluded).toBe('termination_review');
    expect(await events(p.id, 'termination_review_decided')).toEqual([{ reviewId: review.id, decision: 'approved' }]);
    expect(await audits('compliance.termination_review_decided', review.id)).toBe(1);
    expect((await expectStatus(f.c.hrhead.request('POST', `/api/pips/${p.id}/termination-review/${review.id}/decide`, { decision: 'rejected', note: '再看' }), 409)).error.details.reason).toBe('review_decided');
    const list = await expectStatus(f.c.hrbp.request('GET', `/api/pips/${p.id}/termination-reviews`), 200);
    expect(list.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[review.id, 'approved']]);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review`, proposal()), 409)).error.details.reason).toBe('review_approved');
  });

  it('unmet conditions: 409 listing them; an override of a met one is refused; named overrides are recorded and shown', async () => {
    const p = await followUp({ policyAck: false, training: 'absent' });
    const refused = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/termination-review`, proposal()), 409);
    expect(refused.error.details).toMatchObject({ reason: 'guard_unmet', unmet: ['policy_acknowledged', 'training_or_adjustment'] });
    expect(refused.error.message).toContain('制度经民主程序通过并经员工签收');
    // one override is not enough
    const one = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/termination-review`, proposal({ overrides: [{ condition: 'policy_acknowledged', reason: '员工签收了纸质版制度，扫描件附后' }] })), 409);
    expect(one.error.details.unmet).toEqual(['training_or_adjustment']);
    const metOne = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/termination-review`, proposal({ overrides: [{ condition: 'union_notified', reason: '无' }] })), 400);
    expect(metOne.error.details.issues[0].path).toBe('body.overrides.0.condition');
    const overrides = [
      { condition: 'policy_acknowledged', reason: '员工签收了纸质版制度，扫描件附后' },
      { condition: 'training_or_adjustment', reason: '员工两次无故缺席培训，已书面警告' },
    ];
    const review = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/termination-review`, proposal({ noticeMode: 'pay_in_lieu', overrides })), 201);
    expect(review.overrides).toEqual(overrides.map((o) => ({ ...o, by: expect.any(String), at: '2026-09-01T02:00:00.000Z' })));
    expect(review.guard.unmet).toEqual(['policy_acknowledged', 'training_or_adjustment']);
    expect(review.notice).toEqual({ mode: 'pay_in_lieu', givenOn: TODAY, lastDay: TODAY, payInLieu: 1_480_000 });
    expect((await events(p.id, 'guard_override')).map((d) => d.condition)).toEqual(['policy_acknowledged', 'training_or_adjustment']);
    expect(await audits('compliance.termination_review_proposed', review.id)).toBe(1);
    // the evidence package's view: plain JSON with the amounts decrypted
    const evidence = await t.services.compliance.terminationEvidence(db(), p.id);
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({ id: review.id, wages, overrides: [{ condition: 'policy_acknowledged' }, { condition: 'training_or_adjustment' }], compensation: { total: review.compensation.total } });
    // at rest: amounts and the report are not readable
    const [raw] = await queryRows<Record<string, string>>(db(), sql`select figures_enc, guard_enc from termination_reviews where id = ${review.id}`);
    expect(raw!.figures_enc).not.toContain('1480000');
    expect(raw!.guard_enc).not.toContain('policy_acknowledged');
    // rejected: a new proposal may follow
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review/${review.id}/decide`, { decision: 'rejected', note: '先补培训' }), 200);
    const [plan] = await db().select().from(pipPlans).where(eq(pipPlans.id, p.id));
    expect((plan!.outcome as { concluded: string | null }).concluded).toBeNull();
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/termination-review`, proposal({ overrides })), 201);
  });

  it('only a plan in follow-up, only HR in scope or the plan’s HRBP', async () => {
    await f.at('2026-06-01T01:00:00.000Z');
    const running = await runningPlanBetween(t, f, '2026-06-08', '2026-07-07');
    const refused = await expectStatus(f.c.hr.request('POST', `/api/pips/${running.id}/termination-review`, proposal()), 409);
    expect(refused.error.details.reason).toBe('plan_state');
    const p = await followUp();
    for (const c of [f.c.manager, p.employee.client, f.c.auditor]) {
      await expectStatus(c.request('GET', `/api/pips/${p.id}/guard`), 403);
      await expectStatus(c.request('POST', `/api/pips/${p.id}/termination-review`, proposal()), 403);
    }
    await expectStatus(f.c.bhrbp.request('GET', `/api/pips/${p.id}/guard`), 404);
    await expectStatus(f.c.bhrbp.request('POST', `/api/pips/${p.id}/termination-review`, proposal()), 404);
    // reviews: auditors in scope read them (the kind of a protected situation stays hidden), the manager does not
    await expectStatus(f.c.auditor.request('GET', `/api/pips/${p.id}/termination-reviews`), 200);
    await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/termination-reviews`), 403);
    expect(await guard(p.id, f.c.hrbp)).toMatchObject({ asOf: TODAY });
  });

  it('a protected situation overridden: HR reads which one; auditors read the review without it', async () => {
    const p = await followUp();
    await expectStatus(f.c.hr.request('POST', `/api/people/${p.employee.id}/protected-situations`, { kind: 'pregnancy', from: '2026-08-01', note: '孕 8 周' }), 201);
    const overrides = [{ condition: 'no_protected_situation', reason: '法务意见：见附件' }];
    const review = await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review`, proposal({ overrides })), 201);
    const shown = (c: Client) => expectStatus(c.request('GET', `/api/pips/${p.id}/termination-reviews`), 200).then((r) => JSON.stringify(r.items[0].guard));
    expect(await shown(f.c.hrhead)).toContain('孕期');
    const audited = await shown(f.c.auditor);
    expect(audited).not.toContain('孕期');
    expect(audited).toContain('no_protected_situation');
    expect(review.guard.unmet).toEqual(['no_protected_situation']);
    // the timeline names the override, not the situation or the reason
    expect(JSON.stringify(await events(p.id, 'guard_override'))).not.toContain('法务');
  });

  it('bad input names the field', async () => {
    const p = await followUp();
    const past = await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review`, proposal({ noticeOn: '2026-08-01' })), 400);
    expect(past.error.details.issues[0].path).toBe('body.noticeOn');
    const noUnion = await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review`, { noticeMode: 'notice', wages }), 400);
    expect(JSON.stringify(noUnion.error.details)).toContain('union');
  });
});

describe('protected situations (第四十二条)', () => {
  it('HR in scope only: not the employee, the manager, an auditor, or an HRBP of another unit', async () => {
    const p = await followUp();
    await expectStatus(f.c.hrbp.request('POST', `/api/people/${p.employee.id}/protected-situations`, { kind: 'medical_treatment', from: '2026-08-20', note: '腰椎手术' }), 201);
    for (const c of [p.employee.client, f.c.manager, f.c.auditor]) {
      await expectStatus(c.request('GET', `/api/people/${p.employee.id}/protected-situations`), 403);
      await expectStatus(c.request('POST', `/api/people/${p.employee.id}/protected-situations`, { kind: 'pregnancy', from: '2026-08-20' }), 403);
      await expectStatus(c.request('PUT', `/api/people/${p.employee.id}/retirement`, { source: 'entered', date: '2050-01-01' }), 403);
    }
    await expectStatus(f.c.bhrbp.request('GET', `/api/people/${p.employee.id}/protected-situations`), 404);
    const before = await audits('protected.view', p.employee.id);
    for (const c of [f.c.hr, f.c.hrhead, f.c.hrbp]) {
      const rec = await expectStatus(c.request('GET', `/api/people/${p.employee.id}/protected-situations`), 200);
      expect(rec.situations).toMatchObject([{ kind: 'medical_treatment', from: '2026-08-20', to: null, note: '腰椎手术' }]);
    }
    expect(await audits('protected.view', p.employee.id)).toBe(before + 3);
    // nobody reads their own
    await expectStatus(f.c.hr.request('GET', `/api/people/${f.people.groupHr!.id}/protected-situations`), 403);
  });

  it('encrypted at rest: the kind and the note are not plaintext; nothing is deleted, ending sets the date', async () => {
    const e = (await followUp()).employee;
    const { id } = await expectStatus(f.c.hr.request('POST', `/api/people/${e.id}/protected-situations`, { kind: 'pregnancy', from: '2026-07-01', note: '孕检证明已交' }), 201);
    const [raw] = await queryRows<Record<string, string | null>>(db(), sql`select * from protected_situations where id = ${id}`);
    expect(JSON.stringify(raw)).not.toContain('孕检证明已交');
    expect(JSON.stringify(raw)).not.toContain('pregnancy');
    expect(raw!.note_enc).toMatch(/^k1:/);
    const bad = await expectStatus(f.c.hr.request('POST', `/api/people/${e.id}/protected-situations/${id}/end`, { to: '2026-06-01' }), 400);
    expect(bad.error.details.issues[0].path).toBe('body.to');
    const ended = await expectStatus(f.c.hr.request('POST', `/api/people/${e.id}/protected-situations/${id}/end`, { to: '2026-08-15' }), 200);
    expect(ended.situations[0]).toMatchObject({ id, to: '2026-08-15', ended: { name: expect.any(String) } });
    expect((await expectStatus(f.c.hr.request('POST', `/api/people/${e.id}/protected-situations/${id}/end`, { to: '2026-08-20' }), 409)).error.details.reason).toBe('situation_ended');
    expect(await audits('protected.add', id)).toBe(1);
    expect(await audits('protected.end', id)).toBe(1);
    await expect(queryRows(db(), sql`delete from protected_situations where id = ${id}`)).rejects.toThrow();
  });

  it('the retirement date computed from the national ID under the reform, with its basis; women need the category', async () => {
    const e = (await followUp()).employee;
    await db().update(employees).set({ nationalIdEnc: t.services.fieldCrypto.encrypt('11010119750131002X') }).where(eq(employees.id, e.id));
    const none = await expectStatus(f.c.hr.request('PUT', `/api/people/${e.id}/retirement`, { source: 'computed' }), 400);
    expect(none.error.details.issues[0].path).toBe('body.category');
    const rec = await expectStatus(f.c.hr.request('PUT', `/api/people/${e.id}/retirement`, { source: 'computed', category: 'female_50' }), 200);
    expect(rec.retirement).toMatchObject({ date: '2025-02-28', source: 'computed', basis: { birthDate: '1975-01-31', category: 'female_50', delayMonths: 1, ageYears: 50, ageMonths: 1 } });
    // the record's birth date comes first
    await db().update(employees).set({ birthDate: '1981-09-01' }).where(eq(employees.id, e.id));
    const cadre = await expectStatus(f.c.hr.request('PUT', `/api/people/${e.id}/retirement`, { source: 'computed', category: 'female_55' }), 200);
    expect(cadre.retirement).toMatchObject({ date: '2039-09-01', basis: { delayMonths: 36, ageYears: 58 } });
    // no birth date, no national ID
    const fresh = await newReport(t, f);
    expect((await expectStatus(f.c.hr.request('PUT', `/api/people/${fresh.id}/retirement`, { source: 'computed', category: 'female_50' }), 409)).error.details.reason).toBe('birth_date_unknown');
  });
});
