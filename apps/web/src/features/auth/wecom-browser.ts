/** The WeCom in-app browser says so in its user agent ("wxwork/4.1.x"). */
export function isWecomBrowser(userAgent: string): boolean {
  return /\bwxwork\//i.test(userAgent);
}

const KEY = 'uplift.wecomSignInAt';
/** A failed or cancelled WeCom sign-in must not bounce back into another one straight away. */
export const WECOM_RETRY_MS = 60_000;

/**
 * Whether a signed-out visitor should be sent through WeCom OAuth (no password inside WeCom):
 * only in the WeCom browser, and not again within a minute of the last try.
 */
export function shouldTryWecomSignIn(userAgent: string, lastTriedAt: number | null, now: number): boolean {
  return isWecomBrowser(userAgent) && (lastTriedAt === null || now - lastTriedAt > WECOM_RETRY_MS);
}

/** The OAuth start URL that comes back to `here` signed in. */
export function wecomSignInUrl(here: string): string {
  return `/api/wecom/oauth/start?next=${encodeURIComponent(here)}`;
}

/** Sends the browser through WeCom sign-in when it should; answers whether it did. */
export function tryWecomSignIn(here: string, env: { userAgent: string; storage: Pick<Storage, 'getItem' | 'setItem'> | null; now: number; go(url: string): void }): boolean {
  const last = Number(env.storage?.getItem(KEY) ?? '');
  if (!shouldTryWecomSignIn(env.userAgent, Number.isFinite(last) && last > 0 ? last : null, env.now)) return false;
  env.storage?.setItem(KEY, String(env.now));
  env.go(wecomSignInUrl(here));
  return true;
}
