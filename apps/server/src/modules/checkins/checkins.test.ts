import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { HOUR } from '../../lib/clock.ts';
import { buildPipFixture, expectStatus, newReport, planBody, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { MAX_FILE_BYTES } from '../files/files.service.ts';

let t: TestApp;
let f: PipFixture;

type Row = { attachments: { id: string; name: string; sha256: string; size: number }[]; id: string; kind: string; origin: string; status: string; scheduledOn: string; scheduledAt: string; minutesDueOn: string; overdue: boolean; rescheduledFrom: string | null; employeeConfirmedAt: string | null; progress: { goalId: string; percent: number }[]; comments: { body: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
  // National Day 2026: 1–7 October off, 10 October a make-up working Saturday
  t.clock.set('2026-09-01T01:00:00.000Z');
  await f.relogin();
});
afterAll(() => t.close());

const at = (iso: string) => f.at(iso);

/** A plan of a fresh report from `start` to `end`, approved, goals finalised and acknowledged. */
const running = (start = '2026-09-03', end = '2026-10-31') => runningPlanBetween(t, f, start, end);

const list = async (planId: string): Promise<Row[]> => (await expectStatus(f.c.manager.request('GET', `/api/pips/${planId}/checkins`), 200)).items;
const sentWith = async (prefix: string) => (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from notifications where dedupe_key like ${`${prefix}%`}`))[0]!.n;
const audits = async (entityId: string, action: string) => (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where entity_id = ${entityId} and action = ${action}`))[0]!.n;

