import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_GRADES, type RuleParams, type RuleScope } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../db/client.ts';
import { orgUnits, triggerRules, triggerRuleVersions } from '../db/schema/index.ts';
import { businessDate, type Clock } from '../lib/clock.ts';
import { createRng } from './demo-data.ts';
import { BUSINESS_CUSTOMERS, CUSTOMER_SURNAMES, FEEDBACK_TEXTS, feedbackRoles, logRoles, RESULT_COMMENTS, SALES_POSITIONS } from './demo-performance-data.ts';

export type DemoPerformanceSummary = { cycles: number; results: number; workLogs: number; feedback: number; ruleIds: string[] };

/** the default business time zone (TZ_BUSINESS) */
const DEMO_TIME_ZONE = 'Asia/Shanghai';
const QUARTERS = 8;
/** the demo sign-in whose file starts empty: the browser journey enters that person's results by hand */
const BLANK_ACCOUNTS = ['employee'];
/** how far a sliding person's achievement drops, by position from the latest cycle (0: the open one) */
const SLIDE = [34, 30, 22, 10];
const SCOPE: RuleScope = { unitIds: [], positions: [], grades: [], minTenureDays: 0, excludeStatuses: ['probation', 'left'] };
const RULES: { name: string; params: RuleParams }[] = [
  { name: '连续两个季度达成率低于 80%', params: { kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 80, cycles: 2 } },
  { name: '30 天内 3 条以上负面客户反馈', params: { kind: 'negative_feedback', count: 3, days: 30 } },
];

/** A uniform number in [0, 1) from six hex digits of an md5 column (slot 0–4); slot 5 has two digits. */
const u = (h: string, slot: number): SQL =>
  sql.raw(slot < 5 ? `(('x' || substr(${h}, ${slot * 6 + 1}, 6))::bit(24)::int / 16777216.0)` : `(('x' || substr(${h}, 31, 2))::bit(8)::int / 256.0)`);
/** A v4-shaped uuid from an md5 column: the same row gets the same id on every load. */
const uuidOf = (h: string): SQL =>
  sql.raw(`(substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-4' || substr(${h}, 14, 3) || '-8' || substr(${h}, 18, 3) || '-' || substr(${h}, 21, 12))::uuid`);
/** one of a text[] parameter's values, by a uniform number */
const pick = (values: readonly string[], r: SQL): SQL => sql`(${sql.param(values)}::text[])[1 + floor(${r} * ${values.length})::int]`;

/**
 * Performance data for the demo group just loaded, in the same transaction: eight quarterly cycles
 * of the group (the latest open), a result for everyone employed through each, work logs and
 * customer feedback over the last quarter, and two enabled early-warning rules. Set-based and
 * deterministic: every value derives from an md5 of the employee number, so the same group and
 * business date give the same rows. Evaluate the rules after commit to raise the candidates.
 */
export async function loadDemoPerformance(tx: Tx, deps: { clock: Clock; timeZone?: string }): Promise<DemoPerformanceSummary> {
  const tz = deps.timeZone ?? DEMO_TIME_ZONE;
  const now = deps.clock.now();
  const today = businessDate(now, tz);
  const [root] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(sql`${orgUnits.parentId} is null`);
  if (!root) throw new Error('loadDemoPerformance needs the demo group: there is no root unit');
  const rng = createRng(20_260_106);

  const cycles = lastQuarters(today, QUARTERS).map((q, i, all) => ({ ...q, id: rng.uuid(), ord: all.length - 1 - i }));
  await tx.execute(sql`
    insert into performance_cycles (id, code, name, type, owner_unit_id, start_date, end_date, status, grades, closed_at, created_at)
    select c.id, c.code, c.name, 'quarterly', ${root.id}, c.start_date, c.end_date, case when c.ord = 0 then 'open' else 'closed' end, ${sql.param([...DEFAULT_GRADES])}::text[],
      case when c.ord > 0 then least((c.end_date + 20 + time '18:00') at time zone ${tz}::text, ${now}::timestamptz) end,
      least((c.start_date + time '09:00') at time zone ${tz}::text, ${now}::timestamptz)
    from unnest(${sql.param(cycles.map((c) => c.id))}::uuid[], ${sql.param(cycles.map((c) => c.code))}::text[], ${sql.param(cycles.map((c) => c.name))}::text[],
      ${sql.param(cycles.map((c) => c.startDate))}::date[], ${sql.param(cycles.map((c) => c.endDate))}::date[], ${sql.param(cycles.map((c) => c.ord))}::int[])
      as c(id, code, name, start_date, end_date, ord)`);

  // each person's standing, once: a level (achievement around 100 ± 9), whether they slide, a sales quota
  await tx.execute(sql`
    create temp table demo_perf_people on commit drop as
    select e.id, e.employee_no, e.unit_id, e.manager_id, e.status, e.position, e.hire_date, e.leave_date,
      100 + 18 * (${u('x.h', 0)} + ${u('x.h', 1)} + ${u('x.h', 2)} - 1.5) as level,
      ${u('x.h', 3)} < 0.035 as slides,
      e.position = any(${sql.param(SALES_POSITIONS)}::text[]) as sales,
      60 + 20 * floor(${u('x.h', 4)} * 12) as quota,
      ${u('x.h', 5)} as cluster
    from employees e cross join lateral (select md5('perf:' || e.employee_no) as h offset 0) x
    where not exists (select 1 from users a where a.id = e.user_id and a.username = any(${sql.param(BLANK_ACCOUNTS)}::text[]))`);

  await insertResults(tx, cycles, tz, now);
  await insertWorkLogs(tx, today, now);
  await insertFeedback(tx, today, now);

  const ruleIds: string[] = [];
  for (const r of RULES) {
    const id = rng.uuid();
    const cycleType = 'cycleType' in r.params ? r.params.cycleType : null;
    await tx.insert(triggerRules).values({ id, ownerUnitId: root.id, name: r.name, kind: r.params.kind, cycleType, params: r.params, scope: SCOPE, enabled: true, version: 1, createdAt: now, updatedAt: now });
    await tx.insert(triggerRuleVersions).values({ ruleId: id, version: 1, definition: { name: r.name, params: r.params, scope: SCOPE }, createdAt: now });
    ruleIds.push(id);
  }
  // the candidates are evaluated right after commit: the planner should know these tables by then
  await tx.execute(sql`analyze performance_cycles, performance_results, work_logs, customer_feedback`);
  const [counts] = await queryRows<{ results: number; logs: number; feedback: number }>(
    tx as Db,
    sql`select (select count(*)::int from performance_results) as results, (select count(*)::int from work_logs) as logs, (select count(*)::int from customer_feedback) as feedback`,
  );
  return { cycles: cycles.length, results: counts!.results, workLogs: counts!.logs, feedback: counts!.feedback, ruleIds };
}

