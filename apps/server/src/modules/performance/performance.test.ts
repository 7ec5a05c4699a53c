import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Candidate, PerformanceFile, RuleParams, TriggerRule } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { employees, notifications, pipCandidates, users } from '../../db/schema/index.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let fx: OrgFixture;
let hr: Client;
const cycles: Record<string, string> = {};

async function cycle(code: string, endDate: string, opts: { type?: string; owner?: string; close?: boolean } = {}) {
  const res = await hr.request('POST', '/api/performance/cycles', { code, name: `周期 ${code}`, type: opts.type ?? 'quarterly', ownerUnitId: opts.owner ?? fx.units.G.id, startDate: `${endDate.slice(0, 4)}-01-01`, endDate });
  expect(res.statusCode, res.body).toBe(201);
  cycles[code] = res.json<{ id: string }>().id;
  if (opts.close !== false) expect((await hr.request('POST', `/api/performance/cycles/${cycles[code]}/close`)).statusCode).toBe(200);
  return cycles[code]!;
}

async function result(person: string, code: string, body: Record<string, unknown>) {
  const res = await hr.request('PUT', `/api/performance/results/${fx.people[person]!.id}/${cycles[code]}`, body);
  expect(res.statusCode, res.body).toBe(200);
}

async function rule(params: RuleParams, scope: Record<string, unknown> = {}, enable = true): Promise<TriggerRule> {
  const res = await hr.request('POST', '/api/performance/rules', { ownerUnitId: fx.units.G.id, name: `规则 ${params.kind}`, params, scope });
  expect(res.statusCode, res.body).toBe(201);
  const r = res.json<TriggerRule>();
  if (enable) expect((await hr.request('POST', `/api/performance/rules/${r.id}/enable`)).statusCode).toBe(200);
  return r;
}

const openFor = async (ruleId: string) =>
  (await queryRows<{ employee_no: string }>(t.db.database.db, sql`select e.employee_no from pip_candidates c join employees e on e.id = c.employee_id where c.rule_id = ${ruleId} and c.status = 'open' order by 1`)).map((r) => r.employee_no);
const no = (key: string) => fx.people[key]!.employeeNo;

beforeAll(async () => {
  t = await createTestApp();
  fx = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
  // four closed quarters and an open one
  await cycle('Q1', '2025-03-31');
  await cycle('Q2', '2025-06-30');
  await cycle('Q3', '2025-09-30');
  await cycle('Q4', '2025-12-31');
  await cycle('Q5', '2026-03-31', { close: false });
});
afterAll(() => t.close());

