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
});
