import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { apiSignIn, byTestId, pageWidth, screenshotOnFailure, shot, serverAndBrowser, openSignedIn } from './support.ts';

const HR = { username: 'hr', password: 'Uplift#2026' } as const;
const HR_HEAD = { username: 'hrhead', password: 'Uplift#2026' } as const;
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 860 } };

/**
 * Workflow templates, in Chinese: group HR opens the demo's default group template (bound by the
 * group policy in force, as the page says), narrows the duration bound to 30–60 days, sees the
 * value outside it refused on its field, fixes it and saves a second version; the
 * HR head of 星河科技（上海）, on a phone, overrides the duration of the subsidiary within the
 * bounds shown; the effective preview of a staff member there names the subsidiary as the source
 * of the duration, the group template as the source of the rest, and resolves the approval chain.
 */
describe('workflow templates', () => {
  const env = serverAndBrowser();

  async function signedIn(user: { username: string; password: string }, opts: BrowserContextOptions): Promise<Page> {
    return openSignedIn(env.browser, env.server.url, user, opts);
  }

  it('group HR sets a bound, a subsidiary HR overrides within it, the preview shows the source', async () => {
    const hr = await signedIn(HR, desktop);
    screenshotOnFailure(hr, 'templates-group');
    await byTestId(hr, 'nav-templates').click();
    await hr.waitForURL('**/templates');
    await expect.poll(() => byTestId(hr, 'template-version').textContent()).toBe('第 1 版');
    expect(await byTestId(hr, 'policy-note').textContent()).toContain('星河集团绩效改进计划（PIP）管理制度');

    // the bound: units may pick 30–60 days; the default maximum of 90 no longer fits
    const max = byTestId(hr, 'bounds-duration-max').locator('input');
    await max.fill('60');
    await max.blur();
    await byTestId(hr, 'template-save').click();
    const durationCard = byTestId(hr, 'param-duration');
    await expect.poll(() => durationCard.locator('[data-testid="field-error"]').first().textContent()).toContain('超出允许范围 30–60');
    const valueMax = byTestId(hr, 'duration-maxDays').locator('input');
    await valueMax.fill('60');
    await valueMax.blur();
    await byTestId(hr, 'template-save').click();
    await expect.poll(() => byTestId(hr, 'template-version').textContent()).toBe('第 2 版');
    expect(await durationCard.locator('[data-testid="field-error"]').count()).toBe(0);
    await shot(hr, 'templates-group');

    // the HR head of 星河科技（上海） on a phone
    const tree = (await (await apiSignIn(env.server.url, HR.username, HR.password)).get<{ items: { id: string; code: string; name: string }[] }>('/api/org/tree')).items;
    const tech = tree.find((u) => u.code === 'XH-TECH')!;
    const head = await signedIn(HR_HEAD, phone);
    screenshotOnFailure(head, 'templates-override');
    await head.goto(`${env.server.url}/templates?tab=overrides&unit=${tech.id}`);
    await expect.poll(() => byTestId(head, 'override-editor').getAttribute('data-unit')).toBe(tech.id);
    expect(await byTestId(head, 'bounds-duration').textContent()).toContain('30–60');
    await byTestId(head, 'override-toggle-duration').click();
    const def = byTestId(head, 'duration-defaultDays').locator('input');
    await def.fill('45');
    await def.blur();
    await byTestId(head, 'override-save').click();
    await expect.poll(() => byTestId(head, 'override-chip').first().textContent()).toContain(tech.name);
    expect(await pageWidth(head)).toBeLessThanOrEqual(375);
    await shot(head, 'templates-override-phone');

    // the preview of a staff member of that subsidiary
    const me = await (await apiSignIn(env.server.url, 'employee', 'Uplift#2026')).get<{ user: { employeeId: string } }>('/api/auth/me');
    await head.goto(`${env.server.url}/templates?tab=preview&employee=${me.user.employeeId}`);
    await expect.poll(() => byTestId(head, 'effective-view').isVisible()).toBe(true);
    expect(await byTestId(head, 'effective-duration').getAttribute('data-source')).toBe(tech.id);
    expect(await byTestId(head, 'effective-duration').textContent()).toContain(`${tech.name}的覆盖`);
    expect(await byTestId(head, 'effective-duration').textContent()).toContain('默认 45 天');
    expect(await byTestId(head, 'effective-goalForm').getAttribute('data-source')).toBe('template');
    const steps = byTestId(head, 'effective-chain').locator('.ant-steps-item');
    expect(await steps.count()).toBe(4);
    expect(await steps.first().textContent()).toContain('直属上级');
    expect(await pageWidth(head)).toBeLessThanOrEqual(375);
    await shot(head, 'templates-preview-phone');

    // the group editor fits a phone too
    const hrPhone = await signedIn(HR, phone);
    await hrPhone.goto(`${env.server.url}/templates`);
    await expect.poll(() => byTestId(hrPhone, 'template-version').textContent()).toBe('第 2 版');
    expect(await pageWidth(hrPhone)).toBeLessThanOrEqual(375);
    await shot(hrPhone, 'templates-group-phone');
  });
});
