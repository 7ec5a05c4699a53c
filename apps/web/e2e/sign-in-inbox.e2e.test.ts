import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ADMIN, byTestId, pageWidth, screenshotOnFailure, shot, signIn, serverAndBrowser } from './support.ts';

describe('sign in → inbox → admin → account → sign out', () => {
  const env = serverAndBrowser();

  async function newPage(opts: BrowserContextOptions): Promise<Page> {
    const context = await env.browser.newContext({ locale: 'zh-CN', ...opts });
    return context.newPage();
  }

  it('signs in as admin, reads the welcome notification, verifies the audit chain, switches to English and signs out', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    screenshotOnFailure(page, 'desktop-journey');

    await page.goto(`${env.server.url}/`);
    await page.waitForURL('**/login');
    expect(await byTestId(page, 'demo-hint').innerText()).toContain('admin');
    await shot(page, 'desktop-1-login');

    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForURL('**/inbox');
    const item = byTestId(page, 'inbox-item').filter({ hasText: '跃升已就绪' });
    await item.waitFor();
    expect(await item.getAttribute('data-read')).toBe('false');
    const badge = byTestId(page, 'inbox-unread-count');
    await badge.waitFor();
    expect(await badge.getAttribute('data-count')).toBe('1');
    await shot(page, 'desktop-2-inbox');

    // the item deep-links to /admin/system; opening it marks it read
    await item.click();
    await page.waitForURL('**/admin/system');
    await page.getByText('审计链校验', { exact: true }).waitFor();
    await badge.waitFor({ state: 'detached' });

    await byTestId(page, 'audit-verify').click();
    const ok = byTestId(page, 'audit-verify-ok');
    await ok.waitFor();
    expect(await ok.innerText()).toContain('审计链完整');
    await byTestId(page, 'audit-records').waitFor();
    await shot(page, 'desktop-3-system');

    await byTestId(page, 'inbox-bell').click();
    await page.waitForURL('**/inbox');
    await page.locator('[data-testid="inbox-item"][data-read="true"]', { hasText: '跃升已就绪' }).waitFor();

    await byTestId(page, 'user-menu').click();
    await byTestId(page, 'account-link').click();
    await page.waitForURL('**/account');
    expect(await byTestId(page, 'account-profile').innerText()).toContain('系统管理员');

    await byTestId(page, 'lang-switch').click();
    await byTestId(page, 'lang-en-US').click();
    await page.getByText('Change password', { exact: true }).first().waitFor();
    expect(await byTestId(page, 'account-profile').innerText()).toContain('System administrator');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await byTestId(page, 'lang-en-US').waitFor({ state: 'hidden' });
    await shot(page, 'desktop-4-account-en');

    // the choice is remembered on this device
    await page.reload();
    await page.getByText('Change password', { exact: true }).first().waitFor();

    await byTestId(page, 'user-menu').click();
    await byTestId(page, 'logout').click();
    await page.waitForURL('**/login');
    await page.getByText('Sign in to Uplift').waitFor();
    await shot(page, 'desktop-5-signed-out');
    await page.context().close();
  });

  it('works at phone width (375 px): sign-in lands on the intended page, nothing scrolls sideways', async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    screenshotOnFailure(page, 'phone-journey');

    await page.goto(`${env.server.url}/inbox`);
    await page.waitForURL('**/login');
    await byTestId(page, 'login-submit').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-1-login');

    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForURL('**/inbox');
    await byTestId(page, 'inbox-item').filter({ hasText: '跃升已就绪' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-2-inbox');

    await byTestId(page, 'nav-drawer-open').click();
    await byTestId(page, 'nav-admin-system').click();
    await page.waitForURL('**/admin/system');
    await byTestId(page, 'audit-records').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-3-system');

    // accounts as cards rather than a wide table
    await byTestId(page, 'nav-drawer-open').click();
    await byTestId(page, 'nav-admin-users').click();
    await byTestId(page, 'user-card').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-4-users');
    await page.context().close();
  });
});
