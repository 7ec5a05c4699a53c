import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { DAY, HOUR } from '../../lib/clock.ts';
import { acknowledge, acknowledgeOutcome, approvedPlanOf, decideOutcome, expectStatus, goals, newReport, planBody, runningPlanOf, buildPipFixture, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let f: PipFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
});
afterAll(() => t.close());

/** Moves business time (sessions end with it: everyone signs in again). */
const days = async (n: number) => {
  t.clock.advance(n * DAY);
  await f.relogin();
};

describe('initiation', () => {
  it('a manager starts a draft: the chain resolved to people is shown before submission; the employee does not see a draft', async () => {
    const e = await newReport(t, f);
    const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id)), 201);
    const plan = await expectStatus(f.c.manager.request('GET', `/api/pips/${id}`), 200);
    expect(plan).toMatchObject({ state: 'draft', problemType: 'performance', reason: { kind: 'manual', text: '连续绩效未达标' }, manager: { id: f.people.a1Lead!.id }, hrbp: { id: f.people.a1Hrbp!.id }, policy: { version: 1 } });
    expect(plan.approvalChain.map((n: { person: { id: string } | null }) => n.person?.id)).toEqual([f.people.a1Lead!.id, f.people.a1Hrbp!.id]);
    expect(plan.availableActions).toEqual(expect.arrayContaining(['submit', 'cancel']));
    expect(plan.approvals).toEqual([]);
    await expectStatus(e.client.request('GET', `/api/pips/${id}`), 404);
    expect((await expectStatus(e.client.request('GET', '/api/pips?view=mine'), 200)).items).toEqual([]);
    // one open plan per employee
    const again = await expectStatus(f.c.hr.request('POST', '/api/pips', planBody(e.id)), 409);
    expect(again.error.details).toMatchObject({ reason: 'open_plan', planId: id });
    const [audit] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where entity_id = ${id} and action = 'pip.create'`);
    expect(audit!.n).toBe(1);
  });

  it('follows the policy in force: problem types, manual reasons, excluded statuses, template duration; conduct needs the violation', async () => {
    const e = await newReport(t, f);
    expect((await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id, { manualReason: '看不顺眼' })), 400)).error.details.issues[0].path).toBe('body.manualReason');
    expect((await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id, { problemType: 'conduct' })), 400)).error.details.issues[0].path).toBe('body.violation');
    expect((await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id, { plannedEnd: '2026-03-20' })), 400)).error.details.issues[0].path).toBe('body.plannedEnd');
    const probation = await newReport(t, f, 'probation');
    expect((await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(probation.id)), 409)).error.details.reason).toBe('excluded_status');
    const violation = { description: '多次未按规定报销', occurredOn: '2026-02-20', evidence: '财务记录 F-2026-031' };
    const { id } = await expectStatus(f.c.hr.request('POST', '/api/pips', planBody(e.id, { problemType: 'conduct', manualReason: '重大违规但可整改', violation })), 201);
    expect(await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200)).toMatchObject({ problemType: 'conduct', violation });
  });

  it('scope: a manager only for their reports, an HRBP only in their units, nobody for themselves', async () => {
    await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(f.people.b1Dev!.id)), 404);
    await expectStatus(f.c.bhrbp.request('POST', '/api/pips', planBody(f.people.a2Dev!.id)), 404);
    await expectStatus(f.c.hrbp.request('POST', '/api/pips', planBody(f.people.a2Dev!.id)), 404);
    await expectStatus(f.c.auditor.request('POST', '/api/pips', planBody(f.people.a1Dev!.id)), 403);
    // an employee cannot start a plan for themselves (nor see anyone else to start one for)
    await expectStatus(f.c.employee.request('POST', '/api/pips', planBody(f.people.a1Dev!.id)), 404);
  });
});

describe('approvals', () => {
  it('each node approves in turn; a rejection needs a comment and returns the plan to draft; resubmission asks the chain again', async () => {
    const e = await newReport(t, f);
    const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id)), 201);
    // the HRBP is not asked before the manager
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 409);
    let plan = await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
    expect(plan.approvals.map((s: { status: string }) => s.status)).toEqual(['pending', 'waiting']);
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/approve`, {}), 403);
    const todo = (await expectStatus(f.c.manager.request('GET', '/api/pips/todos'), 200)).items.find((x: { planId: string }) => x.planId === id);
    expect(todo).toMatchObject({ kind: 'approve', ageDays: 0, employee: { id: e.id } });
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, { comment: '同意' }), 200);
    await days(2);
    expect((await expectStatus(f.c.hrbp.request('GET', '/api/pips/todos'), 200)).items.find((x: { planId: string }) => x.planId === id)).toMatchObject({ kind: 'approve', ageDays: 2 });
    const noComment = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/reject`, {}), 400);
    expect(noComment.error.details.issues[0].path).toBe('body.comment');
    plan = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/reject`, { comment: '证据不足，请补充' }), 200);
    expect(plan.state).toBe('draft');
    expect(plan.approvals.map((s: { status: string; comment: string | null }) => [s.status, s.comment])).toEqual([
      ['approved', '同意'],
      ['rejected', '证据不足，请补充'],
    ]);
    await expectStatus(f.c.manager.request('PATCH', `/api/pips/${id}`, { plannedEnd: '2026-04-30' }), 200);
    plan = await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
    expect(plan.approvals.map((s: { round: number; status: string }) => [s.round, s.status])).toEqual([
      [2, 'pending'],
      [2, 'waiting'],
    ]);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
    plan = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
    expect(plan).toMatchObject({ state: 'goal_setting', plannedEnd: '2026-04-30' });
    expect(await expectStatus(e.client.request('GET', `/api/pips/${id}`), 200)).toMatchObject({ state: 'goal_setting', actors: ['employee'] });
    const inbox = await expectStatus(f.c.manager.request('GET', '/api/notifications'), 200);
    expect(JSON.stringify(inbox)).toContain('pip.rejected');
  });

  it('an approver who is away delegates; the delegate approves; reminders come once per step on the clock', async () => {
    const e = await newReport(t, f);
    const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id)), 201);
    const plan = await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
    const step = plan.approvals[0].id as string;
    t.clock.advance(2 * HOUR);
    await f.relogin();
    expect(await t.services.pip.lifecycle.remindDue()).toBeGreaterThanOrEqual(1);
    const again = await t.services.pip.lifecycle.remindDue();
    const [reminders] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from notifications where dedupe_key = ${`pip-remind:${step}`}`);
    expect(reminders!.n).toBe(1);
    expect(again).toBe(0);
    await expectStatus(f.c.employee.request('POST', `/api/pips/${id}/approvals/${step}/delegate`, { delegateId: f.people.aHr!.id }), 404);
    const delegated = await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/approvals/${step}/delegate`, { delegateId: f.people.aHr!.id }), 200);
    expect(delegated.approvals[0].delegate.id).toBe(f.people.aHr!.id);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 403);
    await expectStatus(f.c.hrhead.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
  });
});

