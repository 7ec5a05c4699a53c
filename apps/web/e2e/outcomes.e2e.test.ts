import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { choose, onScreen, PASSWORD, phone, runningPlan, shift, type Plan, type RunningPlan } from './plans.ts';
import { byTestId, openSignedIn, pageWidth, screenshotOnFailure, serverAndBrowser, shot } from './support.ts';

type Evaluation = { id: string; kind: string; name: string; final: boolean; status: string; ratingScale: string[]; conclusion: string | null };
type Outcomes = {
  outcomes: { id: string; status: string; outcome: string; returned: { comment: string } | null; acknowledgment: { contentSha256: string; refused: boolean } | null }[];
  trainings: { id: string; attendance: string | null; materials: { sha256: string }[] }[];
};

/** A plan that began 45 days ago and ended 5 days ago, in progress: the tick pushes its final evaluation. */
const endedPlan = (url: string) => runningPlan(url, { from: -45, to: -5 });

/** Waits for the real tick (every minute) to push the plan's final evaluation. */
async function finalEvaluation(p: RunningPlan): Promise<Evaluation> {
  let final: Evaluation | undefined;
  await expect
    .poll(
      async () => {
        final = (await p.manager.get<{ items: Evaluation[] }>(`/api/pips/${p.id}/evaluations`)).items.find((e) => e.final && e.status === 'open');
        return final !== undefined;
      },
      { timeout: 150_000, interval: 2_000 },
    )
    .toBe(true);
  return final!;
}

/**
 * Opens the Popconfirm of `trigger` and presses its OK button once the popover stands still. The
 * popover flips between above and below its button when the page scrolls under it (the #outcome
 * anchor scrolls smoothly), and a press whose mouse-down and mouse-up straddle the flip is lost.
 */
async function confirmPopover(trigger: Locator, ok: Locator): Promise<void> {
  await trigger.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await trigger.click();
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await ok.boundingBox());
      const still = now === last && now !== 'null';
      last = now;
      return still;
    })
    .toBe(true);
  await ok.click();
}

const state = (page: Page) => byTestId(page, 'pip-page').getAttribute('data-state');
const fits = async (page: Page) => expect(await pageWidth(page)).toBeLessThanOrEqual(375);

/**
 * A whole plan to "passed", on phones, in Chinese. Started, approved, its goals set and
 * acknowledged through the API, in the past so that it has ended; the tick pushes the final
 * evaluation. The manager begins the final review, rates the final evaluation and proposes
 * 通过 in the outcome card; the HRBP returns it with a comment, the manager proposes again and
 * the HRBP confirms; the employee reads exactly the result and acknowledges it; HR closes the plan:
 * 已结束. No page scrolls sideways.
 */