describe('consecutive cycles below a threshold', () => {
  let r: TriggerRule;
  beforeAll(async () => {
    // an ERP subscribed to candidacies
    const sub = await hr.request('POST', '/api/integration/webhooks', { name: 'ERP', url: 'https://erp.example.com/hooks/uplift', events: ['candidate.created', 'candidate.closed'] });
    expect(sub.statusCode, sub.body).toBe(201);
    await result('a1Dev', 'Q3', { achievement: 70 });
    await result('a1Dev', 'Q4', { achievement: 79.99 });
    await result('a1Dev', 'Q5', { achievement: 100 }); // open: does not count
    await result('a2Dev', 'Q3', { achievement: 75 });
    await result('a2Dev', 'Q4', { achievement: 80 }); // exactly at the threshold: not below
    await result('a1TDev', 'Q2', { achievement: 60 });
    await result('a1TDev', 'Q4', { achievement: 60 }); // Q3 missing: the run is broken
    await result('b1Dev', 'Q3', { achievement: 50 });
    await result('b1Dev', 'Q4', { achievement: 50 });
    r = await rule({ kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 80, cycles: 2 });
  });

  it('flags exactly the people with results below the threshold in each of the last closed cycles', async () => {
    expect(await openFor(r.id)).toEqual([no('a1Dev'), no('b1Dev')].sort());
    const [c] = await t.db.database.db.select().from(pipCandidates).where(eq(pipCandidates.employeeId, fx.people.a1Dev!.id));
    expect(c!.evidence).toMatchObject({ rule: { id: r.id, version: 1 }, cycles: [{ code: 'Q3', achievement: 70 }, { code: 'Q4', achievement: 79.99 }] });
  });

  it('publishes each new candidate to subscribed systems once', async () => {
    await t.services.candidates.evaluate();
    const events = await queryRows<{ event: string; employee_id: string }>(t.db.database.db, sql`select event, payload->'data'->>'employeeId' as employee_id from webhook_deliveries order by id`);
    expect(events.filter((e) => e.event === 'candidate.created').map((e) => e.employee_id).sort()).toEqual([fx.people.a1Dev!.id, fx.people.b1Dev!.id].sort());
  });

  it('never raises twice, however often it runs', async () => {
    await t.services.candidates.evaluate();
    await t.services.candidates.evaluate({ employeeIds: [fx.people.a1Dev!.id] });
    const rows = await t.db.database.db.select().from(pipCandidates).where(eq(pipCandidates.ruleId, r.id));
    expect(rows).toHaveLength(2);
  });

  it('tells the HRBP and the direct manager, never the employee', async () => {
    const inbox = async (username: string) => {
      const [u] = await t.db.database.db.select().from(users).where(eq(users.username, username));
      return t.db.database.db.select().from(notifications).where(eq(notifications.recipientId, u!.id));
    };
    expect((await inbox('f-manager')).some((n) => n.kind === 'candidate.created')).toBe(true);
    expect((await inbox('f-hrbp')).some((n) => n.kind === 'candidate.created')).toBe(true);
    expect((await inbox('f-employee')).some((n) => n.kind === 'candidate.created')).toBe(false);
  });

  it('shows candidates to HR in scope and the manager chain, never to the person', async () => {
    const seen = async (c: Client) => (await c.request('GET', `/api/performance/candidates?ruleId=${r.id}`)).json<{ items: Candidate[] }>().items.map((i) => i.employee.employeeNo).sort();
    expect(await seen(hr)).toEqual([no('a1Dev'), no('b1Dev')].sort());
    expect(await seen(await t.login('f-manager', FIXTURE_PASSWORD))).toEqual([no('a1Dev')]);
    expect(await seen(await t.login('f-hrhead', FIXTURE_PASSWORD))).toEqual([no('a1Dev')]);
    expect(await seen(await t.login('f-bhrbp', FIXTURE_PASSWORD))).toEqual([no('b1Dev')]);
    const employee = await t.login('f-employee', FIXTURE_PASSWORD);
    expect(await seen(employee)).toEqual([]);
    const own = (await employee.request('GET', `/api/people/${fx.people.a1Dev!.id}/performance`)).json<PerformanceFile>();
    expect(own.candidates).toBeNull();
    expect(own.results.map((x) => x.cycleCode)).toEqual(['Q3', 'Q4', 'Q5']);
    const byManager = (await (await t.login('f-manager', FIXTURE_PASSWORD)).request('GET', `/api/people/${fx.people.a1Dev!.id}/performance`)).json<PerformanceFile>();
    expect(byManager.candidates?.map((c) => c.rule.id)).toEqual([r.id]);
    expect(byManager.thresholds).toEqual([{ ruleName: r.name, metric: 'achievement', value: 80 }]);
    const [c] = await t.db.database.db.select().from(pipCandidates).where(eq(pipCandidates.employeeId, fx.people.a1Dev!.id));
    expect((await employee.request('GET', `/api/performance/candidates/${c!.id}`)).statusCode).toBe(404);
    // a manager sees but does not act
    expect((await (await t.login('f-manager', FIXTURE_PASSWORD)).request('POST', `/api/performance/candidates/${c!.id}/dismiss`, { reason: '不同意' })).statusCode).toBe(403);
  });

  it('closes the candidate as no longer matching when a corrected result un-flags the person, keeping the previous value', async () => {
    const missingReason = await hr.request('PUT', `/api/performance/results/${fx.people.b1Dev!.id}/${cycles.Q4}`, { achievement: 85 });
    expect(missingReason.statusCode).toBe(400);
    await result('b1Dev', 'Q4', { achievement: 85, reason: '数据录入错误，已与财务核对' });
    expect(await openFor(r.id)).toEqual([no('a1Dev')]);
    const [closed] = await t.db.database.db.select().from(pipCandidates).where(eq(pipCandidates.employeeId, fx.people.b1Dev!.id));
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'no_longer_matching' });
    const file = (await hr.request('GET', `/api/people/${fx.people.b1Dev!.id}/performance`)).json<PerformanceFile>();
    const q4 = file.results.find((x) => x.cycleCode === 'Q4')!;
    expect(q4.achievement).toBe(85);
    expect(q4.corrections).toMatchObject([{ by: 'f-grouphr', reason: '数据录入错误，已与财务核对', before: { achievement: 50 }, after: { achievement: 85 } }]);
  });

  it('keeps flagging someone who moved unit between cycles', async () => {
    const move = await hr.request('POST', `/api/people/${fx.people.a1Dev!.id}/changes`, { effectiveDate: '2026-01-05', reason: '调岗', unitId: fx.units.A2.id });
    expect(move.statusCode, move.body).toBe(200);
    await t.services.candidates.evaluate();
    expect(await openFor(r.id)).toEqual([no('a1Dev')]);
  });

  it('dismissal needs a reason and is not raised again on the same facts', async () => {
    const [c] = await t.db.database.db.select().from(pipCandidates).where(eq(pipCandidates.employeeId, fx.people.a1Dev!.id));
    expect((await hr.request('POST', `/api/performance/candidates/${c!.id}/dismiss`, { reason: '' })).statusCode).toBe(400);
    const ok = await hr.request('POST', `/api/performance/candidates/${c!.id}/dismiss`, { reason: '已了解，季节性波动', snooze: false });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Candidate>()).toMatchObject({ status: 'dismissed', dismissReason: '已了解，季节性波动' });
    await t.services.candidates.evaluate();
    expect(await openFor(r.id)).toEqual([]);
  });
});

