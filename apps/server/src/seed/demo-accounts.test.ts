import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_ADMIN_PASSWORD, DEMO_LOGINS } from './first-start.ts';

// First start with demo data: every documented demo sign-in works and sees as far as its role.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoGroup: true });
});
afterAll(async () => {
  await t.close();
});

async function peopleTotal(username: string) {
  const c = await t.login(username, DEMO_ADMIN_PASSWORD);
  const res = await c.request('GET', '/api/people?limit=1');
  expect(res.statusCode).toBe(200);
  return { total: res.json().total as number, me: (await c.request('GET', '/api/auth/me')).json().user };
}

describe('demo sign-ins', () => {
  it('shows the executive head counts of the whole group', async () => {
    const exec = await t.login('exec', DEMO_ADMIN_PASSWORD);
    const tree = (await exec.request('GET', '/api/org/tree')).json().items as { type: string; subtreeHeadcount: number | null }[];
    expect(tree.find((n) => n.type === 'group')!.subtreeHeadcount).toBeGreaterThan(1900);
  });

  it('each documented account signs in with the demo password', async () => {
    for (const [name] of DEMO_LOGINS) {
      const res = await t.anonymous.request('POST', '/api/auth/login', { username: name, password: DEMO_ADMIN_PASSWORD });
      expect(res.statusCode, name).toBe(200);
    }
  });

  it('scopes narrow from group HR to the subsidiary, the HRBP unit, the manager, the employee', async () => {
    const hr = await peopleTotal('hr');
    const hrhead = await peopleTotal('hrhead');
    const hrbp = await peopleTotal('hrbp');
    const manager = await peopleTotal('manager');
    const employee = await peopleTotal('employee');
    const auditor = await peopleTotal('auditor');
    const admin = await peopleTotal('admin');
    const exec = await peopleTotal('exec');
    expect(hr.total).toBeGreaterThanOrEqual(1900);
    expect(auditor.total).toBe(hr.total);
    expect(hrhead.total).toBeLessThan(hr.total);
    expect(hrhead.total).toBeGreaterThan(hrbp.total);
    expect(hrbp.total).toBeGreaterThan(manager.total);
    expect(manager.total).toBeGreaterThan(2);
    expect(manager.me.isManager).toBe(true);
    expect(employee.total).toBe(1);
    expect(employee.me.employeeId).toBeTruthy();
    expect(admin.total).toBe(0);
    // an executive sees aggregates, not records: only their own
    expect(exec.total).toBe(1);
    expect(exec.me.isManager).toBe(false);
    expect(hr.me.roles).toContain('group_hr');
  });
});
