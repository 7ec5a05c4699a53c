import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { buildPipFixture, expectStatus, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let f: PipFixture;

type Ev = { id: string; pointKey: string; status: string; opensOn: string; dueOn: string | null; overdue: boolean; missing: string[]; escalatedAt: string | null; final: boolean; ratingScale: string[]; manager: { overall: string; goals: { goalId: string; percent: number }[] } | null; self: unknown; hrbp: { comment: string; by: string } | null };

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
  t.clock.set('2026-09-01T01:00:00.000Z');
  await f.relogin();
});
afterAll(() => t.close());

const at = (iso: string) => f.at(iso);
const tick = () => t.services.checkins.evaluations.tick();
const running = (start = '2026-09-03', end = '2026-10-31') => runningPlanBetween(t, f, start, end);
const list = async (planId: string, c: Client = f.c.manager): Promise<Ev[]> => (await expectStatus(c.request('GET', `/api/pips/${planId}/evaluations`), 200)).items;
const goalIds = async (planId: string): Promise<string[]> => ((await expectStatus(f.c.manager.request('GET', `/api/pips/${planId}`), 200)).goals as { id: string }[]).map((g) => g.id);
/** Distinct notifications (one dedupe key, whatever the number of recipients). */
const sentWith = async (prefix: string) => (await queryRows<{ n: number }>(t.db.database.db, sql`select count(distinct dedupe_key)::int as n from notifications where dedupe_key like ${`${prefix}%`}`))[0]!.n;
const audits = async (entityId: string, action: string) => (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where entity_id = ${entityId} and action = ${action}`))[0]!.n;
const todoKinds = async (c: Client, planId: string) => ((await expectStatus(c.request('GET', '/api/pips/todos'), 200)).items as { kind: string; planId: string }[]).filter((x) => x.planId === planId).map((x) => x.kind);
const rating = (ids: string[], r = '部分达成') => ids.map((goalId, i) => ({ goalId, rating: r, percent: 50 + i * 10, comment: `目标 ${i + 1}` }));

describe('scheduling and pushing on the business date', () => {
  it('the points are scheduled when the plan starts (working days of the employee’s city), pushed by the tick on their date, exactly once', async () => {
    const p = await running();
    const evs = await list(p.id);
    expect(evs.map((e) => [e.pointKey, e.status, e.opensOn, e.final])).toEqual([
      ['mid', 'scheduled', '2026-10-08', false],
      ['final', 'scheduled', '2026-11-02', true],
    ]);
    expect(evs[0]!.ratingScale).toEqual(['达成', '部分达成', '未达成']);
    const mid = evs[0]!;
    // not yet open: nothing can be written
    expect((await expectStatus(f.c.manager.request('PUT', `/api/evaluations/${mid.id}/manager`, { goals: rating(await goalIds(p.id)), overall: '达成', summary: '提前' }), 409)).error.details.reason).toBe('evaluation_state');
    await at('2026-10-07T09:00:00.000Z');
    expect((await tick()).opened).toBe(0);
    await at('2026-10-08T01:00:00.000Z');
    await tick();
    await tick();
    const opened = (await list(p.id))[0]!;
    // due five working days later: 9 October, the make-up Saturday 10 October, 12, 13, 14
    expect(opened).toMatchObject({ status: 'open', dueOn: '2026-10-14', overdue: false, missing: ['manager', 'self', 'hrbp'] });
    for (const who of ['manager', 'self', 'hrbp']) expect(await sentWith(`evaluation-open:${mid.id}:${who}`)).toBe(1);
    expect(await audits(p.id, 'pip.evaluation_opened')).toBe(1);
    expect(await todoKinds(f.c.manager, p.id)).toContain('evaluate');
    expect(await todoKinds(p.employee.client, p.id)).toContain('self_assess');
    expect(await todoKinds(f.c.hrbp, p.id)).not.toContain('comment_evaluation');
  });

  it('a resumed plan moves its still-scheduled points with its later end', async () => {
    await at('2026-09-01T01:00:00.000Z');
    const p = await running('2026-09-14', '2026-11-12');
    const before = await list(p.id);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/pause`, { reason: '病假', absence: 'sick_leave' }), 200);
    await at('2026-09-21T01:00:00.000Z');
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/resume`, {}), 200);
    const after = await list(p.id);
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(after.every((e, i) => e.opensOn > before[i]!.opensOn)).toBe(true);
    expect(await audits(p.id, 'pip.evaluations_scheduled')).toBe(2);
  });

  it('a cancelled plan’s evaluations end with it', async () => {
    await at('2026-09-01T01:00:00.000Z');
    const p = await running('2026-09-14', '2026-11-12');
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/cancel`, { reason: '员工调岗' }), 200);
    await tick();
    expect((await list(p.id, f.c.hr)).map((e) => e.status)).toEqual(['cancelled', 'cancelled']);
    expect(await audits(p.id, 'pip.evaluations_cancelled')).toBe(1);
  });
});

