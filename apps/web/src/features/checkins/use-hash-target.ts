import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** The id the URL's hash points at among `prefix-<id>` anchors (`#checkin-…`, `#evaluation-…`), else null. */
export function useHashTarget(prefix: 'checkin' | 'evaluation'): string | null {
  const { hash } = useLocation();
  const p = `#${prefix}-`;
  return hash.startsWith(p) ? decodeURIComponent(hash.slice(p.length)) : null;
}

/** Scrolls the element into view once, when it is the hash's target (a to-do's link lands on it). */
export function useScrollIntoView<T extends HTMLElement>(targeted: boolean) {
  const ref = useRef<T>(null);
  const done = useRef(false);
  useEffect(() => {
    if (!targeted || done.current || !ref.current) return;
    const el = ref.current;
    // after the cards above have laid out
    const raf = requestAnimationFrame(() => {
      done.current = true;
      el.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
    return () => cancelAnimationFrame(raf);
  }, [targeted]);
  return ref;
}
