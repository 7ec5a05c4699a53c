import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A dialog a link can open: arriving with `?<key>=<value>` opens it with `pick(value)` (null when
 * the caller may not: nothing opens). Closing it drops the parameter from the address, so going
 * back or reloading does not open it again; `hash` lands the page on what the dialog made.
 */
export function useLinkedDialog<T>(key: string, pick: (value: string) => T | null): [T | null, (next: T | null, opts?: { hash?: string }) => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const [open, setOpen] = useState<T | null>(() => {
    const value = new URLSearchParams(location.search).get(key);
    return value === null ? null : pick(value);
  });
  const set = (next: T | null, opts: { hash?: string } = {}) => {
    setOpen(next);
    const params = new URLSearchParams(location.search);
    if (next !== null || (!params.has(key) && opts.hash === undefined)) return;
    params.delete(key);
    const search = params.toString();
    void navigate({ pathname: location.pathname, search: search ? `?${search}` : '', hash: opts.hash ?? location.hash }, { replace: true });
  };
  return [open, set];
}
