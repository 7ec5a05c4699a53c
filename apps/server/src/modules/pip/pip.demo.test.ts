import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pipStates } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoGroup: true, demoPerformance: false });
});
afterAll(() => t.close());

describe('demo plans', () => {
  it('the demo group has a plan in every state, the manager sees their team’s, the employee account has none', async () => {
    const rows = await queryRows<{ state: string }>(t.db.database.db, sql`select state from pip_plans order by state`);
    expect(rows.map((r) => r.state).sort()).toEqual([...pipStates].sort());
    const manager = await t.login('manager', 'Uplift#2026');
    const team = await manager.request('GET', '/api/pips?view=team');
    expect(team.statusCode).toBe(200);
    expect(team.json().total).toBeGreaterThan(0);
    const employee = await t.login('employee', 'Uplift#2026');
    expect((await employee.request('GET', '/api/pips?view=mine')).json().items).toEqual([]);
    const hr = await t.login('hr', 'Uplift#2026');
    const running = (await hr.request('GET', '/api/pips?state=in_progress')).json().items[0];
    const plan = await hr.request('GET', `/api/pips/${running.id}`);
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json()).toMatchObject({ goalsFinal: true, acknowledgments: [{ version: 1 }] });
  });

  it('the running demo plan has held meetings with rising progress, coming ones, and its mid-term evaluation open with the manager’s rating in', async () => {
    const hr = await t.login('hr', 'Uplift#2026');
    const running = (await hr.request('GET', '/api/pips?state=in_progress')).json().items[0];
    const meetings = (await hr.request('GET', `/api/pips/${running.id}/checkins`)).json().items as { status: string; progress: { percent: number }[]; employeeConfirmedAt: string | null }[];
    const held = meetings.filter((m) => m.status === 'held');
    expect(held.length).toBeGreaterThan(1);
    expect(meetings.some((m) => m.status === 'scheduled')).toBe(true);
    expect(held[1]!.progress[0]!.percent).toBeGreaterThan(held[0]!.progress[0]!.percent);
    expect(held.at(-1)!.employeeConfirmedAt).toBeNull();
    const evs = (await hr.request('GET', `/api/pips/${running.id}/evaluations`)).json().items as { pointKey: string; status: string; missing: string[] }[];
    expect(evs.map((e) => [e.pointKey, e.status, e.missing])).toEqual([
      ['mid', 'open', ['self', 'hrbp']],
      ['final', 'scheduled', []],
    ]);
    const closed = (await hr.request('GET', '/api/pips?state=closed')).json().items[0];
    expect(((await hr.request('GET', `/api/pips/${closed.id}/evaluations`)).json().items as { status: string }[]).map((e) => e.status)).toEqual(['completed', 'completed']);
    // the plan not passed is in its follow-up: the outcome received, a training arranged
    const followUp = (await hr.request('GET', '/api/pips?state=follow_up')).json().items[0];
    const fv = (await hr.request('GET', `/api/pips/${followUp.id}/outcomes`)).json();
    expect(fv.outcomes[0]).toMatchObject({ outcome: 'not_passed', status: 'confirmed', acknowledgment: { refused: false } });
    expect(fv.trainings).toHaveLength(1);
    // the demo manager is asked to record nothing twice: every past meeting has its minutes
    const manager = await t.login('manager', 'Uplift#2026');
    const kinds = ((await manager.request('GET', '/api/pips/todos')).json().items as { kind: string; planId: string }[]).filter((x) => x.planId === running.id).map((x) => x.kind);
    expect(kinds).not.toContain('record_minutes');
  });
});
