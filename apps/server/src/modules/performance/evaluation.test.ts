import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { RuleParams } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { orgUnits, pipCandidates, triggerRules } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';

// Incremental evaluation (the people a batch touched) and the full nightly run must agree: on a
// generated demo group (about 2,000 people) with four closed quarters, an open one, and feedback.

let t: TestApp;
const ctx = { actorId: null, actorLabel: 'test', requestId: null };

const kinds: RuleParams[] = [
  { kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 80, cycles: 2 },
  { kind: 'consecutive_below', cycleType: 'quarterly', metric: 'grade', threshold: 'B', cycles: 2 },
  { kind: 'rolling_average_below', cycleType: 'quarterly', metric: 'score', threshold: 70, window: 3 },
  { kind: 'negative_feedback', count: 2, days: 60 },
  { kind: 'grade_count', cycleType: 'quarterly', grades: ['C', 'D'], times: 2, cycles: 4 },
];

async function candidateSet(): Promise<string[]> {
  const rows = await queryRows<{ k: string }>(t.db.database.db, sql`select rule_id || ':' || employee_id || ':' || evidence_key as k from pip_candidates where status = 'open' order by 1`);
  return rows.map((r) => r.k);
}

async function everyoneInBatches(size: number) {
  const ids = (await queryRows<{ id: string }>(t.db.database.db, sql`select id from employees order by employee_no`)).map((r) => r.id);
  for (let i = 0; i < ids.length; i += size) await t.services.candidates.evaluate({ employeeIds: ids.slice(i, i + size), ctx });
  return ids;
}

beforeAll(async () => {
  t = await createTestApp({ demoGroup: true });
  const db = t.db.database.db;
  const [root] = await db.select().from(orgUnits).where(sql`${orgUnits.parentId} is null`);
  const now = t.clock.now();
  await db.execute(sql`
    insert into performance_cycles (code, name, type, owner_unit_id, start_date, end_date, status, grades, closed_at, created_at)
    select 'G' || q, '2025 Q' || q, 'quarterly', ${root!.id}, make_date(2025, q * 3 - 2, 1), (make_date(2025, q * 3, 1) + interval '1 month - 1 day')::date,
      case when q <= 4 then 'closed' else 'open' end, array['S','A','B','C','D'], case when q <= 4 then ${now}::timestamptz end, ${now}
    from generate_series(1, 4) q`);
  await db.execute(sql`
    insert into performance_cycles (code, name, type, owner_unit_id, start_date, end_date, status, grades, created_at)
    values ('G5', '2026 Q1', 'quarterly', ${root!.id}, '2026-01-01', '2026-03-31', 'open', array['S','A','B','C','D'], ${now})`);
  // most steady, some sliding, a few missing results
  await db.execute(sql`
    insert into performance_results (cycle_id, employee_id, score, achievement, grade, source, unit_id, created_at, updated_at)
    select c.id, e.id, v.a * 0.9, v.a, case when v.a >= 110 then 'S' when v.a >= 95 then 'A' when v.a >= 80 then 'B' when v.a >= 65 then 'C' else 'D' end,
      'import', e.unit_id, ${now}, ${now}
    from employees e cross join performance_cycles c
    cross join lateral (select (55 + abs(hashtext(e.employee_no || c.code)) % 70)::numeric as a) v
    where abs(hashtext(c.code || e.employee_no)) % 17 <> 0`);
  await db.execute(sql`
    insert into customer_feedback (employee_id, date, customer, channel, rating, sentiment, text, source, created_at)
    select e.id, ${t.clock.now().toISOString().slice(0, 10)}::date - (n * 17 + abs(hashtext(e.employee_no)) % 11), '客户' || n, '电话', 1 + (n + abs(hashtext(e.employee_no))) % 3,
      case when (n + abs(hashtext(e.employee_no))) % 3 = 2 then 'neutral' else 'negative' end, '反馈' || n, 'import', ${now}
    from employees e cross join generate_series(1, 3) n
    where abs(hashtext(e.employee_no)) % 6 = 0`);
  for (const params of kinds) {
    await db.insert(triggerRules).values({ ownerUnitId: root!.id, name: params.kind, kind: params.kind, cycleType: 'cycleType' in params ? params.cycleType : null, params, scope: { unitIds: [], positions: [], grades: [], minTenureDays: 0, excludeStatuses: ['probation', 'left'] }, enabled: true, version: 1, createdAt: now, updatedAt: now });
  }
}, 120_000);
afterAll(() => t.close());

describe('incremental and full evaluation', () => {
  it('raise identical candidates for every rule kind', async () => {
    const people = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from employees`);
    expect(people[0]!.n).toBeGreaterThanOrEqual(1000);
    await t.services.candidates.evaluate({ ctx });
    const full = await candidateSet();
    // every kind flags someone, and not everyone
    const rules = await t.db.database.db.select().from(triggerRules);
    for (const r of rules) {
      const n = full.filter((k) => k.startsWith(`${r.id}:`)).length;
      expect(n, r.kind).toBeGreaterThan(0);
      expect(n, r.kind).toBeLessThan(people[0]!.n / 2);
    }

    await t.db.database.db.delete(pipCandidates);
    await everyoneInBatches(97);
    expect(await candidateSet()).toEqual(full);
    // a batch touching more people than a statement may have parameters (65,535): one array parameter
    const many = [...(await queryRows<{ id: string }>(t.db.database.db, sql`select id from employees`)).map((r) => r.id), ...Array.from({ length: 70_000 }, () => randomUUID())];
    await t.services.candidates.evaluate({ employeeIds: many, ctx });
    expect(await candidateSet()).toEqual(full);
  }, 120_000);

  it('agree again after corrections evaluated only for the people they touched', async () => {
    const db = t.db.database.db;
    // a batch of corrections: some people recover in the last quarter, some slide
    const touched = await queryRows<{ employee_id: string }>(db, sql`
      update performance_results r set achievement = case when r.achievement < 80 then 99 else 60 end, score = case when r.achievement < 80 then 95 else 50 end,
        grade = case when r.achievement < 80 then 'A' else 'D' end, version = version + 1
      from performance_cycles c, employees e
      where c.id = r.cycle_id and c.code = 'G4' and e.id = r.employee_id and abs(hashtext(e.employee_no)) % 9 = 0
      returning r.employee_id`);
    expect(touched.length).toBeGreaterThan(50);
    await t.services.candidates.evaluate({ employeeIds: touched.map((r) => r.employee_id), ctx });
    const incremental = await candidateSet();
    const closed = await db.select().from(pipCandidates).where(eq(pipCandidates.closedReason, 'no_longer_matching'));
    expect(closed.length).toBeGreaterThan(0);

    await db.delete(pipCandidates);
    await t.services.candidates.evaluate({ ctx });
    expect(await candidateSet()).toEqual(incremental);
  }, 120_000);
});