describe('writing the parts', () => {
  it('manager rates every locked goal on the scale, the employee self-assesses, the HRBP comments: completed; each part once, by its author only', async () => {
    await at('2026-09-01T01:00:00.000Z');
    const p = await running();
    await at('2026-10-08T01:00:00.000Z');
    await tick();
    const mid = (await list(p.id))[0]!;
    const ids = await goalIds(p.id);
    const url = (part: string) => `/api/evaluations/${mid.id}/${part}`;
    const body = { goals: rating(ids), overall: '部分达成', summary: '回款有进展，投诉仍偏多' };
    const path = async (c: Client, part: string, b: unknown) => (await expectStatus(c.request('PUT', url(part), b), 400)).error.details.issues[0].path;
    expect(await path(f.c.manager, 'manager', { ...body, goals: body.goals.slice(0, 1) })).toBe('body.goals');
    expect(await path(f.c.manager, 'manager', { ...body, goals: [{ ...body.goals[0]!, rating: '优秀' }, body.goals[1]] })).toBe('body.goals.0.rating');
    expect(await path(f.c.manager, 'manager', { ...body, goals: [body.goals[0], body.goals[0]] })).toBe('body.goals.1.goalId');
    expect(await path(f.c.manager, 'manager', { ...body, overall: '优秀' })).toBe('body.overall');
    expect(await path(f.c.manager, 'manager', { ...body, goals: [{ ...body.goals[0]!, percent: 120 }, body.goals[1]] })).toBe('body.goals.0.percent');
    for (const c of [p.employee.client, f.c.hrbp, f.c.hr, f.c.auditor]) await expectStatus(c.request('PUT', url('manager'), body), 403);
    await expectStatus(f.c.bhrbp.request('PUT', url('manager'), body), 404);
    // the HRBP comments after the manager
    expect((await expectStatus(f.c.hrbp.request('PUT', url('hrbp'), { comment: '先评' }), 409)).error.details.reason).toBe('manager_first');
    await expectStatus(f.c.manager.request('PUT', url('manager'), body), 200);
    expect((await expectStatus(f.c.manager.request('PUT', url('manager'), body), 409)).error.details.reason).toBe('part_submitted');
    expect(await sentWith(`evaluation-rated:${mid.id}:`)).toBe(2);
    expect(await todoKinds(f.c.manager, p.id)).not.toContain('evaluate');
    expect(await todoKinds(f.c.hrbp, p.id)).toContain('comment_evaluation');
    // the employee sees the manager's rating and answers with their own
    const seen = (await list(p.id, p.employee.client))[0]!;
    expect(seen.manager).toMatchObject({ overall: '部分达成', goals: [{ goalId: ids[0], percent: 50 }, { goalId: ids[1], percent: 60 }] });
    const self = { goals: ids.map((goalId) => ({ goalId, rating: '达成', comment: '我认为已达成' })), summary: '我已尽力' };
    for (const c of [f.c.manager, f.c.hrbp]) await expectStatus(c.request('PUT', url('self'), self), 403);
    expect(await path(p.employee.client, 'self', { ...self, goals: self.goals.slice(1) })).toBe('body.goals');
    await expectStatus(p.employee.client.request('PUT', url('self'), self), 200);
    await expectStatus(p.employee.client.request('PUT', url('self'), self), 409);
    await expectStatus(p.employee.client.request('PUT', url('hrbp'), { comment: '我来评' }), 403);
    await expectStatus(f.c.auditor.request('PUT', url('hrbp'), { comment: '审计' }), 403);
    await expectStatus(f.c.hrbp.request('PUT', url('hrbp'), { comment: '双方对回款目标的判断有差距，终期前增加一次三方沟通' }), 200);
    const done = (await list(p.id))[0]!;
    expect(done).toMatchObject({ status: 'completed', missing: [], hrbp: { comment: '双方对回款目标的判断有差距，终期前增加一次三方沟通', by: '员工a1Hrbp' } });
    expect(await sentWith(`evaluation-completed:${mid.id}`)).toBe(1);
    for (const a of ['pip.evaluation_manager', 'pip.evaluation_self', 'pip.evaluation_hrbp', 'pip.evaluation_completed']) expect(await audits(p.id, a)).toBe(1);
    expect((await expectStatus(f.c.hr.request('PUT', url('hrbp'), { comment: '再评' }), 409)).error.details.reason).toBe('evaluation_state');
    // one evaluation by id: the same scope as the plan
    expect((await expectStatus(p.employee.client.request('GET', `/api/evaluations/${mid.id}`), 200)).status).toBe('completed');
    for (const c of [f.c.employee, f.c.bhrbp]) await expectStatus(c.request('GET', `/api/evaluations/${mid.id}`), 404);
    for (const c of [f.c.employee, f.c.bhrbp]) await expectStatus(c.request('GET', `/api/pips/${p.id}/evaluations`), 404);
  });
});

