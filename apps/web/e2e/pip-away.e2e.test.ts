import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import { apiSignIn, byTestId, pageWidth, screenshotOnFailure, shot, signIn, serverAndBrowser } from './support.ts';

const PASSWORD = 'Uplift#2026';
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * 外出代理 on a phone, in Chinese: the demo manager names a report as their delegate for today,
 * sees it active, and revokes it. Nothing scrolls sideways.
 */
describe('away delegation', () => {
  const env = serverAndBrowser();

  it('set → active → revoke, at 375 px', async () => {
    const url = env.server.url;
    const employeeName = (await (await apiSignIn(url, 'employee', PASSWORD)).get<{ user: { displayName: string } }>('/api/auth/me')).user.displayName;
    const context = await env.browser.newContext({ locale: 'zh-CN', ...phone });
    const page = await context.newPage();
    screenshotOnFailure(page, 'pip-away');
    await page.goto(`${url}/login`);
    await signIn(page, 'manager', PASSWORD);
    await page.waitForURL('**/inbox');
    await page.goto(`${url}/pips`);
    await expect.poll(() => byTestId(page, 'away-card').isVisible()).toBe(true);
    expect(await byTestId(page, 'away-card').textContent()).toContain('外出代理');
    await byTestId(page, 'away-delegate').click();
    await page.keyboard.type(employeeName);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: employeeName }).first().click();
    await byTestId(page, 'away-note').fill('出差');
    await byTestId(page, 'away-save').click();
    await expect.poll(() => byTestId(page, 'away-row').first().getAttribute('data-state')).toBe('active');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'pip-away-active');
    await byTestId(page, 'away-revoke').first().click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => byTestId(page, 'away-row').first().getAttribute('data-state')).toBe('revoked');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
  });
});