type Quarter = { code: string; name: string; startDate: string; endDate: string };

/** The `count` whole quarters before the one `today` falls in, oldest first. */
export function lastQuarters(today: string, count: number): Quarter[] {
  const current = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const pad = (n: number) => String(n).padStart(2, '0');
  return Array.from({ length: count }, (_, i) => {
    const index = current - count + i;
    const year = Math.floor(index / 4);
    const q = (index % 4) + 1;
    const lastDay = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
    return { code: `${year}Q${q}`, name: `${year}年第${q}季度`, startDate: `${year}-${pad(q * 3 - 2)}-01`, endDate: `${year}-${pad(q * 3)}-${pad(lastDay)}` };
  });
}

/**
 * A result for everyone employed from the cycle's first month to its end: achievement around the
 * person's level (±5), sliding people dropping over the last cycles; the grade follows achievement.
 * A few results are missing; the open cycle is still being filled in.
 */
async function insertResults(tx: Tx, cycles: { code: string; ord: number }[], tz: string, now: Date) {
  const drops = cycles.map((c) => SLIDE[c.ord] ?? 0);
  const ach = sql`v.ach`;
  await tx.execute(sql`
    insert into performance_results (id, cycle_id, employee_id, score, target, achievement, grade, evaluator_id, comment, source, unit_id, version, created_at, updated_at)
    select ${uuidOf('y.h')}, k.id, p.id,
      round(least(100, greatest(0, 40 + 0.5 * ${ach} + (${u('y.h', 3)} - 0.5) * 6)), 1),
      case when p.sales then round(p.quota * (1 + 0.03 * (${QUARTERS - 1} - k.ord))) else 100 end,
      ${ach}, g.grade, p.manager_id,
      case g.grade when 'S' then ${pick(RESULT_COMMENTS.S, u('y.h', 3))} when 'D' then ${pick(RESULT_COMMENTS.D, u('y.h', 3))} end,
      'import', p.unit_id, 1, k.recorded, k.recorded
    from demo_perf_people p
    cross join (
      select c.id, c.code, c.start_date, c.end_date, k.ord, k.drop, least((c.end_date + 10 + time '10:00') at time zone ${tz}::text, ${now}::timestamptz) as recorded
      from performance_cycles c join unnest(${sql.param(cycles.map((c) => c.code))}::text[], ${sql.param(cycles.map((c) => c.ord))}::int[], ${sql.param(drops)}::int[]) as k(code, ord, drop) on k.code = c.code
    ) k
    cross join lateral (select md5(p.employee_no || ':' || k.code) as h offset 0) y
    cross join lateral (select round(greatest(15, p.level + 10 * (${u('y.h', 0)} + ${u('y.h', 1)} + ${u('y.h', 2)} - 1.5) - case when p.slides then k.drop else 0 end), 1) as ach) v
    cross join lateral (select case when ${ach} >= 115 then 'S' when ${ach} >= 105 then 'A' when ${ach} >= 90 then 'B' when ${ach} >= 80 then 'C' else 'D' end as grade) g
    where p.hire_date <= k.start_date + 30 and (p.leave_date is null or p.leave_date > k.end_date)
      and ${u('y.h', 4)} >= case when k.ord = 0 then 0.3 else 0.015 end
      and not (k.ord = 0 and p.status = 'on_leave')`);
}