describe('overdue: reminded daily, escalated once', () => {
  it('after the due date each missing party is reminded once a day across reruns; after as many working days again it escalates above them; the HRBP lists it', async () => {
    await at('2026-09-01T01:00:00.000Z');
    const p = await running();
    await at('2026-10-08T01:00:00.000Z');
    await tick();
    const mid = (await list(p.id))[0]!;
    await expectStatus(f.c.manager.request('PUT', `/api/evaluations/${mid.id}/manager`, { goals: rating(await goalIds(p.id)), overall: '未达成', summary: '进展缓慢' }), 200);
    await at('2026-10-14T09:00:00.000Z'); // the due date itself: not overdue yet
    await tick();
    expect(await sentWith(`evaluation-overdue:${mid.id}:`)).toBe(0);
    await at('2026-10-15T01:00:00.000Z');
    await tick();
    await tick();
    expect((await list(p.id))[0]!).toMatchObject({ overdue: true, missing: ['self', 'hrbp'] });
    expect(await sentWith(`evaluation-overdue:${mid.id}:2026-10-15`)).toBe(1);
    const recipients = async () =>
      (await queryRows<{ username: string }>(t.db.database.db, sql`select u.username from notifications n join users u on u.id = n.recipient_id where n.dedupe_key = ${`evaluation-overdue:${mid.id}:2026-10-15`} order by u.username`)).map((r) => r.username);
    expect(await recipients()).toEqual(['f-hrbp', p.employee.username].sort());
    expect((await expectStatus(f.c.hrbp.request('GET', '/api/evaluations/overdue'), 200)).items.map((r: { id: string; missing: string[] }) => [r.id, r.missing])).toContainEqual([mid.id, ['self', 'hrbp']]);
    expect((await expectStatus(f.c.bhrbp.request('GET', '/api/evaluations/overdue'), 200)).items.map((r: { id: string }) => r.id)).not.toContain(mid.id);
    expect((await expectStatus(f.c.employee.request('GET', '/api/evaluations/overdue'), 200)).items).toEqual([]);
    await at('2026-10-16T01:00:00.000Z');
    await tick();
    expect(await sentWith(`evaluation-overdue:${mid.id}:`)).toBe(2);
    expect(await sentWith(`evaluation-escalated:${mid.id}`)).toBe(0);
    // escalation five working days after the due date: 15, 16, 19, 20, 21 October; a clock jump past it escalates once
    await at('2026-10-23T01:00:00.000Z');
    await tick();
    await tick();
    expect(await sentWith(`evaluation-escalated:${mid.id}`)).toBe(1);
    const escalatedTo = (await queryRows<{ username: string }>(t.db.database.db, sql`select u.username from notifications n join users u on u.id = n.recipient_id where n.dedupe_key = ${`evaluation-escalated:${mid.id}`} order by u.username`)).map((r) => r.username);
    // missing self → the manager and the HRBP; missing HRBP comment → the HRBP's manager (the unit's HR head)
    expect(escalatedTo).toEqual(['f-hrbp', 'f-hrhead', 'f-manager']);
    expect((await list(p.id))[0]!.escalatedAt).not.toBeNull();
    expect(await audits(p.id, 'pip.evaluation_escalated')).toBe(1);
  });
});

