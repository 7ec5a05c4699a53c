import type { Database } from '../../db/client.ts';
import type { Access } from '../access/access.ts';
import type { Actor } from './auth.service.ts';

/** The channel the database NOTIFYs on when who-may-do-what changes (migration 0022's triggers). */
export const AUTH_CHANNEL = 'uplift_auth';

/** A signed-in caller is held at most this long without asking the database again. */
export const TTL_MS = 60_000;
/** Entries per kind; beyond it the oldest is dropped. */
export const MAX_ENTRIES = 20_000;
const RELISTEN_MS = 1_000;

/** What a value was loaded against: it stays good while neither has moved. */
type Stamp = { transactions: number; notices: number };
type Entry<V> = { stamp: Stamp; at: number; value: V };

export type AuthCache = ReturnType<typeof createAuthCache>;

/**
 * Keeps each request from asking the database again who the caller is (their session) and what
 * they may see (their access). Anything cached is dropped as soon as something may have changed it:
 *
 * - any transaction that ends in this process (a sign-out, a revoked grant, a disabled account, a
 *   job change…), so the next request here sees it, with no window;
 * - any NOTIFY on `uplift_auth`, sent by triggers on users, sessions, role_grants, employees and
 *   org_units, so other nodes sharing the database drop theirs within the notification's delay.
 *
 * Until it listens, and whenever the listening connection is lost, nothing is cached. A value loaded
 * while a change committed carries the stamp from before it and is never served. Sessions still
 * expire on the injected clock: the cache holds when a session was last seen and when it ends.
 */
export function createAuthCache(database: Pick<Database, 'transactionsEnded' | 'listen'>, opts: { monotonic?: () => number } = {}) {
  // the age of an entry is wall time on this node, not business time: the injected clock may stand still
  const monotonic = opts.monotonic ?? (() => performance.now());
  let notices = 0;
  let listening = false;
  let closed = false;
  let stopListening: (() => Promise<void>) | null = null;
  let retry: NodeJS.Timeout | null = null;

  const stamp = (): Stamp => ({ transactions: database.transactionsEnded(), notices });
  const fresh = (s: Stamp) => listening && s.transactions === database.transactionsEnded() && s.notices === notices;

  const stores: { clear(): void }[] = [];
  function store<V>() {
    const entries = new Map<string, Entry<V>>();
    const s = {
      get(key: string): V | undefined {
        const e = entries.get(key);
        if (!e) return undefined;
        if (fresh(e.stamp) && monotonic() - e.at < TTL_MS) return e.value;
        entries.delete(key);
        return undefined;
      },
      /** Keeps `value`, loaded after `loadedAt` was taken, unless something changed meanwhile. */
      set(key: string, loadedAt: Stamp, value: V): void {
        if (!fresh(loadedAt)) return;
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(key, { stamp: loadedAt, at: monotonic(), value });
      },
      /** The value under `key`, or `load()`'s, kept for the next request when nothing changed meanwhile. */
      async through(key: string, load: () => Promise<V>): Promise<V> {
        const hit = s.get(key);
        if (hit !== undefined) return hit;
        const loadedAt = stamp();
        const value = await load();
        s.set(key, loadedAt, value);
        return value;
      },
      clear: () => entries.clear(),
    };
    stores.push(s);
    return s;
  }

  async function listen(): Promise<void> {
    if (closed || listening) return;
    try {
      const handle = await database.listen(AUTH_CHANNEL, {
        notify: () => {
          notices++;
        },
        lost: () => {
          listening = false;
          notices++;
          stopListening = null;
          scheduleRelisten();
        },
      });
      if (closed) return void (await handle.close());
      stopListening = () => handle.close();
      // a change may have committed before LISTEN took effect: start from a new stamp
      notices++;
      listening = true;
    } catch {
      scheduleRelisten();
    }
  }

  function scheduleRelisten() {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void listen();
    }, RELISTEN_MS);
    retry.unref();
  }

  return {
    stamp,
    /** Session id → the caller, and when the session ends and was last seen (see auth.service). */
    sessions: store<{ actor: Actor; expiresAt: number; lastSeenAt: number }>(),
    /** User id → their access (see access.http). */
    access: store<Access>(),
    /** Starts caching: listens for changes made anywhere. */
    listen,
    /** True while changes are heard and values are kept. */
    active: () => listening,
    async close(): Promise<void> {
      closed = true;
      listening = false;
      if (retry) clearTimeout(retry);
      for (const s of stores) s.clear();
      await stopListening?.();
    },
  };
}