/** Knowledge workers log a weekday a little more than once a month over the last quarter (from their hire). */
async function insertWorkLogs(tx: Tx, today: string, now: Date) {
  const roles = logRoles();
  await tx.execute(sql`
    insert into work_logs (id, employee_id, date, hours, summary, tags, source, created_at)
    select ${uuidOf('x.h')}, p.id, d.day, round((2 + ${u('x.h', 2)} * 6.5) * 2) / 2, split_part(r.summaries, '|', 1 + floor(${u('x.h', 1)} * r.n)::int), array[r.tag], 'import', ${now}
    from demo_perf_people p
    join unnest(${sql.param(roles.map((r) => r.position))}::text[], ${sql.param(roles.map((r) => r.tag))}::text[], ${sql.param(roles.map((r) => r.summaries.join('|')))}::text[],
      ${sql.param(roles.map((r) => r.summaries.length))}::int[]) as r(position, tag, summaries, n) on r.position = p.position
    cross join generate_series(0, 12) w
    cross join lateral (select md5('log:' || p.employee_no || ':' || w) as h offset 0) x
    cross join lateral (select ${today}::date - 7 * (w + 1) + floor(${u('x.h', 0)} * 7)::int as raw) r0
    cross join lateral (select r0.raw - case extract(isodow from r0.raw)::int when 6 then 1 when 7 then 2 else 0 end as day) d
    where p.status in ('active', 'probation') and ${u('x.h', 3)} < 0.28 and d.day >= p.hire_date
    on conflict do nothing`);
}

/**
 * Customer-facing staff get about three ratings over the last quarter (mostly good; weaker people
 * get more bad ones); a few percent, and half the sliding ones, a cluster of 3–4 complaints this month.
 */
async function insertFeedback(tx: Tx, today: string, now: Date) {
  const roles = feedbackRoles();
  const rolesTable = sql`unnest(${sql.param(roles.map((r) => r.position))}::text[], ${sql.param(roles.map((r) => r.channels.join('|')))}::text[], ${sql.param(roles.map((r) => r.business))}::boolean[])
      as r(position, channels, business) on r.position = p.position`;
  const customer = (r: SQL) =>
    sql`case when r.business then ${pick(BUSINESS_CUSTOMERS, r)} || '有限公司' else ${pick(CUSTOMER_SURNAMES, r)} || case when floor(${r} * 1000)::int % 2 = 0 then '女士' else '先生' end end`;
  const channel = (r: SQL) => sql`split_part(r.channels, '|', 1 + floor(${r} * 3)::int)`;
  const text = (sentiment: SQL, r: SQL) =>
    sql`case ${sentiment} when 'positive' then ${pick(FEEDBACK_TEXTS.positive, r)} when 'neutral' then ${pick(FEEDBACK_TEXTS.neutral, r)} else ${pick(FEEDBACK_TEXTS.negative, r)} end`;
  await tx.execute(sql`
    insert into customer_feedback (id, employee_id, date, customer, channel, rating, sentiment, text, source, created_at)
    select ${uuidOf('x.h')}, p.id, v.day, ${customer(u('x.h', 3))}, ${channel(u('x.h', 4))}, v.rating, s.sentiment, ${text(sql`s.sentiment`, u('x.h', 2))}, 'import', ${now}
    from demo_perf_people p join ${rolesTable}
    cross join generate_series(0, 5) k
    cross join lateral (select md5('feedback:' || p.employee_no || ':' || k) as h offset 0) x
    cross join lateral (select ${today}::date - 1 - 15 * k - floor(${u('x.h', 0)} * 15)::int as day, ${u('x.h', 1)} + (p.level - 100) / 150 as q) r0
    cross join lateral (select r0.day, case when r0.q < 0.015 then 1 when r0.q < 0.04 then 2 when r0.q < 0.14 then 3 when r0.q < 0.5 then 4 else 5 end as rating) v
    cross join lateral (select case when v.rating <= 2 then 'negative' when v.rating = 3 then 'neutral' else 'positive' end as sentiment) s
    where ${u('x.h', 5)} < 0.5 and v.day >= p.hire_date and (p.leave_date is null or v.day < p.leave_date)
    on conflict do nothing`);
  await tx.execute(sql`
    insert into customer_feedback (id, employee_id, date, customer, channel, rating, sentiment, text, source, created_at)
    select ${uuidOf('x.h')}, p.id, ${today}::date - 2 - 6 * k - floor(${u('x.h', 0)} * 4)::int, ${customer(u('x.h', 3))}, ${channel(u('x.h', 4))},
      case when ${u('x.h', 1)} < 0.5 then 1 else 2 end, 'negative', ${text(sql`'negative'`, u('x.h', 2))}, 'import', ${now}
    from demo_perf_people p join ${rolesTable}
    cross join generate_series(0, 3) k
    cross join lateral (select md5('complaint:' || p.employee_no || ':' || k) as h offset 0) x
    where p.status = 'active' and (p.cluster < 0.02 or (p.slides and p.cluster < 0.5)) and (k < 3 or ${u('x.h', 5)} < 0.5)
      and ${today}::date - 26 >= p.hire_date
    on conflict do nothing`);
}