describe('outcome: passed', () => {
  const env = serverAndBrowser();
  const signedIn = (username: string) => openSignedIn(env.browser, env.server.url, { username, password: PASSWORD }, phone);

  it('final review → proposed → returned → proposed → confirmed → acknowledged → closed', async () => {
    const url = env.server.url;
    const p = await endedPlan(url);
    const final = await finalEvaluation(p);
    const good = final.ratingScale[0]!;

    // the manager begins the final review; the outcome waits for the final evaluation
    const manager = await signedIn('manager');
    screenshotOnFailure(manager, 'outcome-manager');
    await manager.goto(`${url}/pips/${p.id}`);
    await byTestId(manager, 'action-begin_final_review').click();
    await expect.poll(() => state(manager)).toBe('final_review');
    await expect.poll(() => byTestId(manager, 'outcome-final-missing').isVisible()).toBe(true);
    expect(await byTestId(manager, 'outcome-submit').isDisabled()).toBe(true);

    // the manager rates the final evaluation against the locked goals
    const card = manager.locator(`[data-testid="evaluation"][data-id="${final.id}"]`);
    await expect.poll(() => card.locator('[data-testid="evaluation-manager-form"]').isVisible()).toBe(true);
    for (const [i, percent] of ['95', '90'].entries()) {
      await choose(manager, card, `eval-goal-${i}-rating`, good);
      await card.locator(`[data-testid="eval-goal-${i}-percent"]`).fill(percent);
    }
    await choose(manager, card, 'eval-overall', good);
    await card.locator('[data-testid="eval-summary"]').fill('两项目标均已达成。');
    await card.locator('[data-testid="eval-manager-submit"]').click();
    await expect.poll(() => card.locator('[data-testid="evaluation-part-manager"]').getAttribute('data-done')).toBe('true');

    // … and proposes 通过 in the outcome card
    await expect.poll(() => byTestId(manager, 'outcome-final-missing').count()).toBe(0);
    await byTestId(manager, 'outcome-choice-passed').click();
    await byTestId(manager, 'outcome-note').fill('两项目标均达成');
    await fits(manager);
    await byTestId(manager, 'outcome-submit').click();
    await expect.poll(() => byTestId(manager, 'outcome-waiting').textContent()).toContain('您提出的评审结果');
    expect(await byTestId(manager, 'outcome-confirm').count()).toBe(0);
    await shot(manager, 'outcome-proposed');

    // the HRBP returns it with a comment
    const hrbp = await signedIn('hrbp');
    screenshotOnFailure(hrbp, 'outcome-hrbp');
    await hrbp.goto(`${url}/pips/${p.id}#outcome`);
    await expect.poll(() => byTestId(hrbp, 'outcome-pending').isVisible()).toBe(true);
    await expect.poll(() => onScreen(byTestId(hrbp, 'outcome-card'))).toBe(true);
    await byTestId(hrbp, 'outcome-return').click();
    await byTestId(hrbp, 'outcome-return-comment').fill('请补充客户拜访质量的评估依据');
    await byTestId(hrbp, 'outcome-return-ok').click();
    await expect.poll(() => hrbp.locator('[data-testid="outcome-round"][data-status="returned"]').count()).toBe(1);

    // the manager sees why and proposes again
    await manager.reload();
    await expect.poll(() => byTestId(manager, 'outcome-round-returned').textContent()).toContain('请补充客户拜访质量的评估依据');
    await byTestId(manager, 'outcome-choice-passed').click();
    await byTestId(manager, 'outcome-note').fill('两项目标均达成：销售额达成 95%，客户拜访质量见终期评估');
    await byTestId(manager, 'outcome-submit').click();
    await expect.poll(() => byTestId(manager, 'outcome-pending').isVisible()).toBe(true);

    // the HRBP confirms
    await hrbp.reload();
    await expect.poll(() => byTestId(hrbp, 'outcome-confirm').isVisible()).toBe(true);
    await fits(hrbp);
    await confirmPopover(byTestId(hrbp, 'outcome-confirm'), byTestId(hrbp, 'outcome-confirm-ok'));
    await expect.poll(() => hrbp.locator('[data-testid="outcome-round"][data-status="confirmed"]').count()).toBe(1);
    await shot(hrbp, 'outcome-confirmed');

    // the employee reads exactly the result and acknowledges it
    const employee = await signedIn('employee');
    screenshotOnFailure(employee, 'outcome-employee');
    await employee.goto(`${url}/pips/${p.id}#outcome`);
    await expect.poll(() => byTestId(employee, 'outcome-receipt-text').textContent()).toContain('评审结果：通过');
    await expect.poll(() => onScreen(byTestId(employee, 'outcome-card'))).toBe(true);
    const hash = await byTestId(employee, 'outcome-receipt-hash').textContent();
    expect(hash).toMatch(/[0-9a-f]{64}/);
    // the employee sees the confirmed result, not the round that was returned
    expect(await employee.locator('[data-testid="outcome-round"][data-status="returned"]').count()).toBe(0);
    await fits(employee);
    await shot(employee, 'outcome-receipt');
    await byTestId(employee, 'outcome-receipt-read').click();
    await byTestId(employee, 'outcome-receipt-submit').click();
    await expect.poll(() => byTestId(employee, 'outcome-round-ack').getAttribute('data-acknowledged')).toBe('true');
    await fits(employee);

    // HR closes: 已结束
    const hr = await signedIn('hr');
    screenshotOnFailure(hr, 'outcome-hr');
    await hr.goto(`${url}/pips/${p.id}`);
    await expect.poll(() => byTestId(hr, 'outcome-next').isVisible()).toBe(true);
    await byTestId(hr, 'action-close').click();
    await expect.poll(() => state(hr)).toBe('closed');
    await expect.poll(() => byTestId(hr, 'pip-state').textContent()).toBe('已结束');
    await fits(hr);
    await shot(hr, 'outcome-closed');

    const view = await p.hr.get<Outcomes>(`/api/pips/${p.id}/outcomes`);
    expect(view.outcomes.map((o) => o.status)).toEqual(['returned', 'confirmed']);
    expect(view.outcomes[0]!.returned?.comment).toBe('请补充客户拜访质量的评估依据');
    expect(hash).toContain(view.outcomes[1]!.acknowledgment!.contentSha256);
    expect(view.outcomes[1]!.acknowledgment!.refused).toBe(false);
  }, 300_000);
});