describe('generation from the cadence', () => {
  it('on acknowledgment: 1:1s weekly and a three-party meeting after 30 days, moved off National Day, minutes due in working days; a rerun adds nothing', async () => {
    const p = await running();
    const rows = await list(p.id);
    expect(rows.filter((r) => r.kind === 'one_on_one').map((r) => r.scheduledOn)).toEqual(['2026-09-10', '2026-09-17', '2026-09-24', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29']);
    // 3 October (a holiday) + the next working day; 1 and 8 October's 1:1s collapse into one
    expect(rows.filter((r) => r.kind === 'three_party').map((r) => r.scheduledOn)).toEqual(['2026-10-08']);
    expect(rows.every((r) => r.origin === 'cadence' && r.status === 'scheduled' && !r.overdue)).toBe(true);
    const oct8 = rows.find((r) => r.kind === 'one_on_one' && r.scheduledOn === '2026-10-08')!;
    // two working days after Thursday 8 October: Friday, then the make-up Saturday
    expect(oct8.minutesDueOn).toBe('2026-10-10');
    expect(oct8.scheduledAt).toBe('2026-10-08T02:00:00.000Z');
    expect(rows.find((r) => r.scheduledOn === '2026-09-10')!.minutesDueOn).toBe('2026-09-14');
    const again = await t.db.database.db.transaction((tx) => t.services.checkins.meetings.generate(tx, { actorId: null, actorLabel: 'test', requestId: null }, p.id));
    expect(again).toBe(0);
    expect(await list(p.id)).toHaveLength(rows.length);
    expect(await audits(p.id, 'pip.checkins_generated')).toBe(1);
  });

  it('scope: the employee, the manager, the HRBP and viewers in scope see the schedule; others do not', async () => {
    const p = await running();
    expect((await expectStatus(p.employee.client.request('GET', `/api/pips/${p.id}/checkins`), 200)).items.length).toBeGreaterThan(0);
    for (const c of [f.c.hrbp, f.c.hr, f.c.auditor]) await expectStatus(c.request('GET', `/api/pips/${p.id}/checkins`), 200);
    for (const c of [f.c.employee, f.c.bhrbp]) await expectStatus(c.request('GET', `/api/pips/${p.id}/checkins`), 404);
    const one = (await list(p.id))[0]!;
    await expectStatus(f.c.bhrbp.request('GET', `/api/checkins/${one.id}`), 404);
    expect((await expectStatus(p.employee.client.request('GET', `/api/checkins/${one.id}`), 200)).id).toBe(one.id);
  });
});

describe('rescheduling, ad hoc and cancellation', () => {
  it('the manager moves a meeting with a reason (audited, participants told); the employee and viewers may not; errors name the field', async () => {
    const p = await running();
    const first = (await list(p.id))[0]!;
    const body = { date: '2026-09-11', time: '15:30', reason: '客户拜访冲突' };
    await expectStatus(p.employee.client.request('POST', `/api/checkins/${first.id}/reschedule`, body), 403);
    await expectStatus(f.c.auditor.request('POST', `/api/checkins/${first.id}/reschedule`, body), 403);
    await expectStatus(f.c.bhrbp.request('POST', `/api/checkins/${first.id}/reschedule`, body), 404);
    expect((await expectStatus(f.c.manager.request('POST', `/api/checkins/${first.id}/reschedule`, { ...body, reason: '' }), 400)).error.details.issues[0].path).toBe('body.reason');
    expect((await expectStatus(f.c.manager.request('POST', `/api/checkins/${first.id}/reschedule`, { ...body, date: '2026-08-31' }), 400)).error.details.issues[0].path).toBe('body.date');
    await expectStatus(f.c.manager.request('POST', `/api/checkins/${first.id}/reschedule`, body), 200);
    const moved = (await list(p.id)).find((r) => r.id === first.id)!;
    expect(moved).toMatchObject({ scheduledOn: '2026-09-11', scheduledAt: '2026-09-11T07:30:00.000Z', rescheduledFrom: first.scheduledAt, minutesDueOn: '2026-09-15' });
    expect(await audits(p.id, 'pip.checkin_rescheduled')).toBe(1);
    expect(await sentWith(`checkin-rescheduled:${first.id}`)).toBe(2);
  });

  it('the manager adds an ad hoc 1:1 (now, or at a time) and cancels one; only while the plan runs', async () => {
    const p = await running();
    const { id } = await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/checkins`, {}), 201);
    const row = (await list(p.id)).find((r) => r.id === id)!;
    expect(row).toMatchObject({ kind: 'one_on_one', origin: 'ad_hoc', scheduledOn: '2026-09-01', minutesDueOn: '2026-09-03' });
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/checkins`, { kind: 'three_party', date: '2026-09-04', time: '09:00' }), 201);
    expect((await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/checkins`, { date: '2026-09-04' }), 400)).error.details.issues[0].path).toBe('body.time');
    await expectStatus(f.c.auditor.request('POST', `/api/pips/${p.id}/checkins`, {}), 403);
    await expectStatus(p.employee.client.request('POST', `/api/pips/${p.id}/checkins`, {}), 403);
    await expectStatus(f.c.bhrbp.request('POST', `/api/pips/${p.id}/checkins`, {}), 404);
    await expectStatus(f.c.manager.request('POST', `/api/checkins/${id}/cancel`, { reason: '员工请假' }), 200);
    expect((await list(p.id)).find((r) => r.id === id)!.status).toBe('cancelled');
    await expectStatus(f.c.manager.request('POST', `/api/checkins/${id}/cancel`, { reason: '再取消' }), 409);
    expect(await audits(p.id, 'pip.checkin_cancelled')).toBe(1);
    // a plan not yet running takes no meetings
    const e = await newReport(t, f);
    const draft = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id, { plannedStart: '2026-09-03', plannedEnd: '2026-10-31' })), 201);
    expect((await expectStatus(f.c.manager.request('POST', `/api/pips/${draft.id}/checkins`, {}), 409)).error.details.reason).toBe('state');
  });
});

describe('minutes, the employee confirmation, reminders and overdue minutes', () => {
  it('reminds the participants once before each meeting across reruns and clock jumps; a reschedule re-arms it', async () => {
    const p = await running('2026-09-03', '2026-10-31');
    const first = (await list(p.id))[0]!; // 10 September 10:00 (02:00Z), reminded 24 hours before
    const tick = () => t.services.checkins.meetings.remindDue();
    await at('2026-09-09T01:00:00.000Z');
    await tick();
    expect(await sentWith(`checkin-before:${first.id}:`)).toBe(0);
    await at('2026-09-09T02:30:00.000Z');
    await tick();
    await tick();
    expect(await sentWith(`checkin-before:${first.id}:`)).toBe(2); // employee and manager
    t.clock.advance(5 * HOUR);
    await tick();
    t.clock.set('2026-09-09T02:10:00.000Z'); // the clock steps back
    await tick();
    expect(await sentWith(`checkin-before:${first.id}:`)).toBe(2);
    await at('2026-09-09T03:00:00.000Z');
    await expectStatus(f.c.manager.request('POST', `/api/checkins/${first.id}/reschedule`, { date: '2026-09-09', time: '16:00', reason: '提前' }), 200);
    await tick();
    await tick();
    expect(await sentWith(`checkin-before:${first.id}:2`)).toBe(2);
    expect(await sentWith(`checkin-before:${first.id}:`)).toBe(4);
  });

  it('minutes not recorded by the due working day: overdue in the API, the manager reminded once a day, listed for the HRBP', async () => {
    const p = await running('2026-09-09', '2026-10-31');
    const first = (await list(p.id))[0]!; // Wednesday 16 September; minutes due Friday 18th
    expect(first.minutesDueOn).toBe('2026-09-18');
    const tick = () => t.services.checkins.meetings.remindDue();
    await at('2026-09-18T10:00:00.000Z');
    await tick();
    expect((await list(p.id))[0]!.overdue).toBe(false);
    expect(await sentWith(`checkin-overdue:${first.id}:`)).toBe(0);
    await at('2026-09-19T02:00:00.000Z');
    await tick();
    await tick();
    expect((await list(p.id))[0]!.overdue).toBe(true);
    expect(await sentWith(`checkin-overdue:${first.id}:`)).toBe(1);
    await at('2026-09-20T02:00:00.000Z');
    await tick();
    expect(await sentWith(`checkin-overdue:${first.id}:`)).toBe(2);
    const mine = (await expectStatus(f.c.hrbp.request('GET', '/api/checkins/overdue'), 200)).items;
    expect(mine.map((r: { id: string }) => r.id)).toContain(first.id);
    expect((await expectStatus(f.c.bhrbp.request('GET', '/api/checkins/overdue'), 200)).items.map((r: { id: string }) => r.id)).not.toContain(first.id);
    expect((await expectStatus(f.c.employee.request('GET', '/api/checkins/overdue'), 200)).items).toEqual([]);
    // recorded: no longer overdue, no more reminders
    await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, { minutes: '补记纪要', progress: [] }), 200);
    await at('2026-09-21T02:00:00.000Z');
    await tick();
    expect(await sentWith(`checkin-overdue:${first.id}:`)).toBe(2);
    expect((await list(p.id))[0]!.overdue).toBe(false);
  });

  it('the manager records minutes and progress per goal; the employee comments and confirms (audited); limits name the field', async () => {
    const p = await running('2026-09-22', '2026-11-20');
    const other = await running('2026-09-22', '2026-11-20');
    const first = (await list(p.id))[0]!; // 29 September
    const planGoals = (await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}`), 200)).goals as { id: string }[];
    const otherGoals = (await expectStatus(f.c.manager.request('GET', `/api/pips/${other.id}`), 200)).goals as { id: string }[];
    const minutes = { minutes: '讨论了回款进度', progress: [{ goalId: planGoals[0]!.id, percent: 40, comment: '稳步推进' }] };
    expect((await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, minutes), 409)).error.details.reason).toBe('not_yet_held');
    await at('2026-09-29T08:00:00.000Z');
    expect((await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, { ...minutes, progress: [{ goalId: otherGoals[0]!.id, percent: 10 }] }), 400)).error.details.issues[0].path).toBe('body.progress.0.goalId');
    expect((await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, { ...minutes, progress: [{ goalId: planGoals[0]!.id, percent: 101 }] }), 400)).error.details.issues[0].path).toBe('body.progress.0.percent');
    await expectStatus(p.employee.client.request('PUT', `/api/checkins/${first.id}/minutes`, minutes), 403);
    await expectStatus(f.c.hrbp.request('PUT', `/api/checkins/${first.id}/minutes`, minutes), 403);
    await expectStatus(p.employee.client.request('POST', `/api/checkins/${first.id}/confirm`), 409);
    await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, minutes), 200);
    expect(await sentWith(`checkin-confirm:${first.id}:`)).toBe(1);
    await expectStatus(f.c.manager.request('POST', `/api/checkins/${first.id}/comments`, { body: '上级' }), 403);
    await expectStatus(p.employee.client.request('POST', `/api/checkins/${first.id}/comments`, { body: '我会加强客户跟进' }), 201);
    await expectStatus(p.employee.client.request('POST', `/api/checkins/${first.id}/confirm`), 200);
    await expectStatus(p.employee.client.request('POST', `/api/checkins/${first.id}/confirm`), 409);
    expect((await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, minutes), 409)).error.details.reason).toBe('minutes_confirmed');
    const row = (await list(p.id)).find((r) => r.id === first.id)!;
    expect(row).toMatchObject({ status: 'held', progress: [{ goalId: planGoals[0]!.id, percent: 40 }], comments: [{ body: '我会加强客户跟进' }] });
    expect(row.employeeConfirmedAt).not.toBeNull();
    expect(await audits(p.id, 'pip.checkin_minutes')).toBe(1);
    expect(await audits(p.id, 'pip.checkin_confirmed')).toBe(1);
  });
});

