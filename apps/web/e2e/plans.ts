import { expect } from 'vitest';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { apiSignIn, type ApiSession } from './support.ts';

/** The demo accounts' password. */
export const PASSWORD = 'Uplift#2026';
/** A phone in the business time zone, so the times shown are the ones the server schedules. */
export const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai' };

export type Plan = { id: string; state: string; plannedEnd: string; goals: { id: string; title: string }[]; approvals: { id: string; status: string; approver: { id: string } }[] };

/** A date `days` from `today` (YYYY-MM-DD). */
export function shift(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type RunningPlan = { id: string; today: string; manager: ApiSession; employee: ApiSession; hr: ApiSession; hrbp: ApiSession };

/**
 * Through the API: the demo manager starts a plan for `employee` from `from` to `to` days from
 * the business date (in the past is fine: its evaluation points fall due at once), the chain
 * approves (delegated by group HR to the demo HRBP where a node has no account), two goals are set
 * and the employee acknowledges: the plan is in progress.
 */
export async function runningPlan(url: string, days: { from: number; to: number }): Promise<RunningPlan> {
  const [manager, employee, hr, hrbp] = await Promise.all(['manager', 'employee', 'hr', 'hrbp'].map((u) => apiSignIn(url, u, PASSWORD)));
  const { today } = await manager!.get<{ today: string }>('/api/meta');
  const idOf = async (s: ApiSession) => (await s.get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
  const [employeeId, hrbpId, managerId] = await Promise.all([idOf(employee!), idOf(hrbp!), idOf(manager!)]);
  const { id } = await manager!.post<{ id: string }>('/api/pips', { employeeId, problemType: 'performance', manualReason: '连续绩效未达标', plannedStart: shift(today, days.from), plannedEnd: shift(today, days.to) });
  await manager!.post(`/api/pips/${id}/actions/submit`, {});
  for (let i = 0; i < 8; i++) {
    const plan = await hr!.get<Plan>(`/api/pips/${id}`);
    if (plan.state !== 'pending_approval') break;
    const step = plan.approvals.find((s) => s.status === 'pending')!;
    if (step.approver.id === managerId) {
      await manager!.post(`/api/pips/${id}/actions/approve`, { comment: '同意' });
      continue;
    }
    if (step.approver.id !== hrbpId) await hr!.post(`/api/pips/${id}/approvals/${step.id}/delegate`, { delegateId: hrbpId });
    await hrbp!.post(`/api/pips/${id}/actions/approve`, { comment: '同意' });
  }
  const due = shift(today, days.to - 5);
  const goal = (title: string, weight: number) => ({ title, description: '', metric: title, baseline: '60', target: '90', unit: '%', weight, dueDate: due, support: '每周辅导' });
  await manager!.put(`/api/pips/${id}/goals`, { goals: [goal('季度销售额达成 90%', 60), goal('客户拜访质量', 40)], finalise: true });
  const ack = await employee!.get<{ version: number; sha256: string }>(`/api/pips/${id}/acknowledgment`);
  await employee!.post(`/api/pips/${id}/acknowledge`, { version: ack.version, sha256: ack.sha256, channel: 'web' });
  const plan = await hr!.get<Plan>(`/api/pips/${id}`);
  expect(plan.state).toBe('in_progress');
  return { id, today, manager: manager!, employee: employee!, hr: hr!, hrbp: hrbp! };
}

/** True when the top of `el` is on the screen: the page scrolled to what the link pointed at. */
export function onScreen(el: Locator): Promise<boolean> {
  return el.evaluate((node) => {
    const top = node.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight;
  });
}

/** Picks `option` in the antd Select marked `testId` (its dropdown renders at the end of the body) and waits for it to close. */
export async function choose(page: Page, scope: Locator, testId: string, option: string): Promise<void> {
  await scope.locator(`[data-testid="${testId}"]`).click();
  const escaped = option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await open.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${escaped}$`) }).first().click();
  // the next select's dropdown must not be confused with this one while it closes
  await expect.poll(() => open.count()).toBe(0);
}
