import { describe, expect, it } from 'vitest';
import { isWecomBrowser, shouldTryWecomSignIn, tryWecomSignIn, wecomSignInUrl, WECOM_RETRY_MS } from './wecom-browser.ts';

const wecomUa = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh ColorScheme/Light';
const wechatUa = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40 NetType/WIFI Language/zh_CN';

describe('signing in inside WeCom', () => {
  it('recognises the WeCom browser, not WeChat or a desktop browser', () => {
    expect(isWecomBrowser(wecomUa)).toBe(true);
    expect(isWecomBrowser(wechatUa)).toBe(false);
    expect(isWecomBrowser('Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0')).toBe(false);
  });

  it('tries once, then not again within a minute (a cancelled authorisation does not loop)', () => {
    expect(shouldTryWecomSignIn(wecomUa, null, 1_000)).toBe(true);
    expect(shouldTryWecomSignIn(wecomUa, 1_000, 1_000 + WECOM_RETRY_MS)).toBe(false);
    expect(shouldTryWecomSignIn(wecomUa, 1_000, 2_000 + WECOM_RETRY_MS)).toBe(true);
    expect(shouldTryWecomSignIn(wechatUa, null, 1_000)).toBe(false);
  });

  it('goes to OAuth with the page to come back to, and remembers when', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const went: string[] = [];
    const env = { userAgent: wecomUa, storage, now: 5_000, go: (u: string) => void went.push(u) };
    expect(tryWecomSignIn('/pips/1?tab=goals', env)).toBe(true);
    expect(went).toEqual([wecomSignInUrl('/pips/1?tab=goals')]);
    expect(went[0]).toBe('/api/wecom/oauth/start?next=%2Fpips%2F1%3Ftab%3Dgoals');
    expect(tryWecomSignIn('/pips/1', { ...env, now: 6_000 })).toBe(false);
    expect(went).toHaveLength(1);
  });
});
