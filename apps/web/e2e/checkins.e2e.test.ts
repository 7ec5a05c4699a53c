import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, onScreen, PASSWORD, phone, runningPlan, shift } from './plans.ts';
import { byTestId, openSignedIn, pageWidth, screenshotOnFailure, serverAndBrowser, shot } from './support.ts';

type Evaluation = { id: string; name: string; status: string; ratingScale: string[]; missing: string[]; manager: { overall: string; goals: { goalId: string; percent: number }[] } | null };
type Checkin = { id: string; origin: string; status: string; scheduledOn: string; rescheduledFrom: string | null; employeeConfirmedAt: string | null; progress: { goalId: string; percent: number }[] };

/**
 * Check-ins on a phone, in Chinese: the manager holds an ad hoc 1:1 now, records the minutes with
 * progress for each goal and attaches a file (its SHA-256 shown), moves one meeting and cancels
 * another; the employee sees the coming meetings and follows the to-do
 * to that meeting, comments and confirms (the attendance record); the progress curve draws; the
 * HRBP finds a meeting whose minutes are overdue. No page scrolls sideways.
 */
describe('check-ins and evaluations', () => {
  const env = serverAndBrowser();
  let arranged: Awaited<ReturnType<typeof runningPlan>> | null = null;
  // began 40 days ago, so its mid-term evaluation is due
  const plan = async () => (arranged ??= await runningPlan(env.server.url, { from: -40, to: 20 }));

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

    // the next cadence meeting moves (with a reason), the last one is cancelled
    const cadence = (await managerApi.get<{ items: Checkin[] }>(`/api/pips/${id}/checkins`)).items.filter((c) => c.origin === 'cadence' && c.status === 'scheduled');
    expect(cadence.length).toBeGreaterThan(1);
    const [next, last] = [cadence[0]!, cadence.at(-1)!];
    await manager.locator(`[data-testid="checkin"][data-id="${next.id}"] [data-testid="checkin-reschedule"]`).click();
    await byTestId(manager, 'reschedule-date').fill(shift(today, 3));
    await byTestId(manager, 'reschedule-time').fill('15:30');
    await byTestId(manager, 'reschedule-reason').fill('员工外出拜访客户');
    await byTestId(manager, 'reschedule-ok').click();
    await expect.poll(async () => (await managerApi.get<Checkin>(`/api/checkins/${next.id}`)).scheduledOn).toBe(shift(today, 3));
    const lastRow = manager.locator(`[data-testid="checkin"][data-id="${last.id}"]`);
    await lastRow.locator('[data-testid="checkin-cancel"]').click();
    await byTestId(manager, 'cancel-reason').fill('与三方会谈合并');
    await byTestId(manager, 'cancel-ok').click();
    await expect.poll(() => lastRow.getAttribute('data-status')).toBe('cancelled');
    expect(await pageWidth(manager)).toBeLessThanOrEqual(375);

    // the employee follows the to-do to the meeting, comments and confirms
    const employee = await signedIn('employee');
    screenshotOnFailure(employee, 'checkins-employee');
    await employee.goto(`${url}/pips`);
    const todo = employee.locator(`[data-testid="pip-todo"][data-kind="confirm_minutes"][data-plan="${id}"]`);
    await expect.poll(() => todo.count()).toBe(1);
    // the moved meeting is among the coming ones
    await expect.poll(() => employee.locator(`[data-testid="upcoming-checkin"][data-id="${next.id}"]`).count()).toBe(1);
    expect(await pageWidth(employee)).toBeLessThanOrEqual(375);
    await shot(employee, 'checkins-todos');
    await todo.click();
    await employee.waitForURL(`**/pips/${id}#checkin-${adHoc!.id}`);
    const mine = employee.locator(`[data-testid="checkin"][data-id="${adHoc!.id}"]`);
    await expect.poll(() => onScreen(mine)).toBe(true);
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

  /**
   * The mid-term evaluation, pushed by the tick on its date (the plan began 40 days ago), on a
   * phone: the manager follows the to-do and rates each goal with its progress and overall; the
   * employee self-assesses; the HRBP comments: it is completed, each part shown with who and when,
   * and the curve carries the evaluation. In English the page fits the phone as well.
   */
  it('evaluation: manager → self-assessment → HRBP comment → completed', async () => {
    const url = env.server.url;
    const { id, manager: managerApi } = await plan();
    let open: Evaluation | undefined;
    await expect
      .poll(
        async () => {
          open = (await managerApi.get<{ items: Evaluation[] }>(`/api/pips/${id}/evaluations`)).items.find((e) => e.status === 'open');
          return open !== undefined;
        },
        { timeout: 150_000, interval: 2_000 },
      )
      .toBe(true);
    const scale = open!.ratingScale;
    const good = scale[Math.min(1, scale.length - 1)]!;

    // the manager, from the to-do to the evaluation
    const manager = await signedIn('manager');
    screenshotOnFailure(manager, 'evaluation-manager');
    await manager.goto(`${url}/pips`);
    const todo = manager.locator(`[data-testid="pip-todo"][data-kind="evaluate"][data-plan="${id}"]`);
    await expect.poll(() => todo.count()).toBe(1);
    await todo.click();
    await manager.waitForURL(`**/pips/${id}#evaluation-${open!.id}`);
    const card = manager.locator(`[data-testid="evaluation"][data-id="${open!.id}"]`);
    await expect.poll(() => onScreen(card)).toBe(true);
    await expect.poll(() => card.locator('[data-testid="evaluation-manager-form"]').isVisible()).toBe(true);
    for (const [i, percent] of ['55', '35'].entries()) {
      await choose(manager, card, `eval-goal-${i}-rating`, good);
      await card.locator(`[data-testid="eval-goal-${i}-percent"]`).fill(percent);
      await card.locator(`[data-testid="eval-goal-${i}-comment"]`).fill('较上次面谈有明显进步');
    }
    await choose(manager, card, 'eval-overall', good);
    await card.locator('[data-testid="eval-summary"]').fill('整体进展符合预期，下一阶段重点提升拜访质量。');
    expect(await pageWidth(manager)).toBeLessThanOrEqual(375);
    await card.locator('[data-testid="eval-manager-submit"]').click();
    await expect.poll(() => card.locator('[data-testid="evaluation-part-manager"]').getAttribute('data-done')).toBe('true');
    await expect.poll(() => card.locator('[data-testid="eval-overall-value"]').textContent()).toBe(good);
    await expect.poll(() => manager.locator('[data-testid="progress-chart"] canvas').count()).toBeGreaterThan(0);
    await shot(manager, 'evaluation-manager');

    // the employee's self-assessment
    const employee = await signedIn('employee');
    screenshotOnFailure(employee, 'evaluation-employee');
    await employee.goto(`${url}/pips`);
    const selfTodo = employee.locator(`[data-testid="pip-todo"][data-kind="self_assess"][data-plan="${id}"]`);
    await expect.poll(() => selfTodo.count()).toBe(1);
    await selfTodo.click();
    await employee.waitForURL(`**/pips/${id}#evaluation-${open!.id}`);
    const mine = employee.locator(`[data-testid="evaluation"][data-id="${open!.id}"]`);
    await expect.poll(() => mine.locator('[data-testid="evaluation-self-form"]').isVisible()).toBe(true);
    // the manager's part is there to read, not to change
    expect(await mine.locator('[data-testid="evaluation-manager-form"]').count()).toBe(0);
    for (const i of [0, 1]) await choose(employee, mine, `self-goal-${i}-rating`, good);
    await mine.locator('[data-testid="self-summary"]').fill('我认同上级的评价，会继续按计划改进。');
    expect(await pageWidth(employee)).toBeLessThanOrEqual(375);
    await mine.locator('[data-testid="eval-self-submit"]').click();
    await expect.poll(() => mine.locator('[data-testid="evaluation-part-self"]').getAttribute('data-done')).toBe('true');

    // the HRBP's comment completes it
    const hrbp = await signedIn('hrbp');
    screenshotOnFailure(hrbp, 'evaluation-hrbp');
    await hrbp.goto(`${url}/pips`);
    const hrbpTodo = hrbp.locator(`[data-testid="pip-todo"][data-kind="comment_evaluation"][data-plan="${id}"]`);
    await expect.poll(() => hrbpTodo.count()).toBe(1);
    await hrbpTodo.click();
    await hrbp.waitForURL(`**/pips/${id}#evaluation-${open!.id}`);
    const theirs = hrbp.locator(`[data-testid="evaluation"][data-id="${open!.id}"]`);
    await theirs.locator('[data-testid="hrbp-comment"]').fill('过程规范，评估依据充分。');
    await theirs.locator('[data-testid="eval-hrbp-submit"]').click();
    await expect.poll(() => theirs.getAttribute('data-status')).toBe('completed');
    expect(await theirs.locator('[data-testid="evaluation-missing"]').count()).toBe(0);
    expect(await pageWidth(hrbp)).toBeLessThanOrEqual(375);
    await shot(hrbp, 'evaluation-completed');

    // the same page in English still fits the phone
    await hrbp.evaluate(() => localStorage.setItem('uplift.lang', 'en-US'));
    await hrbp.reload();
    await expect.poll(() => theirs.locator('[data-testid="evaluation-status"]').textContent()).toBe('Completed');
    await expect.poll(() => byTestId(hrbp, 'checkins-card').textContent()).toContain('Minutes recorded on');
    expect(await pageWidth(hrbp)).toBeLessThanOrEqual(375);
    await shot(hrbp, 'evaluation-en');
    const done = (await managerApi.get<{ items: Evaluation[] }>(`/api/pips/${id}/evaluations`)).items.find((e) => e.id === open!.id)!;
    expect(done.status).toBe('completed');
    expect(done.manager?.goals.map((g) => g.percent).sort()).toEqual([35, 55]);
  }, 240_000);
});