describe('the other rule kinds', () => {
  it('rolling average over a window', async () => {
    await result('a1TLead', 'Q2', { achievement: 70 });
    await result('a1TLead', 'Q3', { achievement: 90 });
    await result('a1TLead', 'Q4', { achievement: 70 });
    const r = await rule({ kind: 'rolling_average_below', cycleType: 'quarterly', metric: 'achievement', threshold: 80, window: 3 });
    // at least two results in the three cycles, averaging below 80 (aLead has none: not judged)
    expect(await openFor(r.id)).toEqual([no('a1Dev'), no('a1TDev'), no('a1TLead'), no('a2Dev'), no('b1Dev')].sort());
    const [c] = await t.db.database.db.select().from(pipCandidates).where(sql`${pipCandidates.ruleId} = ${r.id} and ${pipCandidates.employeeId} = ${fx.people.a1TLead!.id}`);
    expect((c!.evidence as { value: number }).value).toBe(76.67);
  });

  it('a grade in a set M times in the last N cycles, on the cycle’s own scale', async () => {
    await result('aLead', 'Q2', { grade: 'C' });
    await result('aLead', 'Q4', { grade: 'D' });
    await result('a2Dev', 'Q2', { grade: 'C' });
    const r = await rule({ kind: 'grade_count', cycleType: 'quarterly', grades: ['C', 'D'], times: 2, cycles: 3 });
    expect(await openFor(r.id)).toEqual([no('aLead')]);
    const bad = await hr.request('PUT', `/api/performance/results/${fx.people.aLead!.id}/${cycles.Q1}`, { grade: 'E' });
    expect(bad.statusCode).toBe(400);
  });

  it('K negative customer feedbacks within D days, through the feedback import', async () => {
    const r = await rule({ kind: 'negative_feedback', count: 2, days: 30 });
    const csv = [
      '工号,日期,客户,渠道,评分,倾向,反馈内容',
      `${no('a2Dev')},2026-02-20,甲公司,电话,1,,态度差`,
      `${no('a2Dev')},2026-02-25,乙公司,回访,2,负面,响应慢`,
      `${no('a2Dev')},2026-02-26,丙公司,回访,5,,很好`,
      `${no('b1Dev')},2025-12-01,丁公司,电话,1,,太早了`,
      `${no('b1Dev')},2026-02-27,戊公司,电话,1,,只有一条`,
    ].join('\r\n');
    const body = multipart({ type: 'customer_feedback' }, { name: 'feedback.csv', content: csv });
    const up = await hr.request('POST', '/api/imports', body.payload, body.headers);
    expect(up.statusCode, up.body).toBe(201);
    await t.services.imports.idle();
    const merged = await hr.request('POST', `/api/imports/${up.json<{ id: string }>().id}/merge`);
    expect(merged.statusCode).toBe(202);
    await t.services.imports.idle();
    // the import's follow-up evaluated the people it touched
    expect(await openFor(r.id)).toEqual([no('a2Dev')]);
    const [c] = await t.db.database.db.select().from(pipCandidates).where(sql`${pipCandidates.ruleId} = ${r.id}`);
    expect((c!.evidence as { feedback: { customer: string }[] }).feedback.map((f) => f.customer)).toEqual(['甲公司', '乙公司']);
  });

  it('a snoozed dismissal stays quiet on new facts; a plain one is raised again when the facts change', async () => {
    const r = (await hr.request('GET', '/api/performance/rules')).json<{ items: TriggerRule[] }>().items.find((x) => x.params.kind === 'negative_feedback')!;
    const [c] = await t.db.database.db.select().from(pipCandidates).where(sql`${pipCandidates.ruleId} = ${r.id} and ${pipCandidates.status} = 'open'`);
    expect((await hr.request('POST', `/api/performance/candidates/${c!.id}/dismiss`, { reason: '客户方原因', snooze: true })).statusCode).toBe(200);
    const more = async (customer: string) => {
      const body = multipart({ type: 'customer_feedback' }, { name: `${customer}.csv`, content: `工号,日期,客户,渠道,评分\r\n${no('a2Dev')},2026-03-01,${customer},电话,1` });
      const id = (await hr.request('POST', '/api/imports', body.payload, body.headers)).json<{ id: string }>().id;
      await t.services.imports.idle();
      await hr.request('POST', `/api/imports/${id}/merge`);
      await t.services.imports.idle();
    };
    await more('己公司');
    expect(await openFor(r.id)).toEqual([]);
    // without a snooze, new feedback is a new fact
    await t.db.database.db.update(pipCandidates).set({ snoozed: false, snoozeUntil: null }).where(eq(pipCandidates.id, c!.id));
    await more('庚公司');
    expect(await openFor(r.id)).toEqual([no('a2Dev')]);
  });

  it('leaves people on probation out by default', async () => {
    await t.db.database.db.update(employees).set({ status: 'probation' }).where(eq(employees.id, fx.people.aLead!.id));
    await t.services.candidates.evaluate();
    const grade = (await hr.request('GET', '/api/performance/rules')).json<{ items: TriggerRule[] }>().items.find((x) => x.params.kind === 'grade_count')!;
    expect(await openFor(grade.id)).toEqual([]);
    await t.db.database.db.update(employees).set({ status: 'active' }).where(eq(employees.id, fx.people.aLead!.id));
  });

  it('previews who a rule would flag before it is enabled', async () => {
    const res = await hr.request('POST', '/api/performance/rules/preview', { ownerUnitId: fx.units.G.id, name: '预览', params: { kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 90, cycles: 1 }, scope: {} });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{ matches: number; items: { employee: { employeeNo: string }; evidence: { cycles: unknown[] } }[] }>();
    expect(preview.items.map((i) => i.employee.employeeNo).sort()).toEqual([no('a1Dev'), no('a1TDev'), no('a1TLead'), no('a2Dev'), no('b1Dev')].sort());
    expect(preview.matches).toBe(5);
    const bhrbp = await t.login('f-bhrbp', FIXTURE_PASSWORD);
    const theirs = (await bhrbp.request('POST', '/api/performance/rules/preview', { ownerUnitId: fx.units.G.id, name: '预览', params: { kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 90, cycles: 1 }, scope: {} })).json<{ matches: number }>();
    expect(theirs.matches).toBe(1);
  });
});

