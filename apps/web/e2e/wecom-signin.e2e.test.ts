import { describe, expect, it } from 'vitest';
import { apiSignIn, byTestId, pageWidth, screenshotOnFailure, shot, serverAndBrowser } from './support.ts';

/** The WeCom in-app browser on a phone (its user agent says wxwork/…). */
const WECOM_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh ColorScheme/Light';

/**
 * Opening Uplift inside WeCom: the demo employee holds the simulated phone; opening a page of the
 * app signs them in through WeCom OAuth with no password and lands on that page; a desktop
 * browser without a session still goes to the sign-in form.
 */
describe('signing in inside WeCom', () => {
  const env = serverAndBrowser();

  it('the WeCom browser signs in through OAuth and lands where it was going', async () => {
    const own = await apiSignIn(env.server.url, 'employee', 'Uplift#2026');
    const me = await own.get<{ user: { employeeId: string } }>('/api/auth/me');
    const person = await own.get<{ employeeNo: string }>(`/api/people/${me.user.employeeId}`);
    const context = await env.browser.newContext({ locale: 'zh-CN', userAgent: WECOM_UA, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    screenshotOnFailure(page, 'wecom-signin');
    // the member holding the simulated phone (the simulator's OAuth page asks nobody else)
    await page.goto(`${env.server.url}/wecom-sim/phone?userid=${person.employeeNo.toLowerCase()}`);
    await page.goto(`${env.server.url}/my/policies`);
    // through /api/wecom/oauth/start, the simulator's authorize page and the callback, back here signed in
    await byTestId(page, 'my-policy').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/my/policies');
    const session = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(session.user.username).toBe('employee');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'wecom-signed-in');
    await context.close();
  });

  it('an ordinary browser without a session still gets the sign-in form', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/my/policies`);
    await page.waitForURL('**/login');
    await byTestId(page, 'login-submit').waitFor();
    await context.close();
  });
});
