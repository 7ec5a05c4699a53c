import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSignIn, byTestId, pageWidth, screenshotOnFailure, shot, signIn, serverAndBrowser } from './support.ts';

const HR = { username: 'hr', password: 'Uplift#2026' } as const;

/**
 * WeCom contact sync as group HR on a phone: position becomes WeCom's field, the preview shows
 * the update in its section, applying it (after confirming) reports the result; then the
 * simulator's knobs. Nothing scrolls sideways at 375 px.
 */
describe('WeCom contact sync', () => {
  const env = serverAndBrowser();

  async function phonePage(): Promise<Page> {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/login`);
    await signIn(page, HR.username, HR.password);
    await page.waitForURL('**/inbox');
    return page;
  }

  it('previews, confirms and applies a WeCom-master field; turns a simulator knob', async () => {
    // Uplift's position moves on; WeCom still has the old one
    const api = await apiSignIn(env.server.url, HR.username, HR.password);
    // the simulator mirrors the org when first asked: ask before Uplift changes
    await api.post('/api/wecom/sync/preview', { mode: 'full' });
    const people = await api.get<{ items: { id: string; name: string; status: string }[] }>('/api/people?limit=20');
    const someone = people.items.find((p) => p.status === 'active')!;
    await api.post(`/api/people/${someone.id}/changes`, { effectiveDate: new Date().toISOString().slice(0, 10), reason: '调岗', position: 'E2E 新岗位' });

    const page = await phonePage();
    screenshotOnFailure(page, 'wecom-sync-phone');
    await byTestId(page, 'nav-drawer-open').click();
    await byTestId(page, 'nav-admin-integration').click();
    await page.waitForURL('**/admin/integration');
    await byTestId(page, 'tab-wecom').click();
    // the tab has loaded all it shows (the simulator's card comes last): nothing moves under the open dropdown
    await byTestId(page, 'sim-stats').waitFor();
    await byTestId(page, 'master-position').click();
    await page.locator('.ant-select-dropdown:visible').getByText('以企业微信为准').click();
    await page.getByText('已保存').first().waitFor();

    await byTestId(page, 'sync-preview').click();
    await byTestId(page, 'sync-diff').waitFor();
    expect(await byTestId(page, 'sync-count-updates').innerText()).toBe('1');
    await page.getByText(`${someone.name}（`).first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-sync-preview-phone');

    await byTestId(page, 'sync-apply').click();
    await byTestId(page, 'sync-apply-confirm').click();
    await byTestId(page, 'sync-result').waitFor();
    expect(await byTestId(page, 'sync-result').innerText()).toContain('更新 1 项');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);

    await byTestId(page, 'sim-stats').scrollIntoViewIfNeeded();
    await byTestId(page, 'sim-fault').click();
    await page.getByText('-1 × 1').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-sim-phone');
  });
});
