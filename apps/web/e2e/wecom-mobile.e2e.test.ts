import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSWORD, phone, runningPlan, shift, type Plan, type RunningPlan } from './plans.ts';
import { apiSignIn, byTestId, openInWecom, pageWidth, screenshotOnFailure, serverAndBrowser, shot, type ApiSession } from './support.ts';

type Checkin = { id: string; origin: string; status: string; scheduledOn: string };
type Upcoming = { items: { id: string; planId: string; role: string }[] };
type PlanPage = { items: { id: string; state: string; manager: { id: string } | null }[] };

/**
 * The WeCom workbench (/m) and the plan page's deep links, on a phone inside WeCom, each person
 * signed in through the simulator's OAuth: the employee sees their plan, next meeting and what
 * waits on them; the manager starts an ad hoc 1:1 from their team's plan; the HRBP sees the
 * approvals and overdue minutes and approves from the list; a WeCom card's
 * `/pips/:id?decide=reject` opens the manager's reject dialog. No page scrolls sideways.
 */
describe('the WeCom workbench on a phone', () => {
  const env = serverAndBrowser();
  let arranged: RunningPlan | null = null;
  // began ten days ago on a weekly cadence: a meeting is always within the coming week
  const plan = async () => (arranged ??= await runningPlan(env.server.url, { from: -10, to: 50 }));

  /** `username`'s phone in WeCom, opened on `path` (signed in through OAuth on the way). */
  async function openAs(username: string, path: string): Promise<Page> {
    const page = await openInWecom(env.browser, env.server.url, await apiSignIn(env.server.url, username, PASSWORD), { timezoneId: phone.timezoneId });
    screenshotOnFailure(page, `wecom-mobile-${username}`);
    await page.goto(`${env.server.url}${path}`);
    return page;
  }

  /** The section `m-<id>` once its query has answered. */
  async function loaded(page: Page, id: string) {
    const section = byTestId(page, `m-${id}`);
    await expect.poll(() => section.getAttribute('data-state')).toMatch(/^(ready|empty)$/);
    return section;
  }

  it('the employee sees their plan, its next check-in and the minutes waiting for them', async () => {
    const { id, manager, employee } = await plan();
    // minutes of a 1:1 just held: the employee's to-do is to confirm them
    const { id: held } = await manager.post<{ id: string }>(`/api/pips/${id}/checkins`, { kind: 'one_on_one' });
    await manager.put(`/api/checkins/${held}/minutes`, { minutes: '回顾了本周进展。', progress: [] });
    const next = (await employee.get<Upcoming>('/api/checkins/upcoming?days=14')).items.find((c) => c.planId === id && c.role === 'employee');
    expect(next).toBeDefined();

    const page = await openAs('employee', '/m');
    await byTestId(page, 'workbench').waitFor();
    expect(new URL(page.url()).pathname).toBe('/m');
    const mine = await loaded(page, 'mine');
    await expect.poll(() => mine.locator(`[data-testid="pip-row"][data-id="${id}"]`).getAttribute('data-state')).toBe('in_progress');
    await expect.poll(() => mine.locator('[data-testid="m-next-checkin"]').getAttribute('data-id')).toBe(next!.id);
    const todos = await loaded(page, 'todos');
    const confirm = todos.locator(`[data-testid="pip-todo"][data-kind="confirm_minutes"][data-plan="${id}"]`);
    await expect.poll(() => confirm.getAttribute('href')).toBe(`/pips/${id}#checkin-${held}`);
    await expect.poll(() => byTestId(page, 'm-upcoming').locator(`[data-testid="upcoming-checkin"][data-id="${next!.id}"]`).count()).toBe(1);
    // nothing of a manager's or HR's: no team, no approvals, no candidates
    for (const other of ['m-team', 'm-approvals', 'm-overdue', 'm-candidates']) expect(await byTestId(page, other).count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-mobile-employee');

    // the to-do lands on the meeting to confirm
    await confirm.click();
    await page.waitForURL(`**/pips/${id}#checkin-${held}`);
    await expect.poll(() => page.locator(`[data-testid="checkin"][data-id="${held}"] [data-testid="checkin-confirm"]`).isVisible()).toBe(true);
    // a decision link for someone with no step to decide opens nothing
    await page.goto(`${env.server.url}/pips/${id}?decide=reject`);
    await expect.poll(() => byTestId(page, 'pip-page').getAttribute('data-state')).toBe('in_progress');
    await byTestId(page, 'checkins-card').waitFor();
    expect(await byTestId(page, 'action-text').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.context().close();
  });

  it('the manager taps 发起面谈 on a running plan and holds an ad hoc 1:1', async () => {
    const { id, today, manager } = await plan();
    const before = new Set((await manager.get<{ items: Checkin[] }>(`/api/pips/${id}/checkins`)).items.map((c) => c.id));

    const page = await openAs('manager', '/m');
    const team = await loaded(page, 'team');
    await expect.poll(() => team.locator(`[data-testid="pip-row"][data-id="${id}"]`).count()).toBe(1);
    // a manager's sections: approvals and candidates besides the team; no HR overdue list
    await loaded(page, 'approvals');
    await loaded(page, 'candidates');
    expect(await byTestId(page, 'm-overdue').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-mobile-manager');

    await team.locator(`[data-testid="m-adhoc"][data-plan="${id}"]`).click();
    await page.waitForURL(`**/pips/${id}?adhoc=1`);
    // the 面谈 card's own dialog, already open: now, a 1:1
    await byTestId(page, 'checkin-add-ok').click();
    let added: Checkin | undefined;
    await expect
      .poll(async () => {
        added = (await manager.get<{ items: Checkin[] }>(`/api/pips/${id}/checkins`)).items.find((c) => !before.has(c.id));
        return added ? `${added.origin} ${added.scheduledOn}` : null;
      })
      .toBe(`ad_hoc ${today}`);
    // the page lands on the new meeting among the plan's check-ins, and the link is spent
    await page.waitForURL(`**/pips/${id}#checkin-${added!.id}`);
    const row = byTestId(page, 'checkins-card').locator(`[data-testid="checkin"][data-id="${added!.id}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('scheduled');
    await expect.poll(() => byTestId(page, 'checkin-add-ok').isVisible()).toBe(false);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-mobile-adhoc');
    await page.context().close();
  });

  it('the HRBP sees approvals and overdue minutes, and approves from the workbench', async () => {
    const { id, today, manager, hr, hrbp } = await plan();
    // a meeting three weeks ago whose minutes nobody wrote: overdue
    const { id: late } = await manager.post<{ id: string }>(`/api/pips/${id}/checkins`, { kind: 'one_on_one', date: shift(today, -21), time: '10:00' });
    // a demo plan waiting on its second step, handed to the HRBP by group HR
    const hrbpId = (await hrbp.get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
    const waiting = (await hr.get<PlanPage>('/api/pips?view=all&state=pending_approval&limit=50')).items[0];
    expect(waiting).toBeDefined();
    const step = (await hr.get<Plan>(`/api/pips/${waiting!.id}`)).approvals.find((s) => s.status === 'pending')!;
    if (step.approver.id !== hrbpId) await hr.post(`/api/pips/${waiting!.id}/approvals/${step.id}/delegate`, { delegateId: hrbpId });

    const page = await openAs('hrbp', '/m');
    const approvals = await loaded(page, 'approvals');
    await expect.poll(() => approvals.locator(`[data-testid="pip-todo"][data-kind="approve"][data-plan="${waiting!.id}"]`).count()).toBe(1);
    const overdue = byTestId(page, 'm-overdue');
    await expect.poll(() => overdue.locator(`[data-testid="overdue-checkin"][data-id="${late}"]`).count()).toBe(1);
    await loaded(page, 'candidates');
    expect(await byTestId(page, 'm-team').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-mobile-hrbp');

    // 审批通过 opens the plan with its approve dialog
    await approvals.locator(`[data-testid="m-approve"][data-plan="${waiting!.id}"]`).click();
    await page.waitForURL(`**/pips/${waiting!.id}?decide=approve`);
    await byTestId(page, 'action-text').fill('同意，按计划推进');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await byTestId(page, 'action-confirm').click();
    await expect.poll(async () => (await hr.get<Plan>(`/api/pips/${waiting!.id}`)).approvals.find((s) => s.id === step.id)?.status).toBe('approved');
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.context().close();
  });

  it("a card's ?decide=reject opens the manager's reject dialog on a submitted plan", async () => {
    const manager: ApiSession = await apiSignIn(env.server.url, 'manager', PASSWORD);
    const managerId = (await manager.get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
    // the demo draft of one of the manager's reports, submitted: its first step is the manager's
    const draft = (await manager.get<PlanPage>('/api/pips?view=team&state=draft&limit=50')).items.find((p) => p.manager?.id === managerId);
    expect(draft).toBeDefined();
    await manager.post(`/api/pips/${draft!.id}/actions/submit`, {});

    const page = await openAs('manager', `/pips/${draft!.id}?decide=reject`);
    await expect.poll(() => byTestId(page, 'pip-page').getAttribute('data-state')).toBe('pending_approval');
    const comment = byTestId(page, 'action-text');
    await comment.waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-mobile-reject');
    // a reject needs its comment
    await byTestId(page, 'action-confirm').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await comment.fill('改进目标需量化，请补充后重新提交');
    await byTestId(page, 'action-confirm').click();
    await expect.poll(() => byTestId(page, 'pip-page').getAttribute('data-state')).toBe('draft');
    const plan = await manager.get<{ approvals: { status: string; comment: string | null }[] }>(`/api/pips/${draft!.id}`);
    expect(plan.approvals.find((s) => s.status === 'rejected')?.comment).toBe('改进目标需量化，请补充后重新提交');
    // the dialog closes and the link is spent: a reload does not open it again
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(() => comment.isVisible()).toBe(false);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.context().close();
  });
});
