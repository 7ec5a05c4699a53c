import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, byTestId, pageWidth, screenshotOnFailure, shot, signIn, serverAndBrowser } from './support.ts';

describe('accounts, lost sessions and wrong turns', () => {
  const env = serverAndBrowser();

  async function adminPage(width = 1280): Promise<Page> {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/login`);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForURL('**/inbox');
    await byTestId(page, 'inbox-item').first().waitFor();
    return page;
  }

  it('an account the admin creates must change its one-time password at first sign-in', async () => {
    const admin = await adminPage();
    screenshotOnFailure(admin, 'create-account-admin');
    const username = `li.lei.${Date.now()}`;
    await admin.goto(`${env.server.url}/admin/users`);
    await byTestId(admin, 'users-table').waitFor();
    await byTestId(admin, 'create-user').click();
    await byTestId(admin, 'create-user-username').fill(username);
    await byTestId(admin, 'create-user-display-name').fill('李雷');
    await byTestId(admin, 'create-user-submit').click();
    const shown = byTestId(admin, 'initial-password');
    await shown.waitFor();
    const initialPassword = (await shown.innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(10);
    await shot(admin, 'users-1-initial-password');
    await admin.getByRole('button', { name: '我已记下' }).click();
    await shown.waitFor({ state: 'hidden' });
    await admin.locator('tr', { hasText: username }).getByText('待改密').waitFor();
    await shot(admin, 'users-2-table');
    await admin.context().close();

    const user = await (await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true })).newPage();
    screenshotOnFailure(user, 'create-account-user');
    await user.goto(`${env.server.url}/inbox`);
    await user.waitForURL('**/login');
    await signIn(user, username, initialPassword);
    await user.waitForURL('**/account');
    await byTestId(user, 'must-change-password').waitFor();
    expect(await byTestId(user, 'inbox-bell').count()).toBe(0);

    // the contract's rule, checked in the browser
    await byTestId(user, 'current-password').fill(initialPassword);
    await byTestId(user, 'new-password').fill('short1');
    await byTestId(user, 'confirm-password').fill('short1');
    await byTestId(user, 'change-password-submit').click();
    await user.getByText('至少 10 个字符', { exact: true }).waitFor();

    // a problem only the server can see lands on its field
    await byTestId(user, 'current-password').fill('not-the-password-1');
    await byTestId(user, 'new-password').fill('Better-passw0rd');
    await byTestId(user, 'confirm-password').fill('Better-passw0rd');
    await byTestId(user, 'change-password-submit').click();
    await user.getByText('当前密码不正确').waitFor();
    expect(await pageWidth(user)).toBeLessThanOrEqual(375);
    await shot(user, 'users-3-must-change');

    await byTestId(user, 'current-password').fill(initialPassword);
    await byTestId(user, 'change-password-submit').click();
    await byTestId(user, 'must-change-password').waitFor({ state: 'detached' });
    await byTestId(user, 'inbox-bell').click();
    await user.waitForURL('**/inbox');

    // not an administrator: the admin pages say so
    await user.goto(`${env.server.url}/admin/system`);
    await byTestId(user, 'forbidden').waitFor();
    await user.context().close();
  });

  it('an admin disables an account, which can then no longer sign in, and enables it again', async () => {
    const admin = await adminPage();
    screenshotOnFailure(admin, 'disable-account');
    const username = `han.mei.${Date.now()}`;
    const password = 'Han-Mei-2026x';
    await byTestId(admin, 'nav-admin-users').click();
    await byTestId(admin, 'users-table').waitFor();
    await byTestId(admin, 'create-user').click();
    await byTestId(admin, 'create-user-username').fill(username);
    await byTestId(admin, 'create-user-display-name').fill('韩梅梅');
    await admin.getByText('手动设置密码').click();
    await byTestId(admin, 'create-user-password').fill(password);
    await byTestId(admin, 'create-user-submit').click();
    const row = admin.locator('tr', { hasText: username });
    await row.waitFor();
    expect(await byTestId(admin, 'initial-password').isVisible()).toBe(false);

    await byTestId(admin, `user-disable-${username}`).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await row.getByText('已停用').waitFor();

    const other = await (await env.browser.newContext({ locale: 'zh-CN' })).newPage();
    await other.goto(`${env.server.url}/login`);
    await signIn(other, username, password);
    expect(await byTestId(other, 'login-error').innerText()).toContain('账号已停用');

    await byTestId(admin, `user-enable-${username}`).click();
    await row.getByText('正常').waitFor();
    await signIn(other, username, password);
    await other.waitForURL('**/inbox');
    await other.context().close();
    await admin.context().close();
  });

  it('a lost session sends the user to sign in, then back to where they were going', async () => {
    const page = await adminPage();
    screenshotOnFailure(page, 'lost-session');
    // as if the session lapsed on the server: the next call answers 401
    await page.context().clearCookies();
    await byTestId(page, 'nav-admin-users').click();
    await page.waitForURL('**/login');
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForURL('**/admin/users');
    await byTestId(page, 'users-table').waitFor();
    await page.context().close();
  });

  it('says why sign-in failed, and shows a way back from an unknown page', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    screenshotOnFailure(page, 'wrong-turns');
    await page.goto(`${env.server.url}/login`);
    await signIn(page, ADMIN.username, 'wrong-password');
    expect(await byTestId(page, 'login-error').innerText()).toContain('用户名或密码错误');

    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForURL('**/inbox');
    await page.goto(`${env.server.url}/no/such/page`);
    await byTestId(page, 'not-found').waitFor();
    await shot(page, 'not-found');
    await page.getByRole('button', { name: '返回收件箱' }).click();
    await page.waitForURL('**/inbox');
    await context.close();
  });
});
