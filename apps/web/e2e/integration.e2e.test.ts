import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { byTestId, pageWidth, screenshotOnFailure, shot, serverAndBrowser, openSignedIn } from './support.ts';

/** The demo group's HR director (group_hr, whole group). */
const HR = { username: 'hr', password: 'Uplift#2026' } as const;
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 860 } };

/**
 * Connecting another system, as group HR on a phone: a service account, a token for it (shown
 * once), the token working against /api/v1 and then revoked; a webhook subscription (its secret
 * shown once) and its delivery log. Nothing scrolls sideways at 375 px.
 */
describe('integration admin', () => {
  const env = serverAndBrowser();

  async function signedIn(opts: BrowserContextOptions): Promise<Page> {
    return openSignedIn(env.browser, env.server.url, { username: HR.username, password: HR.password }, opts);
  }

  it('issues a token once, which works until revoked; subscribes a webhook; all at 375 px', async () => {
    const page = await signedIn(phone);
    screenshotOnFailure(page, 'integration-phone');
    await byTestId(page, 'nav-drawer-open').click();
    await byTestId(page, 'nav-admin-integration').click();
    await page.waitForURL('**/admin/integration');

    await byTestId(page, 'account-create').click();
    await byTestId(page, 'account-name').fill('Beisen 考核');
    await byTestId(page, 'account-create-submit').click();
    const card = byTestId(page, 'account-card').filter({ hasText: 'Beisen 考核' });
    await card.waitFor();
    await byTestId(page, 'account-name').waitFor({ state: 'hidden' });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'integration-accounts-phone');

    await card.getByRole('button', { name: /令牌/ }).click();
    await byTestId(page, 'token-name').fill('生产环境');
    await page.getByRole('checkbox', { name: '写入工作日志' }).check();
    await byTestId(page, 'token-units').click();
    await page.locator('.ant-select-tree-node-content-wrapper').first().click();
    await page.keyboard.press('Escape');
    await byTestId(page, 'token-issue').click();
    const plain = byTestId(page, 'plain-token');
    await plain.waitFor();
    const token = (await plain.innerText()).trim();
    expect(token).toMatch(/^upl_[\w-]{43}$/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'integration-token-once-phone');
    await page.getByRole('button', { name: '我已保存' }).click();
    await byTestId(page, 'token-card').first().waitFor();
    // the list shows the prefix, never the token
    expect(await byTestId(page, 'tokens').innerText()).not.toContain(token.slice(12));

    // the token reaches the machine API (past authentication), and not once revoked
    const call = () =>
      fetch(`${env.server.url}/api/v1/work-logs:batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `e2e-${Date.now()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: [{ employee_no: 'NOBODY', date: '2026-03-01', hours: 8, summary: 'e2e' }] }),
      });
    expect([401, 403]).not.toContain((await call()).status);
    await byTestId(page, 'token-revoke').first().click();
    await page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: '确定' }).click();
    await byTestId(page, 'token-card').filter({ hasText: '已撤销' }).waitFor();
    expect((await call()).status).toBe(401);
    await shot(page, 'integration-tokens-phone');
    await page.locator('.ant-drawer-open .ant-drawer-close').click();

    await byTestId(page, 'tab-webhooks').click();
    await byTestId(page, 'webhook-create').click();
    await byTestId(page, 'webhook-name').fill('SAP 财务');
    await byTestId(page, 'webhook-url').fill('https://sap.xinghe.example/uplift');
    await page.getByRole('checkbox', { name: /新的 PIP 候选/ }).check();
    await byTestId(page, 'webhook-submit').click();
    const secret = byTestId(page, 'webhook-secret');
    await secret.waitFor();
    expect((await secret.innerText()).trim()).toMatch(/^whsec_/);
    await page.getByRole('button', { name: '我已保存' }).click();
    const hook = byTestId(page, 'webhook-card').filter({ hasText: 'SAP 财务' });
    await hook.waitFor();
    await secret.waitFor({ state: 'hidden' });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'integration-webhooks-phone');
    await hook.getByRole('button', { name: '投递记录' }).click();
    await page.getByText('暂无投递记录').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'integration-deliveries-phone');
  });

  it('shows accounts and webhooks as tables on a desktop', async () => {
    const page = await signedIn(desktop);
    screenshotOnFailure(page, 'integration-desktop');
    await page.goto(`${env.server.url}/admin/integration`);
    await byTestId(page, 'accounts-table').waitFor();
    await shot(page, 'integration-accounts-desktop');
    await byTestId(page, 'tab-webhooks').click();
    await byTestId(page, 'webhooks-table').waitFor();
    await shot(page, 'integration-webhooks-desktop');
  });
});