describe('attachments', () => {
  it('the manager attaches files to the minutes (SHA-256 recorded, type and size limits); participants read them; closed once confirmed', async () => {
    await at('2026-10-12T01:00:00.000Z');
    const p = await running('2026-10-12', '2026-12-10');
    await at('2026-10-19T08:00:00.000Z');
    const first = (await list(p.id))[0]!; // 19 October
    const upload = (c: Client, name: string, content: Buffer | string, type = 'application/pdf') => {
      const m = multipart({ ownerType: 'checkin', ownerId: first.id }, { name, content, type });
      return c.request('POST', '/api/files', m.payload, m.headers);
    };
    const pdf = Buffer.from('%PDF-1.4 面谈纪要');
    const stored = await expectStatus(upload(f.c.manager, '纪要.pdf', pdf), 201);
    expect(stored.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect((await list(p.id))[0]!).toMatchObject({ attachments: [{ id: stored.id, name: '纪要.pdf', sha256: stored.sha256, size: pdf.length }] });
    await expectStatus(upload(f.c.manager, 'tool.exe', 'MZ', 'application/x-msdownload'), 415);
    await expectStatus(upload(f.c.manager, 'big.pdf', Buffer.alloc(MAX_FILE_BYTES + 1, 1)), 413);
    await expectStatus(upload(p.employee.client, 'mine.pdf', pdf), 403);
    await expectStatus(upload(f.c.auditor, 'mine.pdf', pdf), 403); // sees the plan, may not add to it
    await expectStatus(upload(f.c.bhrbp, 'mine.pdf', pdf), 404);
    for (const c of [p.employee.client, f.c.hrbp, f.c.hr]) expect((await c.request('GET', `/api/files/${stored.id}`)).statusCode).toBe(200);
    for (const c of [f.c.employee, f.c.bhrbp, f.c.auditor]) expect((await c.request('GET', `/api/files/${stored.id}`)).statusCode).toBe(404);
    await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, { minutes: '纪要见附件', progress: [] }), 200);
    await expectStatus(p.employee.client.request('POST', `/api/checkins/${first.id}/confirm`), 200);
    expect((await expectStatus(upload(f.c.manager, '补充.pdf', pdf), 409)).error.details.reason).toBe('minutes_confirmed');
    expect(await audits(first.id, 'file.upload')).toBe(1);
  });
});

