import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { addDays } from '../calendar/working-days.ts';
import { acknowledge, acknowledgeOutcome, buildPipFixture, decideOutcome, expectStatus, planBody, rateFinal, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let f: PipFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
});
afterAll(() => t.close());

type Plan = { id: string; employee: { id: string; client: Client; username: string } };

/** A plan of 3 September – 31 October 2026 in its final review on Monday 2 November (its final evaluation pushed that day). */
async function inReview(): Promise<Plan> {
  await f.at('2026-09-01T01:00:00.000Z');
  const p = await runningPlanBetween(t, f, '2026-09-03', '2026-10-31');
  await f.at('2026-11-02T01:00:00.000Z');
  await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/actions/begin_final_review`, {}), 200);
  return p;
}
const plan = async (id: string) => expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200);
const view = async (id: string, c: Client = f.c.hr) => expectStatus(c.request('GET', `/api/pips/${id}/outcomes`), 200);
const audits = async (entityId: string, action: string) => (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where entity_id = ${entityId} and action = ${action}`))[0]!.n;
const goalIds = async (id: string) => ((await plan(id)).goals as { id: string }[]).map((g) => g.id);
const todoKinds = async (c: Client, planId: string) => ((await expectStatus(c.request('GET', '/api/pips/todos'), 200)).items as { kind: string; planId: string }[]).filter((x) => x.planId === planId).map((x) => x.kind);
const issuePath = async (res: Promise<{ statusCode: number; body: string }>) => (await expectStatus(res, 400)).error.details.issues[0].path;

describe('passed', () => {
  it('the manager proposes after the final evaluation, the HRBP returns then confirms (never the proposer), the employee acknowledges exactly what was shown, HR closes: the PIP mark is gone', async () => {
    const p = await inReview();
    const propose = (c: Client, body: Record<string, unknown>) => c.request('POST', `/api/pips/${p.id}/outcome`, body);
    // against the locked goals: the manager's final evaluation first
    await t.services.checkins.evaluations.tick();
    expect((await expectStatus(propose(f.c.manager, { outcome: 'passed', note: '达成' }), 409)).error.details.reason).toBe('final_evaluation_missing');
    await rateFinal(t, f, p.id);
    expect(await issuePath(propose(f.c.manager, { outcome: 'passed', note: '达成', followUps: ['training'] }))).toBe('body.followUps');
    expect(await issuePath(propose(f.c.manager, { outcome: 'passed', note: '达成', extension: { plannedEnd: '2026-11-20', reason: '再看看' } }))).toBe('body.extension');
    expect(await issuePath(propose(f.c.manager, { outcome: 'passed', note: '' }))).toBe('body.note');
    for (const c of [p.employee.client, f.c.auditor]) await expectStatus(propose(c, { outcome: 'passed', note: '达成' }), 403);
    await expectStatus(propose(f.c.bhrbp, { outcome: 'passed', note: '达成' }), 404);
    expect(await todoKinds(f.c.manager, p.id)).toContain('final_review');
    const first = (await expectStatus(propose(f.c.manager, { outcome: 'passed', note: '两项目标均达成' }), 201)).id as string;
    expect(await todoKinds(f.c.manager, p.id)).not.toContain('final_review');
    expect(await todoKinds(f.c.hrbp, p.id)).toContain('confirm_outcome');
    expect((await expectStatus(propose(f.c.hr, { outcome: 'passed', note: '再提' }), 409)).error.details.reason).toBe('outcome_pending');
    await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/outcome/${first}/confirm`), 403);
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/outcome/${first}/return`, { comment: '请补充回款数据的依据' }), 200);
    const second = (await expectStatus(propose(f.c.hr, { outcome: 'passed', note: '两项目标均达成，回款数据见终期评估' }), 201)).id as string;
    // four eyes: HR proposed, so HR may not confirm it; the HRBP does (and each one's view says so)
    const proposedByYou = async (c: Client) => ((await view(p.id, c)).outcomes as { id: string; proposedByYou: boolean }[]).map((o) => `${o.id === first ? 'first' : 'second'} ${o.proposedByYou}`);
    expect(await proposedByYou(f.c.hr)).toEqual(['first false', 'second true']);
    expect(await proposedByYou(f.c.manager)).toEqual(['first true', 'second false']);
    expect(await proposedByYou(f.c.hrbp)).toEqual(['first false', 'second false']);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/outcome/${second}/confirm`), 403)).error.details.reason).toBe('four_eyes');
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/outcome/${second}/confirm`), 200);
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/outcome/${second}/confirm`), 409);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 409)).error.details.precondition).toBe('outcomeAcknowledged');
    expect(await todoKinds(p.employee.client, p.id)).toContain('acknowledge_outcome');
    // the receipt: exactly this text, hashed; a stale hash is refused
    const shown = await expectStatus(p.employee.client.request('GET', `/api/pips/${p.id}/outcome/receipt`), 200);
    expect(shown.text).toContain('评审结果：通过');
    await expectStatus(p.employee.client.request('POST', `/api/pips/${p.id}/outcome/acknowledge`, { sha256: 'a'.repeat(64) }), 409);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/outcome/acknowledge`, { sha256: shown.sha256 }), 403);
    await expectStatus(p.employee.client.request('POST', `/api/pips/${p.id}/outcome/acknowledge`, { sha256: shown.sha256 }), 200);
    const v = await view(p.id, p.employee.client);
    expect(v.outcomes.map((o: { status: string }) => o.status)).toEqual(['returned', 'confirmed']);
    expect(v.outcomes[0].returned.comment).toBe('请补充回款数据的依据');
    expect(v.outcomes[1]).toMatchObject({ outcome: 'passed', acknowledgment: { contentSha256: shown.sha256, refused: false } });
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 200)).state).toBe('closed');
    // no open plan: the employee can be given a new one
    await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(p.employee.id, { plannedStart: '2026-11-09', plannedEnd: '2026-12-31' })), 201);
    for (const a of ['pip.outcome_proposed', 'pip.outcome_returned', 'pip.outcome_confirmed', 'pip.outcome_acknowledged']) expect(await audits(p.id, a)).toBeGreaterThan(0);
    await expectStatus(f.c.bhrbp.request('GET', `/api/pips/${p.id}/outcomes`), 404);
  });
});

