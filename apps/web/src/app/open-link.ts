import type { NavigateFunction } from 'react-router';

/** Follows a link from the server: app paths in the router, web addresses in the browser. */
export function openLink(link: string, navigate: NavigateFunction): void {
  if (link.startsWith('/') && !link.startsWith('//')) {
    void navigate(link);
    return;
  }
  if (/^https?:\/\//i.test(link)) window.location.assign(link);
}
