import { describe, expect, it } from 'vitest';
import { apiSignIn, byTestId, openInWecom, pageWidth, screenshotOnFailure, shot, serverAndBrowser } from './support.ts';

/**
 * Opening Uplift inside WeCom: the demo employee holds the simulated phone; opening a page of the
 * app signs them in through WeCom OAuth with no password and lands on that page; a desktop
 * browser without a session still goes to the sign-in form.
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
});
