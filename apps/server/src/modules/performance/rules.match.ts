import { sql, type SQL } from 'drizzle-orm';
import type { RuleParams, RuleScope } from '@uplift/contract';

/** A rule ready to evaluate: its definition plus the org paths its owner and scope units resolve to. */
export type EvaluableRule = {
  id: string;
  name: string;
  version: number;
  ownerPath: string;
  params: RuleParams;
  scope: RuleScope;
  /** org paths of scope.unitIds (subtrees); empty = the owner's whole subtree */
  unitPaths: string[];
};

/** One array parameter (drizzle would expand a JS array into one parameter per element). */
export function pgArray(values: readonly string[], type: 'text' | 'uuid'): SQL {
  return sql`${sql.param([...values])}::${sql.raw(type)}[]`;
}

/** The employees (alias e) a rule looks at: inside its owner and scope, not excluded by status or tenure. */
function scopeWhere(rule: EvaluableRule, today: string, employeeIds: readonly string[] | null): SQL {
  const s = rule.scope;
  const conds: SQL[] = [sql`e.org_path like ${`${rule.ownerPath}%`}`];
  if (s.excludeStatuses.length > 0) conds.push(sql`e.status <> all(${pgArray(s.excludeStatuses, 'text')})`);
  if (rule.unitPaths.length > 0) conds.push(sql`(${sql.join(rule.unitPaths.map((p) => sql`e.org_path like ${`${p}%`}`), sql` or `)})`);
  if (s.positions.length > 0) conds.push(sql`e.position = any(${pgArray(s.positions, 'text')})`);
  if (s.grades.length > 0) conds.push(sql`e.grade = any(${pgArray(s.grades, 'text')})`);
  if (s.minTenureDays > 0) conds.push(sql`e.hire_date <= ${today}::date - ${s.minTenureDays}::int`);
  if (employeeIds) conds.push(employeeIds.length === 0 ? sql`false` : sql`e.id = any(${pgArray(employeeIds, 'uuid')})`);
  return sql.join(conds, sql` and `);
}

/**
 * Each employee's latest `n` closed cycles of a type, among the cycles of the group and of the
 * subsidiary the employee belongs to, with their result in each (null where there is none: a
 * missing result breaks a run). Open cycles never count. The cycles depend only on the unit, so
 * they are looked up once per unit, not once per person.
 */
function latestCycles(cycleType: string, n: number): SQL {
  return sql`
    cyc as materialized (
      select c.id, c.code, c.name, c.end_date, c.grades, o.path as owner_path
      from performance_cycles c join org_units o on o.id = c.owner_unit_id
      where c.type = ${cycleType} and c.status = 'closed'
    ),
    uc as materialized (
      select u.id as unit_id, lc.id as cycle_id, lc.code, lc.name, lc.end_date, lc.grades
      from org_units u cross join lateral (
        select cyc.* from cyc where u.path like cyc.owner_path || '%' order by cyc.end_date desc, cyc.code desc limit ${n}
      ) lc
    )`;
}

/** The results of `people` in their units' latest cycles (after `latestCycles`). */
function lastResults(people: SQL): SQL {
  return sql`last as (
      select p.id as employee_id, uc.cycle_id, uc.code, uc.name, uc.end_date, uc.grades, r.id as result_id, r.achievement, r.score, r.grade
      from ${people} p join uc on uc.unit_id = p.unit_id
      left join performance_results r on r.cycle_id = uc.cycle_id and r.employee_id = p.id
    )`;
}

const cyclesJson = sql`jsonb_agg(jsonb_build_object('code', code, 'name', name, 'endDate', end_date, 'achievement', achievement, 'score', score, 'grade', grade) order by end_date, code)`;
const cyclesKey = sql`string_agg(code, ',' order by end_date, code)`;

/**
 * SQL yielding (employee_id, cycles jsonb, feedback jsonb, value numeric, key text) for every
 * employee the rule flags today. `employeeIds` limits it to those people (incremental runs).
 */
