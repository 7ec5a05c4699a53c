import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { apiSignIn, byTestId, openSignedIn, pageWidth, screenshotOnFailure, serverAndBrowser, shot, type ApiSession } from './support.ts';

const PASSWORD = 'Uplift#2026';
// the business time zone, so the times shown are the ones the server schedules
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai' };

type Plan = { id: string; state: string; goals: { id: string }[]; approvals: { id: string; status: string; approver: { id: string } }[] };
type Checkin = { id: string; origin: string; status: string; scheduledOn: string; employeeConfirmedAt: string | null; progress: { goalId: string; percent: number }[] };

/** A date `days` from `today` (YYYY-MM-DD). */
function shift(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Through the API: the demo manager starts a plan for `employee` that began 40 days ago (so its
 * mid-term evaluation is due), the chain approves, two goals are set and the employee
 * acknowledges: the plan is in progress.
 */
async function runningPlan(url: string): Promise<{ id: string; today: string; manager: ApiSession; employee: ApiSession; hr: ApiSession; hrbp: ApiSession }> {
  const [manager, employee, hr, hrbp] = await Promise.all(['manager', 'employee', 'hr', 'hrbp'].map((u) => apiSignIn(url, u, PASSWORD)));
  const { today } = await manager!.get<{ today: string }>('/api/meta');
  const employeeId = (await employee!.get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
  const hrbpId = (await hrbp!.get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
  const { id } = await manager!.post<{ id: string }>('/api/pips', { employeeId, problemType: 'performance', manualReason: '连续绩效未达标', plannedStart: shift(today, -40), plannedEnd: shift(today, 20) });
  await manager!.post(`/api/pips/${id}/actions/submit`, {});
  for (let i = 0; i < 8; i++) {
    const plan = await hr!.get<Plan>(`/api/pips/${id}`);
    if (plan.state !== 'pending_approval') break;
    const step = plan.approvals.find((s) => s.status === 'pending')!;
    const mgrId = (await manager!.get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
    if (step.approver.id === mgrId) {
      await manager!.post(`/api/pips/${id}/actions/approve`, { comment: '同意' });
      continue;
    }
    if (step.approver.id !== hrbpId) await hr!.post(`/api/pips/${id}/approvals/${step.id}/delegate`, { delegateId: hrbpId });
    await hrbp!.post(`/api/pips/${id}/actions/approve`, { comment: '同意' });
  }
  const goal = (title: string, weight: number) => ({ title, description: '', metric: title, baseline: '60', target: '90', unit: '%', weight, dueDate: shift(today, 15), support: '每周辅导' });
  await manager!.put(`/api/pips/${id}/goals`, { goals: [goal('季度销售额达成 90%', 60), goal('客户拜访质量', 40)], finalise: true });
  const ack = await employee!.get<{ version: number; sha256: string }>(`/api/pips/${id}/acknowledgment`);
  await employee!.post(`/api/pips/${id}/acknowledge`, { version: ack.version, sha256: ack.sha256, channel: 'web' });
  const plan = await hr!.get<Plan>(`/api/pips/${id}`);
  expect(plan.state).toBe('in_progress');
  return { id, today, manager: manager!, employee: employee!, hr: hr!, hrbp: hrbp! };
}

/**
 * Check-ins on a phone, in Chinese: the manager holds an ad hoc 1:1 now, records the minutes with
 * progress for each goal and attaches a file (its SHA-256 shown); the employee follows the to-do
 * to that meeting, comments and confirms (the attendance record); the progress curve draws; the
 * HRBP finds a meeting whose minutes are overdue. No page scrolls sideways.
 */
describe('check-ins and evaluations', () => {
  const env = serverAndBrowser();
  let arranged: Awaited<ReturnType<typeof runningPlan>> | null = null;
  const plan = async () => (arranged ??= await runningPlan(env.server.url));

  async function signedIn(username: string): Promise<Page> {
    return openSignedIn(env.browser, env.server.url, { username, password: PASSWORD }, phone);
  }

  it('ad hoc 1:1 → minutes with progress → the employee comments and confirms', async () => {
    const url = env.server.url;
    const { id, today, manager: managerApi } = await plan();
    // a meeting held three weeks ago whose minutes nobody wrote: overdue
    await managerApi.post(`/api/pips/${id}/checkins`, { kind: 'one_on_one', date: shift(today, -21), time: '10:00' });

    const manager = await signedIn('manager');
    screenshotOnFailure(manager, 'checkins-manager');
    await manager.goto(`${url}/pips/${id}`);
    await expect.poll(() => byTestId(manager, 'checkin').count()).toBeGreaterThan(0);
    expect(await byTestId(manager, 'checkin-overdue').count()).toBeGreaterThan(0);
    await expect.poll(() => byTestId(manager, 'progress-empty').isVisible()).toBe(true);

    // an ad hoc 1:1, now
    await byTestId(manager, 'checkin-add').click();
    await byTestId(manager, 'checkin-add-ok').click();
    let adHoc: Checkin | undefined;
    await expect
      .poll(async () => {
        const list = await managerApi.get<{ items: Checkin[] }>(`/api/pips/${id}/checkins`);
        adHoc = list.items.find((c) => c.origin === 'ad_hoc' && c.scheduledOn === today);
        return adHoc !== undefined;
      })
      .toBe(true);
    const row = manager.locator(`[data-testid="checkin"][data-id="${adHoc!.id}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('scheduled');

    // the minutes, with progress for each goal
    await row.locator('[data-testid="checkin-record"]').click();
    await row.locator('[data-testid="minutes-text"]').fill('回顾了本周销售数据，约定下周完成三次客户拜访。');
    await row.locator('[data-testid="progress-0-percent"]').fill('40');
    await row.locator('[data-testid="progress-0-comment"]').fill('达成率回升到 72%');
    await row.locator('[data-testid="progress-1-percent"]').fill('25');
    expect(await pageWidth(manager)).toBeLessThanOrEqual(375);
    await row.locator('[data-testid="minutes-save"]').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('held');
    await expect.poll(() => row.locator('[data-testid="checkin-progress"]').count()).toBe(2);

    // an attachment, with its SHA-256
    await row.locator('[data-testid="checkin-files"] input[type="file"]').setInputFiles({ name: '面谈签到.txt', mimeType: 'text/plain', buffer: Buffer.from('面谈签到表：员工、直属上级') });
    await expect.poll(() => row.locator('[data-testid="checkin-file-sha"]').textContent()).toMatch(/[0-9a-f]{64}/);

    // the progress curve draws
    await expect.poll(() => manager.locator('[data-testid="progress-chart"] canvas').count()).toBeGreaterThan(0);
    expect(await pageWidth(manager)).toBeLessThanOrEqual(375);
    await shot(manager, 'checkins-minutes');
    const held = (await managerApi.get<{ items: Checkin[] }>(`/api/pips/${id}/checkins`)).items.find((c) => c.id === adHoc!.id)!;
    expect(held.progress.map((p) => p.percent).sort()).toEqual([25, 40]);

    // the employee follows the to-do to the meeting, comments and confirms
    const employee = await signedIn('employee');
    screenshotOnFailure(employee, 'checkins-employee');
    await employee.goto(`${url}/pips`);
    await expect.poll(() => byTestId(employee, 'upcoming-checkins').isVisible()).toBe(true);
    expect(await pageWidth(employee)).toBeLessThanOrEqual(375);
    await employee.goto(`${url}/pips/${id}#checkin-${adHoc!.id}`); // PRE-MERGE
    await employee.waitForURL(`**/pips/${id}#checkin-${adHoc!.id}`);
    const mine = employee.locator(`[data-testid="checkin"][data-id="${adHoc!.id}"]`);
    await expect.poll(() => mine.locator('[data-testid="checkin-minutes"]').textContent()).toContain('约定下周完成三次客户拜访');
    await expect.poll(() => mine.locator('[data-testid="checkin-file"]').count()).toBe(1);
    expect(await mine.locator('[data-testid="checkin-record"]').count()).toBe(0);
    await mine.locator('[data-testid="checkin-comment-body"]').fill('同意纪要，拜访计划需要主管协助约客户。');
    await mine.locator('[data-testid="checkin-comment-send"]').click();
    await expect.poll(() => mine.locator('[data-testid="checkin-comment"]').count()).toBe(1);
    await mine.locator('[data-testid="checkin-confirm"]').click();
    await expect.poll(() => mine.getAttribute('data-confirmed')).toBe('true');
    await expect.poll(() => employee.locator('[data-testid="progress-chart"] canvas').count()).toBeGreaterThan(0);
    expect(await pageWidth(employee)).toBeLessThanOrEqual(375);
    await shot(employee, 'checkins-confirmed');

    // the HRBP's overdue view lists the meeting without minutes and opens the plan at it
    const hrbp = await signedIn('hrbp');
    screenshotOnFailure(hrbp, 'checkins-hrbp');
    await hrbp.goto(`${url}/pips?view=overdue`);
    const overdue = hrbp.locator('[data-testid="overdue-checkin"]');
    await expect.poll(() => overdue.count()).toBeGreaterThan(0);
    expect(await pageWidth(hrbp)).toBeLessThanOrEqual(375);
    await shot(hrbp, 'checkins-overdue');
    await overdue.first().click();
    await hrbp.waitForURL(`**/pips/${id}#checkin-*`);
    await expect.poll(() => byTestId(hrbp, 'checkins-card').isVisible()).toBe(true);
  });
});
