import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { byTestId, pageWidth, screenshotOnFailure, shot, serverAndBrowser, openSignedIn } from './support.ts';

/** The demo group's HR director (group_hr, whole group) and a staff member of 星河科技. */
const HR = { username: 'hr', password: 'Uplift#2026' } as const;
const EMPLOYEE = { username: 'employee', password: 'Uplift#2026' } as const;
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 860 } };

function option(page: Page, label: string) {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label });
}

/**
 * The publication journey, in Chinese: group HR drafts the group policy (markdown section text),
 * records the democratic procedure with its minutes as evidence, submits it for review and
 * publishes it effective today; the employee, on a phone, finds it under 我的制度 rendered as
 * markdown, reads and confirms it; HR sees the confirmation in the acknowledgment report.
 */
describe('policy publication and acknowledgment', () => {
  const env = serverAndBrowser();

  async function signedIn(user: { username: string; password: string }, opts: BrowserContextOptions): Promise<Page> {
    return openSignedIn(env.browser, env.server.url, user, { timezoneId: 'Asia/Shanghai', ...opts });
  }

  it('HR publishes the group policy; the employee reads and confirms it on a phone', async () => {
    const hr = await signedIn(HR, desktop);
    screenshotOnFailure(hr, 'policies-hr');
    await byTestId(hr, 'nav-policies').click();
    await hr.waitForURL('**/policies');
    const group = byTestId(hr, 'policy-owner').first();
    await group.locator('[data-testid="policy-new-version"]').click();
    await hr.waitForURL('**/policies/versions/**');

    await byTestId(hr, 'policy-title').fill('集团绩效改进制度');
    await byTestId(hr, 'policy-section-scope').fill('适用于全体正式员工，**试用期员工除外**。\n\n- 各子公司可在此范围内收窄');
    await byTestId(hr, 'policy-section-goals').fill('目标须具体、可衡量、有期限。');
    await byTestId(hr, 'policy-save').click();
    await expect.poll(() => hr.locator('.ant-message').textContent(), { timeout: 5000 }).toContain('已保存');

    await byTestId(hr, 'tab-adoption').click();
    await byTestId(hr, 'adoption-procedure').click();
    await option(hr, '职工代表大会').click();
    await byTestId(hr, 'adoption-date').fill('2026-01-15');
    await byTestId(hr, 'adoption-save').click();
    await hr.locator('[data-testid="policy-adoption"] input[type=file]').setInputFiles({ name: '职代会决议.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 职代会决议') });
    await expect.poll(() => byTestId(hr, 'adoption-file').count()).toBe(1);

    await byTestId(hr, 'policy-submit').click();
    await expect.poll(() => byTestId(hr, 'policy-version').getAttribute('data-state')).toBe('in_review');
    await byTestId(hr, 'policy-publish').click();
    await hr.locator('#policy-dialog-ok').click();
    await expect.poll(() => byTestId(hr, 'policy-version').getAttribute('data-state')).toBe('in_force');
    await shot(hr, 'policy-published');

    // the employee, on a phone
    const me = await signedIn(EMPLOYEE, phone);
    screenshotOnFailure(me, 'policies-employee');
    await me.goto(`${env.server.url}/my/policies`);
    const card = byTestId(me, 'my-policy').first();
    await expect.poll(() => card.locator('strong').first().textContent()).toBe('试用期员工除外');
    expect(await card.locator('li').first().textContent()).toContain('各子公司');
    expect(await pageWidth(me)).toBeLessThanOrEqual(375);
    await card.locator('[data-testid="my-policy-confirm"]').click();
    await expect.poll(() => byTestId(me, 'my-policy-confirmed').count()).toBe(1);
    await shot(me, 'my-policies-phone');
    expect(await pageWidth(me)).toBeLessThanOrEqual(375);

    // a question from the phone: HR will see who asked, the FAQ never
    await card.getByText('提问与常见问题').click();
    await me.waitForURL('**/qa');
    await byTestId(me, 'qa-ask-text').fill('试用期员工转正后从何时起适用？');
    await byTestId(me, 'qa-ask-send').click();
    await expect.poll(() => byTestId(me, 'qa-question').count()).toBe(1);
    expect(await pageWidth(me)).toBeLessThanOrEqual(375);

    // HR sees the confirmation in the report
    await hr.reload();
    await byTestId(hr, 'tab-acks').click();
    await expect.poll(async () => Number((await byTestId(hr, 'ack-total-confirmed').locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, '') ?? 0)).toBe(1);
    expect(await byTestId(hr, 'ack-chart').count()).toBe(1);
    await shot(hr, 'policy-acks');
    const versionUrl = hr.url();

    // a subsidiary's draft may only narrow the group's: the field says why
    await hr.goto(`${env.server.url}/policies`);
    await byTestId(hr, 'policy-owner').nth(1).locator('[data-testid="policy-new-version"]').click();
    await hr.waitForURL('**/policies/versions/**');
    await hr.locator('[data-testid="policy-max-goals"] input, input[data-testid="policy-max-goals"]').first().fill('8');
    await byTestId(hr, 'policy-save').click();
    await expect.poll(() => hr.locator('.ant-form-item-explain-error').allTextContents()).toContain('目标数量上限不能高于集团的 5');
    await shot(hr, 'policy-narrowing');

    // HR on a phone: the version page and its report fit the width
    const hrPhone = await signedIn(HR, phone);
    await hrPhone.goto(versionUrl);
    await byTestId(hrPhone, 'policy-editor').waitFor();
    expect(await pageWidth(hrPhone)).toBeLessThanOrEqual(375);
    await byTestId(hrPhone, 'tab-acks').click();
    await byTestId(hrPhone, 'ack-chart').waitFor();
    expect(await pageWidth(hrPhone)).toBeLessThanOrEqual(375);
    await shot(hrPhone, 'policy-acks-phone');
    await byTestId(hrPhone, 'tab-diff').click();
    await byTestId(hrPhone, 'policy-diff').waitFor();
    expect(await pageWidth(hrPhone)).toBeLessThanOrEqual(375);
    await hrPhone.goto(`${env.server.url}/policies`);
    await byTestId(hrPhone, 'policy-owner').first().waitFor();
    expect(await pageWidth(hrPhone)).toBeLessThanOrEqual(375);
    await shot(hrPhone, 'policies-phone');
  });
});