export function matchesSql(rule: EvaluableRule, today: string, employeeIds: readonly string[] | null): SQL {
  const where = scopeWhere(rule, today, employeeIds);
  const emp = sql`emp as materialized (select e.id, e.unit_id from employees e where ${where})`;
  const p = rule.params;
  switch (p.kind) {
    case 'consecutive_below': {
      // only people with a result below the threshold in one of those cycles can match: start there
      const rBelow =
        p.metric === 'grade'
          ? sql`array_position(c.grades, r.grade) > array_position(c.grades, ${String(p.threshold)}::text)`
          : sql`r.${sql.raw(p.metric)} < ${Number(p.threshold)}`;
      return sql`
        with ${latestCycles(p.cycleType, p.cycles)},
        below as materialized (
          select r.employee_id, r.cycle_id from performance_results r join performance_cycles c on c.id = r.cycle_id
          where r.cycle_id = any(array(select distinct cycle_id from uc)) and ${rBelow}${employeeIds ? sql` and r.employee_id = any(${pgArray(employeeIds, 'uuid')})` : sql``}
        ),
        -- below often enough to possibly match: the few looked up in employees, not everyone
        often as (select employee_id from below group by employee_id having count(*) >= ${p.cycles}),
        matched as materialized (
          -- below the threshold in every one of the unit's latest cycles: a missing result is no row here
          select e.id, e.unit_id
          from often o join employees e on e.id = o.employee_id join below b on b.employee_id = e.id join uc on uc.cycle_id = b.cycle_id and uc.unit_id = e.unit_id
          where ${where}
          group by e.id, e.unit_id having count(distinct b.cycle_id) = ${p.cycles}
        ),
        ${lastResults(sql`matched`)}
        select employee_id, ${cyclesJson} as cycles, '[]'::jsonb as feedback, null::numeric as value, ${cyclesKey} as key
        from last group by employee_id`;
    }
    case 'rolling_average_below': {
      const metric = sql.raw(p.metric);
      return sql`
        with ${emp}, ${latestCycles(p.cycleType, p.window)}, ${lastResults(sql`emp`)}
        select employee_id, ${cyclesJson} as cycles, '[]'::jsonb as feedback, round(avg(${metric}), 2) as value, ${cyclesKey} as key
        from last group by employee_id
        having count(*) = ${p.window} and count(${metric}) >= ${Math.ceil(p.window / 2)} and avg(${metric}) < ${p.threshold}`;
    }
    case 'grade_count':
      return sql`
        with ${emp}, ${latestCycles(p.cycleType, p.cycles)}, ${lastResults(sql`emp`)}
        select employee_id, ${cyclesJson} as cycles, '[]'::jsonb as feedback, count(*) filter (where grade = any(${pgArray(p.grades, 'text')}))::numeric as value, ${cyclesKey} as key
        from last group by employee_id
        having count(*) filter (where grade = any(${pgArray(p.grades, 'text')})) >= ${p.times}`;
    case 'negative_feedback':
      return sql`
        with ${emp}
        select emp.id as employee_id, '[]'::jsonb as cycles,
          jsonb_agg(jsonb_build_object('date', f.date, 'customer', f.customer, 'rating', f.rating, 'text', f.text) order by f.date, f.id) as feedback,
          count(*)::numeric as value, string_agg(f.id::text, ',' order by f.id) as key
        from emp join customer_feedback f on f.employee_id = emp.id and f.sentiment = 'negative' and f.date > ${today}::date - ${p.days}::int and f.date <= ${today}::date
        group by emp.id having count(*) >= ${p.count}`;
    default: {
      const never: never = p;
      throw new Error(`unknown rule kind ${JSON.stringify(never)}`);
    }
  }
}

/** The rule in words, for lists, evidence and notifications. */
export function describeRule(p: RuleParams): { 'zh-CN': string; 'en-US': string } {
  const cycleZh = { monthly: '月度', quarterly: '季度', half_yearly: '半年度', annual: '年度' } as const;
  const cycleEn = { monthly: 'monthly', quarterly: 'quarterly', half_yearly: 'half-yearly', annual: 'annual' } as const;
  const metricZh = { achievement: '达成率', score: '得分', grade: '等级' } as const;
  const metricEn = { achievement: 'achievement', score: 'score', grade: 'grade' } as const;
  const value = (metric: string, v: number | string) => (metric === 'achievement' ? `${v}%` : String(v));
  switch (p.kind) {
    case 'consecutive_below':
      return {
        'zh-CN': `连续 ${p.cycles} 个${cycleZh[p.cycleType]}周期${metricZh[p.metric]}低于 ${value(p.metric, p.threshold)}`,
        'en-US': `${metricEn[p.metric]} below ${value(p.metric, p.threshold)} in ${p.cycles} consecutive ${cycleEn[p.cycleType]} cycles`,
      };
    case 'rolling_average_below':
      return {
        'zh-CN': `最近 ${p.window} 个${cycleZh[p.cycleType]}周期平均${metricZh[p.metric]}低于 ${value(p.metric, p.threshold)}`,
        'en-US': `average ${metricEn[p.metric]} over the last ${p.window} ${cycleEn[p.cycleType]} cycles below ${value(p.metric, p.threshold)}`,
      };
    case 'grade_count':
      return {
        'zh-CN': `最近 ${p.cycles} 个${cycleZh[p.cycleType]}周期中至少 ${p.times} 次等级为 ${p.grades.join('/')}`,
        'en-US': `grade ${p.grades.join('/')} at least ${p.times} times in the last ${p.cycles} ${cycleEn[p.cycleType]} cycles`,
      };
    case 'negative_feedback':
      return { 'zh-CN': `${p.days} 天内至少 ${p.count} 条负面客户反馈`, 'en-US': `at least ${p.count} negative customer feedbacks within ${p.days} days` };
    default: {
      const never: never = p;
      throw new Error(`unknown rule kind ${JSON.stringify(never)}`);
    }
  }
}