describe('goals and acknowledgment', () => {
  it('the employee drafts, the manager finalises within the template; the employee signs exactly what was shown', async () => {
    const { id, employee } = await approvedPlanOf(t, f);
    await expectStatus(employee.client.request('PUT', `/api/pips/${id}/goals`, { goals: goals.slice(0, 1) }), 200);
    await expectStatus(employee.client.request('PUT', `/api/pips/${id}/goals`, { goals, finalise: true }), 403);
    const bad = await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals: [{ ...goals[0]!, weight: 50 }], finalise: true }), 400);
    expect(bad.error.message).toContain('100%');
    await expectStatus(employee.client.request('POST', `/api/pips/${id}/acknowledge`, { version: 1, sha256: 'a'.repeat(64) }), 409);
    const plan = await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals, finalise: true }), 200);
    expect(plan).toMatchObject({ goalsFinal: true, goalsVersion: 2 });
    const shown = await expectStatus(employee.client.request('GET', `/api/pips/${id}/acknowledgment`), 200);
    expect(shown.text).toContain('月度回款达成');
    const stale = await expectStatus(employee.client.request('POST', `/api/pips/${id}/acknowledge`, { version: shown.version, sha256: 'b'.repeat(64) }), 409);
    expect(stale.error.details.reason).toBe('CONTENT_CHANGED');
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/acknowledge`, { version: shown.version, sha256: shown.sha256 }), 403);
    const signed = await expectStatus(employee.client.request('POST', `/api/pips/${id}/acknowledge`, { version: shown.version, sha256: shown.sha256 }, { 'user-agent': 'vitest-phone' }), 200);
    expect(signed.state).toBe('in_progress');
    const [ack] = await queryRows<{ content_sha256: string; user_agent: string; channel: string; subject_version: number }>(t.db.database.db, sql`select content_sha256, user_agent, channel, subject_version from acknowledgments where subject_type = 'pip_plan' and subject_id = ${id}`);
    expect(ack).toMatchObject({ content_sha256: shown.sha256, user_agent: 'vitest-phone', channel: 'web', subject_version: shown.version });
    // goals are the standard now: the employee cannot touch them
    await expectStatus(employee.client.request('PUT', `/api/pips/${id}/goals`, { goals }), 409);
  });

  it('an edit after acknowledgment pauses the plan until acknowledged again, extending the end by the paused days; earlier acknowledgments stay', async () => {
    const { id, employee } = await runningPlanOf(t, f);
    const before = await expectStatus(f.c.manager.request('GET', `/api/pips/${id}`), 200);
    await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals, finalise: true }), 400);
    const amended = await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals: [{ ...goals[0]!, target: '90' }, goals[1]], reason: '市场变化调整目标值' }), 200);
    expect(amended).toMatchObject({ state: 'paused', pauseReason: 'reacknowledgment' });
    // not an absence: HR cannot simply resume it
    const resume = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/resume`, {}), 409);
    expect(resume.error.details.precondition).toBe('pausedForAbsence');
    await days(3);
    const back = await acknowledge(employee.client, id);
    expect(back.state).toBe('in_progress');
    expect(back.plannedEnd).toBe(addDays(before.plannedEnd, 3));
    expect(back.acknowledgments.map((a: { version: number }) => a.version)).toEqual([before.goalsVersion, before.goalsVersion + 1]);
  });

  it('a refusal to sign is recorded by HR with a witness', async () => {
    const { id } = await approvedPlanOf(t, f);
    await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals, finalise: true }), 200);
    const refusal = { witnessEmployeeId: f.people.aHr!.id, note: '当面宣读计划后员工拒绝签字' };
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/refusal`, refusal), 403);
    const plan = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/refusal`, refusal), 200);
    expect(plan.state).toBe('in_progress');
    expect(plan.acknowledgments[0]).toMatchObject({ refused: true, witness: { id: f.people.aHr!.id }, witnessNote: refusal.note, channel: 'in_person' });
  });
});

