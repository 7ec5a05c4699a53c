import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { JOB } from '../../jobs/definitions.ts';
import { buildPipFixture, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { createTestApp, eventually, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let f: PipFixture;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  f = await buildPipFixture(t);
  await f.at('2026-09-01T01:00:00.000Z');
});
afterAll(() => t.close());

const one = async (planId: string) => (await queryRows<{ id: string; status: string; escalated_at: Date | null }>(t.db.database.db, sql`select id, status, escalated_at from pip_evaluations where plan_id = ${planId} and point_key = 'mid'`))[0]!;
const keys = async (prefix: string) => (await queryRows<{ dedupe_key: string }>(t.db.database.db, sql`select distinct dedupe_key from notifications where dedupe_key like ${`${prefix}%`} order by 1`)).map((r) => r.dedupe_key);
/** Runs the tick job through pg-boss twice and waits until both runs are done. */
async function tickTwice() {
  for (let i = 0; i < 2; i++) {
    await t.jobs!.send(JOB.tick);
    await eventually(async () => (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from pgboss.job where name = ${JOB.tick} and state in ('created', 'retry', 'active')`))[0]!.n === 0);
  }
}

describe('evaluations on the tick job (pg-boss)', () => {
  it('pushes on the business date and, after a clock jump past the escalation day, reminds once that day and escalates once, across reruns', async () => {
    const p = await runningPlanBetween(t, f, '2026-09-03', '2026-10-31');
    await tickTwice();
    expect((await one(p.id)).status).toBe('scheduled');
    await f.at('2026-10-08T01:00:00.000Z');
    await tickTwice();
    const ev = await one(p.id);
    expect(ev.status).toBe('open');
    expect(await keys(`evaluation-open:${ev.id}:`)).toEqual([`evaluation-open:${ev.id}:hrbp`, `evaluation-open:${ev.id}:manager`, `evaluation-open:${ev.id}:self`]);
    await f.at('2026-11-02T01:00:00.000Z');
    await tickTwice();
    expect(await keys(`evaluation-overdue:${ev.id}:`)).toEqual([`evaluation-overdue:${ev.id}:2026-11-02`]);
    expect(await keys(`evaluation-escalated:${ev.id}`)).toEqual([`evaluation-escalated:${ev.id}`]);
    expect((await one(p.id)).escalated_at).not.toBeNull();
  });
});
