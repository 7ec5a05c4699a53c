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

describe('the demo PIP policy and template', () => {
  it('the group policy is in force, with its adoption evidence; the employee is asked to read and confirm it', async () => {
    const employee = await t.login('employee', DEMO_ADMIN_PASSWORD);
    const mine = (await employee.request('GET', '/api/my/policies')).json().items as { id: string; title: string; acknowledgment: unknown; contentSha256: string }[];
    expect(mine).toHaveLength(1);
    expect(mine[0]!.title).toContain('绩效改进计划');
    expect(mine[0]!.acknowledgment).toBeNull();
    const inbox = (await employee.request('GET', '/api/notifications')).json().items as { kind: string }[];
    expect(inbox.some((n) => n.kind === 'policy.published')).toBe(true);
    const hr = await t.login('hr', DEMO_ADMIN_PASSWORD);
    const v = (await hr.request('GET', `/api/policy-versions/${mine[0]!.id}`)).json();
    expect(v).toMatchObject({ state: 'in_force', version: 1 });
    expect(v.adoption.procedure).toBe('workers_congress');
    expect(v.adoption.attachments).toHaveLength(1);
    // confirming what was shown is recorded against the hash of that content
    const confirm = await employee.request('POST', `/api/policy-versions/${mine[0]!.id}/confirm`, { contentSha256: mine[0]!.contentSha256 });
    expect(confirm.statusCode, confirm.body).toBe(200);
  });

  it('the default group template sits inside the policy', async () => {
    const hr = await t.login('hr', DEMO_ADMIN_PASSWORD);
    const g = (await hr.request('GET', '/api/templates/group')).json();
    expect(g.template.name).toBe('集团标准改进计划模板');
    expect(g.policy.version).toBe(1);
  });
});