describe('running, pause, review and close', () => {
  it('HR pauses for an absence and resuming extends the end date; final review after the end; close needs the outcome; archive', async () => {
    // before the plan's start (9 March): no meeting falls inside the pause
    t.clock.set('2026-03-02T01:00:00Z');
    await f.relogin();
    const { id, employee } = await runningPlanOf(t, f);
    const start = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200);
    expect((await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/pause`, { reason: '病假' }), 403)).error.details.reason).toBe('actor');
    await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/pause`, {}), 400);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/pause`, { reason: '产假', absence: 'maternity_leave' }), 200);
    await days(10);
    const resumed = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/resume`, {}), 200);
    expect(resumed).toMatchObject({ state: 'in_progress', plannedEnd: addDays(start.plannedEnd, 10) });
    const early = await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/begin_final_review`, {}), 409);
    expect(early.error.details.precondition).toBe('endReached');
    t.clock.set(`${resumed.plannedEnd}T02:00:00Z`);
    await f.relogin();
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/begin_final_review`, {}), 200);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/close`, {}), 409)).error.details.precondition).toBe('outcomeRecorded');
    await decideOutcome(t, f, id, { outcome: 'passed', note: '目标全部达成' });
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/close`, {}), 409)).error.details.precondition).toBe('outcomeAcknowledged');
    await acknowledgeOutcome(employee.client, id);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/close`, {}), 200)).state).toBe('closed');
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/archive`, {}), 200)).state).toBe('archived');
    const timeline = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}/timeline`), 200);
    expect(timeline.events.map((e: { kind: string }) => e.kind)).toEqual(['create', 'submit', 'approve', 'approve', 'goals_saved', 'acknowledge', 'checkins_generated', 'evaluations_scheduled', 'pause', 'resume', 'checkins_generated', 'evaluations_scheduled', 'begin_final_review', 'evaluation_opened', 'evaluation_opened', 'evaluation_manager', 'outcome_proposed', 'outcome_confirmed', 'outcome_acknowledged', 'close', 'archive']);
  });

  it('a manager who leaves hands their plans and pending approvals to their own manager', async () => {
    const lead = await newReport(t, f);
    const report = await newReport(t, f, 'active', lead.id);
    const { id } = await expectStatus(f.c.hr.request('POST', '/api/pips', planBody(report.id)), 201);
    const submitted = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
    expect(submitted.approvals[0]).toMatchObject({ status: 'pending', approver: { id: lead.id } });
    await expectStatus(f.c.hrhead.request('POST', `/api/people/${lead.id}/changes`, { effectiveDate: '2026-03-31', reason: '个人原因离职', status: 'left' }), 200);
    const plan = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200);
    expect(plan).toMatchObject({ state: 'pending_approval', manager: { id: f.people.a1Lead!.id } });
    expect(plan.approvals[0].delegate.id).toBe(f.people.a1Lead!.id);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
  });

  it('an illegal transition names the state', async () => {
    const { id } = await runningPlanOf(t, f);
    const res = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/submit`, {}), 409);
    expect(res.error.message).toContain('执行中');
    expect(res.error.details).toMatchObject({ reason: 'state', state: 'in_progress', allowedFrom: ['draft'] });
  });

  it('cancel needs a reason; the initiator only before approval', async () => {
    const { id } = await approvedPlanOf(t, f);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/cancel`, { reason: '误发' }), 403);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/cancel`, {}), 400);
    const plan = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/cancel`, { reason: '员工调岗，另行安排' }), 200);
    expect(plan).toMatchObject({ state: 'cancelled', cancelReason: '员工调岗，另行安排' });
  });

  it('a leaver’s plan closes as left during plan; a handed-over manager’s plans follow the successor', async () => {
    const { id, employee } = await runningPlanOf(t, f);
    const left = await t.login('f-hrhead', 'Passw0rd-123');
    await expectStatus(left.request('POST', `/api/people/${employee.id}/changes`, { effectiveDate: '2026-03-31', reason: '个人原因离职', status: 'left' }), 200);
    expect(await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200)).toMatchObject({ state: 'closed', closedReason: 'left_during_plan' });
    const other = await runningPlanOf(t, f);
    await expectStatus(f.c.hr.request('POST', `/api/people/${f.people.a1Lead!.id}/handover/reports`, { newManagerId: f.people.aLead!.id, effectiveDate: '2026-03-31', reason: '组织调整' }), 200);
    expect((await expectStatus(f.c.hr.request('GET', `/api/pips/${other.id}`), 200)).manager.id).toBe(f.people.aLead!.id);
  });
});

describe('feedback, appeals and scope', () => {
  it('the employee comments and appeals to the HRBP with a working-day limit; the HRBP answers; all on the record', async () => {
    const { id, employee } = await runningPlanOf(t, f);
    await expectStatus(employee.client.request('POST', `/api/pips/${id}/comments`, { body: '第二个目标的基线有误' }), 201);
    const { id: appealId } = await expectStatus(employee.client.request('POST', `/api/pips/${id}/appeals`, { body: '我认为目标不合理' }), 201);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/appeals`, { body: 'x' }), 403);
    expect((await expectStatus(f.c.hrbp.request('GET', '/api/pips/todos'), 200)).items.some((x: { kind: string; refId: string }) => x.kind === 'answer_appeal' && x.refId === appealId)).toBe(true);
    await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/appeals/${appealId}/answer`, { status: 'dismissed', answer: '不' }), 403);
    const tl = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/appeals/${appealId}/answer`, { status: 'dismissed', answer: '目标依据岗位说明书设定，维持原目标' }), 200);
    expect(tl.appeals[0]).toMatchObject({ status: 'dismissed', handler: { id: f.people.a1Hrbp!.id } });
    expect(tl.appeals[0].dueDate > '2026-03-02').toBe(true);
    expect(tl.comments[0]).toMatchObject({ body: '第二个目标的基线有误', authorRole: 'employee' });
  });

  it('a manager sees only their reports’ plans, an employee only their own, an HRBP only their units', async () => {
    const { id, employee } = await runningPlanOf(t, f);
    for (const c of [f.c.bhrbp, f.c.employee]) await expectStatus(c.request('GET', `/api/pips/${id}`), 404);
    for (const c of [f.c.hr, f.c.hrbp, f.c.hrhead, f.c.manager, f.c.auditor, employee.client]) await expectStatus(c.request('GET', `/api/pips/${id}`), 200);
    const mine = await expectStatus(employee.client.request('GET', '/api/pips?view=mine'), 200);
    expect(mine.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await expectStatus(employee.client.request('GET', '/api/pips'), 200)).items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await expectStatus(f.c.bhrbp.request('GET', '/api/pips'), 200)).total).toBe(0);
    const team = await expectStatus(f.c.manager.request('GET', '/api/pips?view=team'), 200);
    expect(team.items.some((p: { id: string }) => p.id === id)).toBe(true);
    expect((await expectStatus(f.c.manager.request('GET', `/api/people/${employee.id}/pips`), 200)).items.map((p: { id: string }) => p.id)).toContain(id);
    expect((await expectStatus(f.c.bhrbp.request('GET', `/api/people/${employee.id}/pips`), 200)).items).toEqual([]);
  });
});

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
