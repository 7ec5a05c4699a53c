import type { NavigateFunction } from 'react-router';

/** True for a path inside this app ("/inbox"), false for "//host", "/\\host" or a URL. */
export function isAppPath(link: string): boolean {
  return /^\/(?![/\\])/.test(link);
}

/** Follows a link from the server: app paths in the router, web addresses in the browser. */
export function openLink(link: string, navigate: NavigateFunction): void {
  if (isAppPath(link)) {
    void navigate(link);
    return;
  }
  if (/^https?:\/\//i.test(link)) window.location.assign(link);
}
