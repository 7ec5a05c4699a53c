import { describe, expect, it } from 'vitest';
import { apiSignIn, byTestId, openInWecom, openInWecomAs, pageWidth, screenshotOnFailure, shot, serverAndBrowser } from './support.ts';

/**
 * Opening Uplift inside WeCom: the demo employee holds the simulated phone; opening a page of the
 * app signs them in through WeCom OAuth with no password and lands on that page; a desktop
 * browser without a session still goes to the sign-in form. A sign-in WeCom or Uplift refuses
 * lands on the sign-in page, which says why in Chinese, and does not bounce back into OAuth.
 */
describe('signing in inside WeCom', () => {
  const env = serverAndBrowser();

  it('the WeCom browser signs in through OAuth and lands where it was going', async () => {
    // the member holding the simulated phone (the simulator's OAuth page asks nobody else)
    const page = await openInWecom(env.browser, env.server.url, await apiSignIn(env.server.url, 'employee', 'Uplift#2026'));
    screenshotOnFailure(page, 'wecom-signin');
    await page.goto(`${env.server.url}/my/policies`);
    // through /api/wecom/oauth/start, the simulator's authorize page and the callback, back here signed in
    await byTestId(page, 'my-policy').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/my/policies');
    const session = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(session.user.username).toBe('employee');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-signed-in');
    await page.context().close();
  });

  it('an ordinary browser without a session still gets the sign-in form', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/my/policies`);
    await page.waitForURL('**/login');
    await byTestId(page, 'login-submit').waitFor();
    await context.close();
  });

  it('a member without an Uplift account is told so on the sign-in page, once, with no JSON and no loop', async () => {
    // an active person of the demo group with no sign-in account, found as HR would: on their page
    const hr = await apiSignIn(env.server.url, 'hr', 'Uplift#2026');
    const people = await hr.get<{ items: { id: string; employeeNo: string; status: string }[] }>('/api/people?status=active&sort=employeeNo&limit=50');
    let employeeNo: string | null = null;
    for (const p of people.items) {
      const detail = await hr.get<{ account: unknown }>(`/api/people/${p.id}`);
      if (detail.account === null) {
        employeeNo = p.employeeNo;
        break;
      }
    }
    expect(employeeNo).not.toBeNull();
    const page = await openInWecomAs(env.browser, env.server.url, employeeNo!);
    screenshotOnFailure(page, 'wecom-signin-refused');
    const starts: string[] = [];
    page.on('request', (r) => void (new URL(r.url()).pathname === '/api/wecom/oauth/start' && starts.push(r.url())));
    await page.goto(`${env.server.url}/my/policies`);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('wecom') === 'no_account');
    const alert = byTestId(page, 'login-wecom-failed');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('没有可用的跃升账号');
    // nothing to try again with: no account would come of it
    expect(await byTestId(page, 'login-wecom-retry').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-signin-no-account');
    // one trip through OAuth, not a loop: the sign-in page does not start another
    await page.reload();
    await alert.waitFor();
    expect(starts).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('a stale or foreign OAuth answer lands on the sign-in page with a way to try again inside WeCom', async () => {
    const page = await openInWecom(env.browser, env.server.url, await apiSignIn(env.server.url, 'employee', 'Uplift#2026'));
    await page.goto(`${env.server.url}/api/wecom/oauth/callback?code=stale&state=notthisbrowser`);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('wecom') === 'state');
    expect(await byTestId(page, 'login-wecom-failed').innerText()).toContain('请从企业微信应用重新打开');
    // one tap signs in again through WeCom and lands on the inbox
    await byTestId(page, 'login-wecom-retry').click();
    // WeCom's authorize address ends in #wechat_redirect, which the browser keeps through the redirects
    await page.waitForURL((u) => u.pathname === '/inbox');
    const session = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(session.user.username).toBe('employee');
    await page.context().close();
  });
});