/**
 * Not passed, on phones, in Chinese: the manager proposes 未通过 with training and a re-assessment
 * (the final evaluation rated and the outcome confirmed through the API); the employee
 * acknowledges it and the plan moves to follow-up. The manager adds a training aimed at a goal's
 * gap with its attendance and a material (SHA-256 shown), the HRBP adjusts the role and the
 * employee signs the notice; the manager arranges the re-assessment, which the evaluations card
 * shows (completed through the API, met); HR closes, and the record reads in English too.
 */
describe('outcome: not passed → follow-up', () => {
  const env = serverAndBrowser();
  const signedIn = (username: string) => openSignedIn(env.browser, env.server.url, { username, password: PASSWORD }, phone);

  it('not passed → acknowledged → training, role adjustment → re-assessment met → closed', async () => {
    const url = env.server.url;
    const p = await endedPlan(url);
    const final = await finalEvaluation(p);
    const plan = await p.hr.get<Plan>(`/api/pips/${p.id}`);
    await p.manager.post(`/api/pips/${p.id}/actions/begin_final_review`, {});
    const low = final.ratingScale.at(-1)!;
    await p.manager.put(`/api/evaluations/${final.id}/manager`, { goals: plan.goals.map((g) => ({ goalId: g.id, rating: low, percent: 40, comment: '' })), overall: low, summary: '两项目标均未达成' });

    // the manager proposes 未通过 with its follow-ups
    const manager = await signedIn('manager');
    screenshotOnFailure(manager, 'followup-manager');
    await manager.goto(`${url}/pips/${p.id}#outcome`);
    await byTestId(manager, 'outcome-choice-not_passed').click();
    await expect.poll(() => byTestId(manager, 'outcome-followup-training').isVisible()).toBe(true);
    await byTestId(manager, 'outcome-note').fill('回款额仅达目标的 60%，客户拜访质量未改善');
    await fits(manager);
    await byTestId(manager, 'outcome-submit').click();
    await expect.poll(() => byTestId(manager, 'outcome-pending').isVisible()).toBe(true);
    const proposed = (await p.hr.get<Outcomes>(`/api/pips/${p.id}/outcomes`)).outcomes[0]!;
    await p.hrbp.post(`/api/pips/${p.id}/outcome/${proposed.id}/confirm`);

    // the employee acknowledges: the plan moves to follow-up
    const employee = await signedIn('employee');
    screenshotOnFailure(employee, 'followup-employee');
    await employee.goto(`${url}/pips/${p.id}#outcome`);
    await expect.poll(() => byTestId(employee, 'outcome-receipt-text').textContent()).toContain('评审结果：未通过');
    expect(await byTestId(employee, 'outcome-receipt-text').textContent()).toContain('培训');
    await byTestId(employee, 'outcome-receipt-read').click();
    await byTestId(employee, 'outcome-receipt-submit').click();
    await expect.poll(() => state(employee)).toBe('follow_up');
    await expect.poll(() => byTestId(employee, 'follow-up-card').isVisible()).toBe(true);
    await fits(employee);

    // the manager: no re-assessment before the follow-up; a training with its attendance and a material
    // the same page with another hash does not load it again
    await manager.goto(`${url}/pips/${p.id}#follow-up`);
    await manager.reload();
    await expect.poll(() => state(manager)).toBe('follow_up');
    await expect.poll(() => byTestId(manager, 'reassessment-arrange').isDisabled()).toBe(true);
    await byTestId(manager, 'training-add').click();
    await byTestId(manager, 'training-topic').fill('大客户回款技巧');
    await byTestId(manager, 'training-goal-0').click();
    await byTestId(manager, 'training-gap').fill('回款额仅达目标的 60%');
    await byTestId(manager, 'training-starts').fill(p.today);
    await byTestId(manager, 'training-ends').fill(shift(p.today, 1));
    await byTestId(manager, 'training-trainer').fill('销售学院 王老师');
    await byTestId(manager, 'training-attendance-attended').click();
    await byTestId(manager, 'training-attendance-note').fill('全程参加，课后测验 85 分');
    await fits(manager);
    await byTestId(manager, 'training-save').click();
    const training = manager.locator('[data-testid="training"]');
    await expect.poll(() => training.getAttribute('data-attendance')).toBe('attended');
    await training.locator('[data-testid="training-files"] input[type="file"]').setInputFiles({ name: '培训签到表.txt', mimeType: 'text/plain', buffer: Buffer.from('培训签到表：大客户回款技巧') });
    await expect.poll(() => training.locator('[data-testid="training-file-sha"]').textContent()).toMatch(/[0-9a-f]{64}/);
    await fits(manager);
    await shot(manager, 'followup-training');

    // the HRBP adjusts the role; the employee signs the notice
    const hrbp = await signedIn('hrbp');
    screenshotOnFailure(hrbp, 'followup-hrbp');
    await hrbp.goto(`${url}/pips/${p.id}#follow-up`);
    await byTestId(hrbp, 'role-add').click();
    await byTestId(hrbp, 'role-to-position').fill('销售助理');
    await byTestId(hrbp, 'role-reason').fill('原岗位大客户开拓要求与能力差距较大');
    await byTestId(hrbp, 'role-relation').fill('同属销售序列，保留客户服务职责，薪级不变');
    await byTestId(hrbp, 'role-save').click();
    await expect.poll(() => byTestId(hrbp, 'role-adjustment').count()).toBe(1);
    await fits(hrbp);
    await employee.reload();
    await expect.poll(() => byTestId(employee, 'role-notice-text').textContent()).toContain('新岗位：销售助理');
    await byTestId(employee, 'role-notice-read').click();
    await byTestId(employee, 'role-notice-submit').click();
    await expect.poll(() => byTestId(employee, 'role-adjustment').getAttribute('data-signed')).toBe('true');
    await fits(employee);
    await shot(employee, 'followup-role-signed');

    // the manager arranges the re-assessment: it is in the evaluations card
    await manager.reload();
    await expect.poll(() => byTestId(manager, 'reassessment-arrange').isEnabled()).toBe(true);
    await byTestId(manager, 'reassessment-arrange').click();
    await expect.poll(() => byTestId(manager, 'reassessment-open').isVisible()).toBe(true);
    const re = (await p.manager.get<{ items: Evaluation[] }>(`/api/pips/${p.id}/evaluations`)).items.find((e) => e.kind === 'reassessment')!;
    const shown = manager.locator(`[data-testid="evaluation"][data-id="${re.id}"]`);
    await expect.poll(() => shown.textContent()).toContain('再评估');
    await expect.poll(() => shown.getAttribute('data-status')).toBe('open');
    await fits(manager);
    await shot(manager, 'followup-reassessment');

    // completed through the API: met
    const good = re.ratingScale[0]!;
    await p.manager.put(`/api/evaluations/${re.id}/manager`, { goals: plan.goals.map((g) => ({ goalId: g.id, rating: good, percent: 95, comment: '' })), overall: good, summary: '培训后回款明显改善', conclusion: 'met' });
    await p.employee.put(`/api/evaluations/${re.id}/self`, { goals: plan.goals.map((g) => ({ goalId: g.id, rating: good, comment: '' })), summary: '感谢培训' });
    await p.hrbp.put(`/api/evaluations/${re.id}/hrbp`, { comment: '再评估达标' });

    // HR closes
    const hr = await signedIn('hr');
    screenshotOnFailure(hr, 'followup-hr');
    await hr.goto(`${url}/pips/${p.id}#follow-up`);
    await expect.poll(() => byTestId(hr, 'reassessment-concluded').getAttribute('data-conclusion')).toBe('met');
    await byTestId(hr, 'action-close').click();
    await expect.poll(() => state(hr)).toBe('closed');
    await expect.poll(() => byTestId(hr, 'pip-state').textContent()).toBe('已结束');
    // the follow-up stays on the page, read-only
    await expect.poll(() => byTestId(hr, 'training').count()).toBe(1);
    expect(await byTestId(hr, 'training-add').count()).toBe(0);
    await fits(hr);
    await shot(hr, 'followup-closed');

    // in English the record still fits the phone
    await hr.evaluate(() => localStorage.setItem('uplift.lang', 'en-US'));
    await hr.reload();
    await expect.poll(() => byTestId(hr, 'follow-up-card').textContent()).toContain('Attended');
    await expect.poll(() => byTestId(hr, 'outcome-card').textContent()).toContain('Not passed');
    await fits(hr);
    await shot(hr, 'followup-en');

    const view = await p.hr.get<Outcomes>(`/api/pips/${p.id}/outcomes`);
    expect(view.trainings[0]).toMatchObject({ attendance: 'attended' });
    expect(view.trainings[0]!.materials).toHaveLength(1);
  }, 300_000);
});