describe('a paused plan resumed', () => {
  it('ends later, and the cadence gains the meetings the new end makes room for', async () => {
    const p = await running('2026-10-26', '2026-12-24');
    const before = await list(p.id);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/pause`, { reason: '产假', absence: 'maternity_leave' }), 200);
    await at('2026-10-29T01:00:00.000Z');
    const resumed = await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/resume`, {}), 200);
    expect(resumed.plannedEnd > '2026-12-24').toBe(true);
    const after = await list(p.id);
    const added = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((r) => r.scheduledOn > '2026-12-24' && r.scheduledOn <= resumed.plannedEnd)).toBe(true);
    expect(await audits(p.id, 'pip.checkins_generated')).toBe(2);
  });

  it('meetings inside the pause owe no minutes while paused (no overdue flag, reminder or to-do) and are cancelled on resume', async () => {
    await at('2026-11-01T01:00:00.000Z');
    const p = await running('2026-11-02', '2026-12-31');
    const first = (await list(p.id))[0]!;
    expect(first.scheduledOn).toBe('2026-11-09');
    await at('2026-11-05T01:00:00.000Z');
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/pause`, { reason: '病假', absence: 'sick_leave' }), 200);
    await at('2026-11-16T01:00:00.000Z'); // 09:00: the 16 November 1:1 is still to come
    await t.services.checkins.meetings.remindDue();
    expect(await sentWith(`checkin-overdue:${first.id}:`)).toBe(0);
    expect((await list(p.id)).find((r) => r.id === first.id)!.overdue).toBe(false);
    expect((await expectStatus(f.c.hrbp.request('GET', '/api/checkins/overdue'), 200)).items.map((r: { id: string }) => r.id)).not.toContain(first.id);
    const todos = (await expectStatus(f.c.manager.request('GET', '/api/pips/todos'), 200)).items as { kind: string; refId: string | null }[];
    expect(todos.filter((x) => x.refId === first.id)).toEqual([]);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/resume`, {}), 200);
    const after = await list(p.id);
    expect(after.find((r) => r.id === first.id)).toMatchObject({ status: 'cancelled', overdue: false });
    expect(after.find((r) => r.scheduledOn === '2026-11-16' && r.kind === 'one_on_one')!.status).toBe('scheduled');
    expect(await audits(p.id, 'pip.checkins_skipped')).toBe(1);
  });
});