describe('a pause stops the clock', () => {
  it('an open evaluation is not chased while the plan is paused, and gets its full time again on resume', async () => {
    await at('2026-09-01T01:00:00.000Z');
    const p = await running();
    await at('2026-10-08T01:00:00.000Z');
    await tick();
    const mid = (await list(p.id))[0]!;
    await at('2026-10-09T01:00:00.000Z');
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/pause`, { reason: '工伤', absence: 'work_injury' }), 200);
    await at('2026-10-26T01:00:00.000Z');
    await tick();
    expect(await sentWith(`evaluation-overdue:${mid.id}:`)).toBe(0);
    expect((await expectStatus(f.c.hrbp.request('GET', '/api/evaluations/overdue'), 200)).items.map((r: { id: string }) => r.id)).not.toContain(mid.id);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/resume`, {}), 200);
    // five working days after Monday 26 October: 27–30 October and Monday 2 November
    expect((await list(p.id))[0]!).toMatchObject({ id: mid.id, status: 'open', dueOn: '2026-11-02', overdue: false });
    expect(await audits(p.id, 'pip.evaluation_restarted')).toBe(1);
    await tick();
    expect(await sentWith(`evaluation-overdue:${mid.id}:`)).toBe(0);
  });
});

describe('the agenda', () => {
  it('upcoming check-ins of the caller as a participant, and minutes to record or confirm as to-dos', async () => {
    await at('2026-09-01T01:00:00.000Z');
    const p = await running('2026-09-03', '2026-10-31');
    const mine = (await expectStatus(p.employee.client.request('GET', '/api/checkins/upcoming?days=14'), 200)).items as { planId: string; role: string; scheduledOn: string }[];
    expect(mine.map((r) => [r.role, r.scheduledOn])).toEqual([['employee', '2026-09-10']]);
    expect(((await expectStatus(f.c.manager.request('GET', '/api/checkins/upcoming'), 200)).items as { planId: string; role: string }[]).filter((r) => r.planId === p.id).map((r) => r.role)).toEqual(['manager']);
    expect((await expectStatus(f.c.employee.request('GET', '/api/checkins/upcoming'), 200)).items).toEqual([]);
    await expectStatus(f.c.manager.request('GET', '/api/checkins/upcoming?days=0'), 400);
    await at('2026-09-10T08:00:00.000Z');
    const first = ((await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/checkins`), 200)).items as { id: string }[])[0]!;
    expect(await todoKinds(f.c.manager, p.id)).toContain('record_minutes');
    await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, { minutes: '沟通了回款', progress: [] }), 200);
    expect(await todoKinds(f.c.manager, p.id)).not.toContain('record_minutes');
    expect(await todoKinds(p.employee.client, p.id)).toContain('confirm_minutes');
    await expectStatus(p.employee.client.request('POST', `/api/checkins/${first.id}/confirm`), 200);
    expect(await todoKinds(p.employee.client, p.id)).not.toContain('confirm_minutes');
  });
});