describe('performance imports', () => {
  const upload = async (type: string, name: string, content: string) => {
    const body = multipart({ type }, { name, content });
    const res = await hr.request('POST', '/api/imports', body.payload, body.headers);
    expect(res.statusCode, res.body).toBe(201);
    await t.services.imports.idle();
    return (await hr.request('GET', `/api/imports/${res.json<{ id: string }>().id}`)).json<{ id: string; status: string; counts: Record<string, number> }>();
  };
  const merge = async (id: string) => {
    expect((await hr.request('POST', `/api/imports/${id}/merge`)).statusCode).toBe(202);
    await t.services.imports.idle();
  };

  it('imports results by employee and cycle; a changed value is a correction with its history; bad rows are explained', async () => {
    const bad = await upload('performance_results', 'bad.csv', ['工号,周期编码,达成率,等级', `${no('aHr')},Q1,85%,Z`, `NOBODY,Q1,90,A`, `${no('aHr')},NOPE,90,A`, `${no('aHr')},Q1,,`].join('\r\n'));
    expect(bad.status).toBe('invalid');
    const errs = (await hr.request('GET', `/api/imports/${bad.id}/errors`)).json<{ items: { rowNumber: number; column: string | null; code: string }[] }>().items;
    expect(errs.map((e) => [e.rowNumber, e.column, e.code])).toEqual(
      expect.arrayContaining([
        [2, 'grade', 'BAD_GRADE'],
        [3, 'employee_no', 'UNKNOWN_EMPLOYEE'],
        [4, 'cycle_code', 'UNKNOWN_CYCLE'],
        [5, null, 'NO_VALUE'],
      ]),
    );
    const first = await upload('performance_results', 'q1.csv', ['Employee No.,Cycle code,Achievement,Grade,Score', `${no('aHr')},Q1,85%,B,88`, `${no('groupHr')},Q1,101,A,99`].join('\r\n'));
    expect(first.counts).toMatchObject({ create: 2, errors: 0 });
    await merge(first.id);
    t.clock.advance(60_000);
    const again = await upload('performance_results', 'q1-fixed.csv', ['Employee No.,Cycle code,Achievement,Grade,Score', `${no('aHr')},Q1,75,C,70`, `${no('groupHr')},Q1,101,A,99`].join('\r\n'));
    expect(again.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    await merge(again.id);
    const file = (await hr.request('GET', `/api/people/${fx.people.aHr!.id}/performance`)).json<PerformanceFile>();
    const q1 = file.results.find((r) => r.cycleCode === 'Q1')!;
    expect(q1).toMatchObject({ achievement: 75, grade: 'C', source: 'import', version: 2 });
    expect(q1.corrections).toMatchObject([{ reason: '导入更正：q1-fixed.csv', before: { achievement: 85 }, after: { achievement: 75 } }]);
    // rolling the correction back restores the first import's values
    expect((await hr.request('POST', `/api/imports/${again.id}/rollback`)).statusCode).toBe(200);
    const back = (await hr.request('GET', `/api/people/${fx.people.aHr!.id}/performance`)).json<PerformanceFile>().results.find((r) => r.cycleCode === 'Q1')!;
    expect(back).toMatchObject({ achievement: 85, grade: 'B' });
  });

  it('imports work logs by employee, date and summary: the same file twice changes nothing', async () => {
    const csv = ['工号,日期,工时,工作内容,标签', `${no('a2Dev')},2026-03-02,7.5,月结对账,财务、月结`, `${no('a2Dev')},2026-03-03,8,供应商付款审核,`].join('\r\n');
    const a = await upload('work_logs', 'logs.csv', csv);
    expect(a.counts).toMatchObject({ create: 2 });
    await merge(a.id);
    const merged = (await hr.request('GET', `/api/imports/${a.id}`)).json<{ status: string; failure: string | null }>();
    expect(merged, JSON.stringify(merged)).toMatchObject({ status: 'merged' });
    const b = await upload('work_logs', 'logs.csv', csv);
    expect(b.counts, JSON.stringify(b)).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    const file = (await hr.request('GET', `/api/people/${fx.people.a2Dev!.id}/performance`)).json<PerformanceFile>();
    expect(file.workLogs.map((l) => [l.date, l.hours, l.tags])).toEqual([
      ['2026-03-03', 8, []],
      ['2026-03-02', 7.5, ['财务', '月结']],
    ]);
  });
});

