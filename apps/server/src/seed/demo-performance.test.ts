import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import type { Candidate, Cycle, PerformanceFile, TriggerRule } from '@uplift/contract';
import { queryRows, type Db } from '../db/client.ts';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.ts';
import { createFieldCrypto } from '../lib/field-crypto.ts';
import { DEMO_ADMIN_PASSWORD } from './first-start.ts';
import { loadDemoGroup } from './demo-group.ts';
import { lastQuarters, loadDemoPerformance } from './demo-performance.ts';
import { feedbackRoles, logRoles } from './demo-performance-data.ts';

// First start with demo data (test clock 2026-03-02, Asia/Shanghai): the group's performance
// data, its two rules and their candidates, as the pages show them.
let t: TestApp;
let hr: Client;
const q = <T = Record<string, unknown>>(query: SQL) => queryRows<T>(t.db.database.db, query);

beforeAll(async () => {
  t = await createTestApp({ demoGroup: true, demoPerformance: true });
  hr = await t.login('hr', DEMO_ADMIN_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

/** employees who count for a closed cycle: employed from its first month to its end */
const employedThrough = sql`e.hire_date <= c.start_date + 30 and (e.leave_date is null or e.leave_date > c.end_date)`;

describe('demo performance data (星河集团)', () => {
  it('has eight quarterly cycles of the group before today, the latest still open', async () => {
    const res = await hr.request('GET', '/api/performance/cycles?type=quarterly');
    expect(res.statusCode).toBe(200);
    const cycles = (res.json().items as Cycle[]).sort((a, b) => a.endDate.localeCompare(b.endDate));
    expect(cycles.map((c) => c.code)).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4']);
    expect(cycles.map((c) => c.status)).toEqual([...Array(7).fill('closed'), 'open']);
    expect(new Set(cycles.map((c) => c.ownerUnitName))).toEqual(new Set(['星河集团']));
    for (const c of cycles.slice(0, 7)) {
      expect(c.closedAt! > c.endDate).toBe(true);
      expect(c.results).toBeGreaterThan(1000);
    }
    expect(lastQuarters('2026-01-01', 1)[0]).toEqual({ code: '2025Q4', name: '2025年第4季度', startDate: '2025-10-01', endDate: '2025-12-31' });
  });

  it('gives nearly everyone employed through a closed cycle a result, graded by achievement', async () => {
    const coverage = await q<{ code: string; employed: number; results: number }>(sql`
      select c.code, count(e.id)::int as employed, count(r.id)::int as results
      from performance_cycles c join employees e on ${employedThrough}
      left join performance_results r on r.cycle_id = c.id and r.employee_id = e.id
      where c.status = 'closed' group by c.code`);
    expect(coverage).toHaveLength(7);
    for (const c of coverage) {
      expect(c.results / c.employed, c.code).toBeGreaterThan(0.97);
      expect(c.results, `${c.code}: a few results are missing`).toBeLessThan(c.employed);
    }
    const [outside] = await q<{ n: number }>(sql`
      select count(*)::int as n from performance_results r join performance_cycles c on c.id = r.cycle_id join employees e on e.id = r.employee_id where not (${employedThrough})`);
    expect(outside!.n).toBe(0);
    const [bad] = await q<{ n: number }>(sql`
      select count(*)::int as n from performance_results where grade <> case when achievement >= 115 then 'S' when achievement >= 105 then 'A' when achievement >= 90 then 'B' when achievement >= 80 then 'C' else 'D' end
        or score not between 0 and 100 or target <= 0 or evaluator_id is distinct from (select manager_id from employees e where e.id = employee_id)`);
    expect(bad!.n).toBe(0);
    const grades = await q<{ grade: string; share: number }>(sql`
      select grade, count(*)::float / sum(count(*)) over () as share from performance_results r join performance_cycles c on c.id = r.cycle_id where c.code < '2025' group by grade`);
    const share = Object.fromEntries(grades.map((g) => [g.grade, g.share]));
    expect(share.B).toBeGreaterThan(0.4);
    expect(share.S).toBeLessThan(0.15);
    expect(share.D).toBeLessThan(0.05);
  });

  it('keeps most people steady around their level while a few percent slide over the last quarters', async () => {
    const [spread] = await q<{ people: number; steady: number; sliding: number }>(sql`
      with per as (
        select r.employee_id, avg(r.achievement) filter (where c.code < '2025Q1') as early, avg(r.achievement) filter (where c.code in ('2025Q2', '2025Q3')) as late,
          stddev(r.achievement) filter (where c.code < '2025Q1') as sd
        from performance_results r join performance_cycles c on c.id = r.cycle_id group by r.employee_id)
      select count(*)::int as people, count(*) filter (where sd < 10)::int as steady, count(*) filter (where late < early - 15)::int as sliding
      from per where early is not null and late is not null`);
    expect(spread!.steady / spread!.people).toBeGreaterThan(0.85);
    expect(spread!.sliding / spread!.people).toBeGreaterThan(0.01);
    expect(spread!.sliding / spread!.people).toBeLessThan(0.06);
  });

  it('has a few work logs per knowledge worker over the last quarter, at most two per person overall', async () => {
    const [logs] = await q<{ n: number; people: number; weekend: number; outside: number; roles: number; first: string; last: string }>(sql`
      select count(*)::int as n, (select count(*)::int from employees) as people,
        count(*) filter (where extract(isodow from w.date) > 5)::int as weekend, count(*) filter (where w.date < e.hire_date)::int as outside,
        count(distinct e.position)::int as roles, min(w.date)::text as first, max(w.date)::text as last
      from work_logs w join employees e on e.id = w.employee_id`);
    expect(logs!.n / logs!.people).toBeGreaterThan(1);
    expect(logs!.n / logs!.people).toBeLessThanOrEqual(2);
    expect(logs).toMatchObject({ weekend: 0, outside: 0 });
    expect(logs!.first >= '2025-11-29' && logs!.last < '2026-03-02').toBe(true);
    const [offRole] = await q<{ n: number }>(sql`select count(*)::int as n from work_logs w join employees e on e.id = w.employee_id where e.position <> all(${sql.param(logRoles().map((r) => r.position))}::text[])`);
    expect(offRole!.n).toBe(0);
  });

  it('has customer feedback for customer-facing staff, its sentiment following the rating, with clusters of complaints', async () => {
    const rows = await q<{ sentiment: string; rating: number; n: number }>(sql`select sentiment, rating, count(*)::int as n from customer_feedback group by 1, 2`);
    const consistent = (s: string, r: number) => (r <= 2 ? s === 'negative' : r === 3 ? s === 'neutral' : s === 'positive');
    expect(rows.filter((r) => !consistent(r.sentiment, r.rating))).toEqual([]);
    const total = rows.reduce((n, r) => n + r.n, 0);
    const negative = rows.filter((r) => r.sentiment === 'negative').reduce((n, r) => n + r.n, 0);
    expect(total).toBeGreaterThan(300);
    expect(negative / total).toBeGreaterThan(0.03);
    expect(negative / total).toBeLessThan(0.15);
    const [offRole] = await q<{ n: number }>(sql`select count(*)::int as n from customer_feedback f join employees e on e.id = f.employee_id where e.position <> all(${sql.param(feedbackRoles().map((r) => r.position))}::text[])`);
    expect(offRole!.n).toBe(0);
    const clusters = await q<{ employee_id: string }>(sql`
      select employee_id from customer_feedback where sentiment = 'negative' and date > '2026-03-02'::date - 30 group by employee_id having count(*) >= 3`);
    expect(clusters.length).toBeGreaterThanOrEqual(3);
  });

  it('enables the two rules and raises candidates for each, a few percent of the people at most', async () => {
    const rules = (await hr.request('GET', '/api/performance/rules')).json().items as TriggerRule[];
    expect(rules.map((r) => [r.name, r.enabled, r.params.kind])).toEqual([
      ['连续两个季度达成率低于 80%', true, 'consecutive_below'],
      ['30 天内 3 条以上负面客户反馈', true, 'negative_feedback'],
    ]);
    const [active] = await q<{ n: number }>(sql`select count(*)::int as n from employees where status in ('active', 'on_leave')`);
    for (const r of rules) {
      expect(r.openCandidates, r.name).toBeGreaterThan(5);
      expect(r.openCandidates / active!.n, r.name).toBeLessThan(0.05);
      expect(r.scope).toEqual({ unitIds: [], positions: [], grades: [], minTenureDays: 0, excludeStatuses: ['probation', 'left'] });
    }
    const page = (await hr.request('GET', `/api/performance/candidates?ruleId=${rules[0]!.id}&limit=5`)).json();
    const candidate = page.items[0] as Candidate;
    expect(candidate.evidence.cycles.map((c) => c.code)).toEqual(['2025Q2', '2025Q3']);
    expect(candidate.evidence.cycles.every((c) => c.achievement! < 80)).toBe(true);

    // the flagged person's file: the chart's results and the rule's threshold
    const file = (await hr.request('GET', `/api/people/${candidate.employee.id}/performance`)).json() as PerformanceFile;
    expect(file.results.length).toBeGreaterThanOrEqual(3);
    expect(file.thresholds).toEqual([{ ruleName: '连续两个季度达成率低于 80%', metric: 'achievement', value: 80 }]);
    expect(file.candidates!.map((c) => c.rule.name)).toContain('连续两个季度达成率低于 80%');
  });

  it("leaves the demo employee's own file empty, for the browser journey to fill in", async () => {
    const me = await t.login('employee', DEMO_ADMIN_PASSWORD);
    const id = (await me.request('GET', '/api/auth/me')).json().user.employeeId as string;
    const file = (await me.request('GET', `/api/people/${id}/performance`)).json() as PerformanceFile;
    expect(file).toMatchObject({ results: [], workLogs: [], feedback: [], candidates: null });
  });

  it('is deterministic: the same group and date give the same rows', async () => {
    const snapshot = (db: Db) =>
      queryRows<{ results: string; logs: string; feedback: string }>(
        db,
        sql`select
          (select md5(string_agg(concat_ws(',', r.id, e.employee_no, c.code, r.score, r.target, r.achievement, r.grade, r.comment), ';' order by r.id)) from performance_results r join employees e on e.id = r.employee_id join performance_cycles c on c.id = r.cycle_id) as results,
          (select md5(string_agg(concat_ws(',', w.id, e.employee_no, w.date, w.hours, w.summary), ';' order by w.id)) from work_logs w join employees e on e.id = w.employee_id) as logs,
          (select md5(string_agg(concat_ws(',', f.id, e.employee_no, f.date, f.customer, f.channel, f.rating, f.text), ';' order by f.id)) from customer_feedback f join employees e on e.id = f.employee_id) as feedback`,
      );
    const second = await createTestDatabase();
    try {
      await second.database.db.transaction(async (tx) => {
        await loadDemoGroup(tx, { clock: t.clock, crypto: createFieldCrypto('another-secret-0123456789-abcdefghijkl'), passwordHash: 'x' });
        await loadDemoPerformance(tx, { clock: t.clock });
      });
      expect(await snapshot(second.database.db)).toEqual(await snapshot(t.db.database.db));
    } finally {
      await second.destroy();
    }
  });
});
