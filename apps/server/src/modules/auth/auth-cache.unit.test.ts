import { describe, expect, it } from 'vitest';
import { createAuthCache, MAX_ENTRIES, TTL_MS } from './auth-cache.ts';

/** What the cache reads of the database: its transaction count, and one LISTEN at a time. */
function fakeDatabase() {
  let transactions = 0;
  let listener: { notify(): void; lost(err: unknown): void } | null = null;
  let refuse = false;
  return {
    transactionsEnded: () => transactions,
    listen: async (_channel: string, on: { notify(): void; lost(err: unknown): void }) => {
      if (refuse) throw new Error('connection refused');
      listener = on;
      return { close: async () => void (listener = null) };
    },
    endTransaction: () => void transactions++,
    notify: () => listener?.notify(),
    loseConnection: () => {
      const l = listener;
      listener = null;
      l?.lost(new Error('gone'));
    },
    refuse: (v: boolean) => void (refuse = v),
    listening: () => listener !== null,
  };
}

const counter = () => {
  let loads = 0;
  return { load: async () => ++loads, loads: () => loads };
};

describe('auth cache', () => {
  it('keeps nothing until it listens', async () => {
    const db = fakeDatabase();
    const cache = createAuthCache(db);
    const c = counter();
    await cache.access.through('u1', c.load as never);
    await cache.access.through('u1', c.load as never);
    expect(c.loads()).toBe(2);
    await cache.listen();
    await cache.access.through('u1', c.load as never);
    await cache.access.through('u1', c.load as never);
    expect(c.loads()).toBe(3);
    await cache.close();
  });

  it('drops everything when a transaction ends here or a change is announced from anywhere', async () => {
    const db = fakeDatabase();
    const cache = createAuthCache(db);
    await cache.listen();
    const c = counter();
    expect(await cache.access.through('u1', c.load as never)).toBe(1);
    expect(await cache.access.through('u1', c.load as never)).toBe(1);
    db.endTransaction();
    expect(await cache.access.through('u1', c.load as never)).toBe(2);
    db.notify();
    expect(await cache.access.through('u1', c.load as never)).toBe(3);
    expect(await cache.access.through('u1', c.load as never)).toBe(3);
    await cache.close();
  });

  it('never keeps a value loaded while a change committed', async () => {
    const db = fakeDatabase();
    const cache = createAuthCache(db);
    await cache.listen();
    let loads = 0;
    // the change lands while the first load is on its way: what it read may predate the change
    await cache.access.through('u1', async () => {
      loads++;
      db.notify();
      return 'before' as never;
    });
    expect(await cache.access.through('u1', async () => (loads++, 'after' as never))).toBe('after');
    expect(loads).toBe(2);
    await cache.close();
  });

  it('stops keeping values when the listening connection is lost, and starts again once it listens anew', async () => {
    const db = fakeDatabase();
    const cache = createAuthCache(db);
    await cache.listen();
    const c = counter();
    await cache.access.through('u1', c.load as never);
    db.refuse(true);
    db.loseConnection();
    expect(cache.active()).toBe(false);
    await cache.access.through('u1', c.load as never);
    await cache.access.through('u1', c.load as never);
    expect(c.loads()).toBe(3);
    db.refuse(false);
    await cache.listen();
    expect(cache.active()).toBe(true);
    await cache.access.through('u1', c.load as never);
    await cache.access.through('u1', c.load as never);
    expect(c.loads()).toBe(4);
    await cache.close();
    expect(db.listening()).toBe(false);
  });

  it('keeps sessions and access apart, per key', async () => {
    const db = fakeDatabase();
    const cache = createAuthCache(db);
    await cache.listen();
    const session = { actor: { id: 'u1' } as never, expiresAt: 1, lastSeenAt: 0 };
    cache.sessions.set('s1', cache.stamp(), session);
    expect(cache.sessions.get('s1')).toBe(session);
    expect(cache.sessions.get('s2')).toBeUndefined();
    expect(cache.access.get('s1')).toBeUndefined();
    await cache.close();
    expect(cache.sessions.get('s1')).toBeUndefined();
  });

  it('asks the database again once an entry is a minute old, whatever happened meanwhile', async () => {
    const db = fakeDatabase();
    let ms = 1_000;
    const cache = createAuthCache(db, { monotonic: () => ms });
    await cache.listen();
    const c = counter();
    expect(await cache.access.through('u1', c.load as never)).toBe(1);
    ms += TTL_MS - 1;
    expect(await cache.access.through('u1', c.load as never)).toBe(1);
    ms += 1;
    expect(await cache.access.through('u1', c.load as never)).toBe(2);
    expect(await cache.access.through('u1', c.load as never)).toBe(2);
    await cache.close();
  });

  it('keeps at most so many entries, dropping the oldest first', async () => {
    const db = fakeDatabase();
    const cache = createAuthCache(db);
    await cache.listen();
    for (let i = 0; i <= MAX_ENTRIES; i++) cache.access.set(`u${i}`, cache.stamp(), i as never);
    expect(cache.access.get('u0')).toBeUndefined();
    expect(cache.access.get('u1')).toBe(1);
    expect(cache.access.get(`u${MAX_ENTRIES}`)).toBe(MAX_ENTRIES);
    await cache.close();
  });
});