describe('extended', () => {
  it('within the snapshot’s limits: new end, paused until the employee acknowledges the new version, a new final evaluation at the new end; no second extension', async () => {
    const p = await inReview();
    // the plan page knows the limits before anyone proposes
    expect((await plan(p.id)).snapshot).toMatchObject({ outcomes: ['passed', 'extended', 'not_passed'], followUps: ['training', 'role_adjustment', 'reassessment', 'termination_review'], extension: { maxTimes: 1, maxDays: 30, used: 0 } });
    await rateFinal(t, f, p.id, '部分达成');
    const propose = (body: Record<string, unknown>) => f.c.manager.request('POST', `/api/pips/${p.id}/outcome`, { outcome: 'extended', note: '有进步，需要更多时间', ...body });
    expect(await issuePath(propose({}))).toBe('body.extension');
    expect(await issuePath(propose({ extension: { plannedEnd: '2026-12-15', reason: '回款周期长' } }))).toBe('body.extension.plannedEnd'); // 45 days > 30
    expect(await issuePath(propose({ extension: { plannedEnd: '2026-10-20', reason: '回款周期长' } }))).toBe('body.extension.plannedEnd');
    const id = (await expectStatus(propose({ extension: { plannedEnd: '2026-11-30', reason: '回款周期长' } }), 201)).id as string;
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/outcome/${id}/confirm`), 200);
    const paused = await plan(p.id);
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'reacknowledgment', plannedEnd: '2026-11-30', outcome: null, snapshot: { extension: { used: 1 } } });
    await acknowledge(p.employee.client, p.id);
    const running = await plan(p.id);
    expect(running.state).toBe('in_progress');
    const evs = (await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/evaluations`), 200)).items as { pointKey: string; status: string; opensOn: string }[];
    expect(evs.find((e) => e.pointKey === 'extension-1')).toMatchObject({ status: 'scheduled', opensOn: running.plannedEnd });
    // the second final review: the template allows one extension
    await f.at(`${running.plannedEnd}T01:00:00.000Z`);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/actions/begin_final_review`, {}), 200);
    await rateFinal(t, f, p.id);
    expect(await issuePath(f.c.manager.request('POST', `/api/pips/${p.id}/outcome`, { outcome: 'extended', note: '再延', extension: { plannedEnd: addDays(running.plannedEnd, 10), reason: '再延' } }))).toBe('body.outcome');
    expect((await view(p.id)).outcomes.map((o: { round: number; outcome: string }) => [o.round, o.outcome])).toEqual([[1, 'extended']]);
  });
});

describe('not passed: the follow-up', () => {
  it('training or role adjustment first, a witnessed refusal counts as receipt, then a re-assessment on the same locked goals; met concludes it and HR closes', async () => {
    const p = await inReview();
    await rateFinal(t, f, p.id, '未达成');
    expect(await issuePath(f.c.manager.request('POST', `/api/pips/${p.id}/outcome`, { outcome: 'not_passed', note: '未达成', followUps: ['reassessment'] }))).toBe('body.followUps');
    const id = (await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/outcome`, { outcome: 'not_passed', note: '回款仍远低于目标', followUps: ['training', 'reassessment'] }), 201)).id as string;
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/outcome/${id}/confirm`), 200);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 409)).error.details.precondition).toBe('outcomeAcknowledged');
    // the employee refuses to sign: HR records it before a witness; the plan moves to follow-up
    await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/outcome/refusal`, { witnessEmployeeId: f.people.aHr!.id, note: '拒绝签字' }), 403);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/outcome/refusal`, { witnessEmployeeId: f.people.aHr!.id, note: '当面宣读后拒绝签字' }), 200);
    expect((await plan(p.id)).state).toBe('follow_up');
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 409)).error.details.precondition).toBe('closable');
    expect((await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/reassessments`, {}), 409)).error.details.reason).toBe('follow_up_first');

    // training aimed at the gap of a locked goal
    const goals = await goalIds(p.id);
    const training = { topic: '大客户回款技巧', gap: '回款额仅达目标的 60%', goalIds: [goals[0]], startsOn: '2026-11-09', endsOn: '2026-11-10', trainer: '销售学院 王老师' };
    expect(await issuePath(f.c.manager.request('POST', `/api/pips/${p.id}/trainings`, { ...training, goalIds: [p.id] }))).toBe('body.goalIds.0');
    expect(await issuePath(f.c.manager.request('POST', `/api/pips/${p.id}/trainings`, { ...training, endsOn: '2026-11-08' }))).toBe('body.endsOn');
    expect(await issuePath(f.c.manager.request('POST', `/api/pips/${p.id}/trainings`, { ...training, attendance: 'attended' }))).toBe('body.attendance');
    await expectStatus(p.employee.client.request('POST', `/api/pips/${p.id}/trainings`, training), 403);
    const tid = (await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/trainings`, training), 201)).id as string;
    const sheet = Buffer.from('%PDF-1.4 签到表');
    const up = multipart({ ownerType: 'pip_training', ownerId: tid }, { name: '签到表.pdf', content: sheet, type: 'application/pdf' });
    const stored = await expectStatus(f.c.hrbp.request('POST', '/api/files', up.payload, up.headers), 201);
    expect(stored.sha256).toBe(createHash('sha256').update(sheet).digest('hex'));
    await expectStatus(p.employee.client.request('POST', '/api/files', up.payload, up.headers), 403);
    expect((await p.employee.client.request('GET', `/api/files/${stored.id}`)).statusCode).toBe(200);
    expect((await f.c.bhrbp.request('GET', `/api/files/${stored.id}`)).statusCode).toBe(404);
    await f.at('2026-11-11T01:00:00.000Z');
    await expectStatus(f.c.manager.request('PUT', `/api/pips/${p.id}/trainings/${tid}`, { ...training, attendance: 'attended', attendanceNote: '全程参加，课后测验 85 分' }), 200);
    const v = await view(p.id, p.employee.client);
    expect(v.trainings[0]).toMatchObject({ topic: '大客户回款技巧', attendance: 'attended', materials: [{ name: '签到表.pdf', sha256: stored.sha256 }] });

    // re-assessment on the same locked standard
    const rid = (await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/reassessments`, {}), 201)).id as string;
    expect((await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/reassessments`, {}), 409)).error.details.reason).toBe('reassessment_open');
    const re = await expectStatus(f.c.manager.request('GET', `/api/evaluations/${rid}`), 200);
    expect(re).toMatchObject({ kind: 'reassessment', status: 'open', goalsVersion: (await plan(p.id)).goalsVersion });
    expect(re.name).toContain('沿用原锁定的目标与衡量标准');
    const manager = { goals: goals.map((goalId) => ({ goalId, rating: '达成', percent: 95 })), overall: '达成', summary: '培训后回款明显改善' };
    expect(await issuePath(f.c.manager.request('PUT', `/api/evaluations/${rid}/manager`, manager))).toBe('body.conclusion');
    await expectStatus(f.c.manager.request('PUT', `/api/evaluations/${rid}/manager`, { ...manager, conclusion: 'met' }), 200);
    await expectStatus(p.employee.client.request('PUT', `/api/evaluations/${rid}/self`, { goals: goals.map((goalId) => ({ goalId, rating: '达成' })), summary: '感谢培训' }), 200);
    await expectStatus(f.c.hrbp.request('PUT', `/api/evaluations/${rid}/hrbp`, { comment: '再评估达标' }), 200);
    expect((await plan(p.id)).state).toBe('follow_up');
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 200)).state).toBe('closed');
    for (const a of ['pip.training_added', 'pip.training_updated', 'pip.reassessment_arranged', 'pip.reassessment_met', 'pip.outcome_refused']) expect(await audits(p.id, a), a).toBe(1);
  });

  it('a role adjustment moves the employee record and is signed by the employee; a re-assessment not met leaves the plan open for a termination review', async () => {
    const p = await inReview();
    await decideOutcome(t, f, p.id, { outcome: 'not_passed', note: '未达成', followUps: ['role_adjustment', 'reassessment'] });
    await acknowledgeOutcome(p.employee.client, p.id);
    expect((await plan(p.id)).state).toBe('follow_up');
    const body = { toPosition: '销售助理', effectiveOn: '2026-11-09', reason: '原岗位大客户开拓要求与能力差距较大', relation: '同属销售序列，保留客户服务职责，薪级不变' };
    await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/role-adjustments`, body), 403);
    expect(await issuePath(f.c.hrbp.request('POST', `/api/pips/${p.id}/role-adjustments`, { ...body, toPosition: '销售' }))).toBe('body.toPosition');
    const rid = (await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/role-adjustments`, body), 201)).id as string;
    const person = await expectStatus(f.c.hr.request('GET', `/api/people/${p.employee.id}`), 200);
    expect(person.position).toBe('销售助理');
    expect(await todoKinds(p.employee.client, p.id)).toContain('sign_role_adjustment');
    const ra = (await view(p.id, p.employee.client)).roleAdjustments[0];
    expect(ra).toMatchObject({ fromPosition: '销售', toPosition: '销售助理', acknowledgment: null });
    expect(ra.notice.text).toContain('新岗位：销售助理');
    await expectStatus(p.employee.client.request('POST', `/api/pips/${p.id}/role-adjustments/${rid}/acknowledge`, { sha256: 'b'.repeat(64) }), 409);
    await expectStatus(p.employee.client.request('POST', `/api/pips/${p.id}/role-adjustments/${rid}/acknowledge`, { sha256: ra.notice.sha256 }), 200);
    expect((await view(p.id)).roleAdjustments[0].acknowledgment).toMatchObject({ contentSha256: ra.notice.sha256, refused: false });
    expect(await todoKinds(p.employee.client, p.id)).not.toContain('sign_role_adjustment');
    const re = (await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/reassessments`, {}), 201)).id as string;
    const goals = await goalIds(p.id);
    await expectStatus(f.c.manager.request('PUT', `/api/evaluations/${re}/manager`, { goals: goals.map((goalId) => ({ goalId, rating: '未达成', percent: 40 })), overall: '未达成', summary: '仍未达到', conclusion: 'not_met' }), 200);
    await expectStatus(p.employee.client.request('PUT', `/api/evaluations/${re}/self`, { goals: goals.map((goalId) => ({ goalId, rating: '部分达成' })), summary: '有进步' }), 200);
    await expectStatus(f.c.hrbp.request('PUT', `/api/evaluations/${re}/hrbp`, { comment: '仍未达标' }), 200);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 409)).error.details.precondition).toBe('closable');
    expect(await audits(p.id, 'pip.reassessment_not_met')).toBe(1);
    expect(await audits(p.id, 'pip.role_adjusted')).toBe(1);
  });
});
