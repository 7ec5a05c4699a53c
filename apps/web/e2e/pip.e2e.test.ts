import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { apiSignIn, byTestId, pageWidth, screenshotOnFailure, shot, serverAndBrowser, openSignedIn } from './support.ts';

const PASSWORD = 'Uplift#2026';
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

type Plan = { id: string; state: string; approvals: { id: string; status: string; approver: { id: string } }[] };

/**
 * An improvement plan, in Chinese, all on a phone: the demo manager starts a plan for their report
 * `employee`, sees the approval chain resolved to people, submits and approves their own step;
 * the rest of the chain approves (delegated by group HR to the demo HRBP where a node has no
 * account); the manager sets the goal and finalises it; the employee reads exactly the hashed
 * content on the plan page and acknowledges it: the plan is in progress. No page scrolls sideways.
 */
describe('improvement plan', () => {
  const env = serverAndBrowser();

  async function signedIn(username: string): Promise<Page> {
    return openSignedIn(env.browser, env.server.url, { username, password: PASSWORD }, phone);
  }

  it('initiate → approve → acknowledge', async () => {
    const url = env.server.url;
    const employeeApi = await apiSignIn(url, 'employee', PASSWORD);
    const me = await employeeApi.get<{ user: { employeeId: string; displayName: string } }>('/api/auth/me');
    const employeeName = me.user.displayName;

    // the manager starts the plan on a phone
    const manager = await signedIn('manager');
    screenshotOnFailure(manager, 'pip-manager');
    await manager.goto(`${url}/pips`);
    await byTestId(manager, 'pip-initiate').click();
    await byTestId(manager, 'initiate-employee').click();
    await manager.keyboard.type(employeeName);
    await manager.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: employeeName }).first().click();
    await byTestId(manager, 'initiate-reason').fill('连续绩效未达标');
    await byTestId(manager, 'initiate-submit').click();
    await manager.waitForURL(/\/pips\/[0-9a-f-]{36}$/);
    const id = manager.url().split('/').pop()!;
    await expect.poll(() => byTestId(manager, 'pip-page').getAttribute('data-state')).toBe('draft');
    expect(await byTestId(manager, 'chain-node').count()).toBeGreaterThan(0);
    expect(await pageWidth(manager)).toBeLessThanOrEqual(375);
    await shot(manager, 'pip-draft');

    // submit, and approve the manager's own step
    await byTestId(manager, 'action-submit').click();
    await expect.poll(() => byTestId(manager, 'pip-page').getAttribute('data-state')).toBe('pending_approval');
    await byTestId(manager, 'action-approve').click();
    await byTestId(manager, 'action-text').fill('同意，请按计划推进');
    await byTestId(manager, 'action-confirm').click();
    await expect.poll(() => byTestId(manager, 'chain-step').first().getAttribute('data-status')).toBe('approved');

    // the rest of the chain: each step approved by its person, or delegated by group HR to the demo HRBP
    const hr = await apiSignIn(url, 'hr', PASSWORD);
    const hrbp = await apiSignIn(url, 'hrbp', PASSWORD);
    const hrbpId = (await hrbp.get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
    for (let i = 0; i < 6; i++) {
      const plan = await hr.get<Plan>(`/api/pips/${id}`);
      if (plan.state !== 'pending_approval') break;
      const step = plan.approvals.find((s) => s.status === 'pending')!;
      if (step.approver.id !== hrbpId) await hr.post(`/api/pips/${id}/approvals/${step.id}/delegate`, { delegateId: hrbpId });
      await hrbp.post(`/api/pips/${id}/actions/approve`, { comment: '同意' });
    }
    await manager.reload();
    await expect.poll(() => byTestId(manager, 'pip-page').getAttribute('data-state')).toBe('goal_setting');

    // the manager sets one goal (100%) and finalises it
    await byTestId(manager, 'goals-edit').click();
    await byTestId(manager, 'goal-0-title').fill('季度销售额达成 90%');
    await byTestId(manager, 'goal-0-metric').fill('销售额达成率');
    await byTestId(manager, 'goal-0-target').fill('90');
    await byTestId(manager, 'goal-0-due').fill('2099-12-31');
    await manager.locator('[data-testid="goals-editor"] textarea').first().fill('每周一次一对一辅导');
    await byTestId(manager, 'goals-finalise').click();
    await expect.poll(() => byTestId(manager, 'goals-list').isVisible()).toBe(true);
    expect(await pageWidth(manager)).toBeLessThanOrEqual(375);

    // the employee, on a phone, finds it waiting and acknowledges exactly what is shown
    const employee = await signedIn('employee');
    screenshotOnFailure(employee, 'pip-employee');
    await employee.goto(`${url}/pips`);
    await employee.waitForURL('**/pips**');
    await expect.poll(() => byTestId(employee, 'pip-todo').first().getAttribute('data-kind')).toBe('acknowledge');
    expect(await pageWidth(employee)).toBeLessThanOrEqual(375);
    await byTestId(employee, 'pip-todo').first().click();
    await employee.waitForURL(`**/pips/${id}`);
    await expect.poll(() => byTestId(employee, 'ack-text').textContent()).toContain('季度销售额达成 90%');
    const hash = await byTestId(employee, 'ack-hash').textContent();
    expect(hash).toMatch(/[0-9a-f]{64}/);
    expect(await pageWidth(employee)).toBeLessThanOrEqual(375);
    await byTestId(employee, 'ack-read').click();
    await byTestId(employee, 'ack-submit').click();
    await expect.poll(() => byTestId(employee, 'pip-page').getAttribute('data-state')).toBe('in_progress');
    await expect.poll(() => byTestId(employee, 'ack-history').textContent()).toContain('已签收');
    await shot(employee, 'pip-acknowledged');
    const plan = await hr.get<Plan & { acknowledgments: { contentSha256: string }[] }>(`/api/pips/${id}`);
    expect(hash).toContain(plan.acknowledgments[0]!.contentSha256);
  });
});
