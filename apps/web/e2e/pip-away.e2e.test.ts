import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import { apiSignIn, byTestId, pageWidth, screenshotOnFailure, shot, signIn, serverAndBrowser } from './support.ts';

const PASSWORD = 'Uplift#2026';
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * 外出代理 on a phone, in Chinese: the demo manager names their HRBP (a colleague of the same
 * company, not one of their reports, so outside the people they may see) as their delegate for
 * today, sees it active, and revokes it. Nothing scrolls sideways.
 */
describe('away delegation', () => {
  const env = serverAndBrowser();

  it('set → active → revoke, at 375 px', async () => {
    const url = env.server.url;
    const hrbp = (await (await apiSignIn(url, 'hrbp', PASSWORD)).get<{ user: { displayName: string; employeeId: string } }>('/api/auth/me')).user;
    // the manager could not pick them from the people list: it holds only their own team
    const manager = await apiSignIn(url, 'manager', PASSWORD);
    const visible = await manager.get<{ items: { id: string }[] }>(`/api/people?q=${encodeURIComponent(hrbp.displayName)}`);
    expect(visible.items.map((i) => i.id)).not.toContain(hrbp.employeeId);
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
    await page.keyboard.type(hrbp.displayName);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: hrbp.displayName }).first().click();
    await byTestId(page, 'away-note').fill('出差');
    await byTestId(page, 'away-save').click();
    await expect.poll(() => byTestId(page, 'away-row').first().getAttribute('data-state')).toBe('active');
    expect(await byTestId(page, 'away-row').first().innerText()).toContain(hrbp.displayName);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'pip-away-active');
    await byTestId(page, 'away-revoke').first().click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => byTestId(page, 'away-row').first().getAttribute('data-state')).toBe('revoked');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
  });
});
