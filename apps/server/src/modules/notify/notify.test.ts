import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { notifications, outbox, users } from '../../db/schema/index.ts';
import { MINUTE } from '../../lib/clock.ts';
import { createTestApp, eventually, type TestApp } from '../../../test/support/test-app.ts';
import type { Channel } from './notify.channels.ts';
import { MAX_ATTEMPTS, backoffMs } from './notify.service.ts';

const ctx = { actorId: null, actorLabel: 'test', requestId: null };

/** A channel that fails while `down` is set: stands in for an external provider (WeCom later). */
function flakyChannel() {
  const state = { down: true, delivered: [] as number[] };
  const channel: Channel = {
    name: 'flaky',
    async deliver(d) {
      if (state.down) throw new Error('provider unavailable');
      state.delivered.push(d.outboxId);
    },
  };
  return { state, channel };
}

let t: TestApp;
const flaky = flakyChannel();
beforeAll(async () => {
  t = await createTestApp({ channels: [flaky.channel] });
});
afterAll(async () => {
  await t.close();
});

async function userId(username: string) {
  const [u] = await t.db.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u!.id;
}

async function newUser(username: string) {
  const admin = await t.login();
  const r = await admin.request('POST', '/api/admin/users', { username, displayName: username, password: 'Passw0rd-123' });
  expect(r.statusCode).toBe(201);
  return { id: r.json().user.id as string, client: await t.login(username, 'Passw0rd-123') };
}

const payload = (title: string) => ({ title: { 'zh-CN': title, 'en-US': title }, body: { 'zh-CN': '正文' }, link: '/inbox' });

describe('notify()', () => {
  it('writes the inbox item and one outbox row per channel in the caller transaction', async () => {
    const { id } = await newUser('n1');
    await t.db.database.db.transaction((tx) => t.services.notify.notify(tx, ctx, { recipients: [id], kind: 'test.hello', dedupeKey: 'hello:1', payload: payload('你好') }));
    const rows = await t.db.database.db.select().from(outbox).innerJoin(notifications, eq(notifications.id, outbox.notificationId)).where(eq(notifications.dedupeKey, 'hello:1'));
    expect(rows.map((r) => r.outbox.channel).sort()).toEqual(['flaky', 'in_app']);
  });

  it('leaves nothing behind when the caller transaction rolls back', async () => {
    const { id } = await newUser('n2');
    await expect(
      t.db.database.db.transaction(async (tx) => {
        await t.services.notify.notify(tx, ctx, { recipients: [id], kind: 'test.rollback', dedupeKey: 'rb:1', payload: payload('回滚') });
        throw new Error('caller failed after notifying');
      }),
    ).rejects.toThrow('caller failed');
    const left = await t.db.database.db.select().from(notifications).where(eq(notifications.dedupeKey, 'rb:1'));
    expect(left).toHaveLength(0);
  });

  it('is idempotent per recipient and dedupe key (a job that runs twice notifies once)', async () => {
    const { id } = await newUser('n3');
    for (let i = 0; i < 2; i++) {
      await t.db.database.db.transaction((tx) => t.services.notify.notify(tx, ctx, { recipients: [id, id], kind: 'test.once', dedupeKey: 'once:1', payload: payload('一次') }));
    }
    const items = await t.db.database.db.select().from(notifications).where(and(eq(notifications.recipientId, id), eq(notifications.dedupeKey, 'once:1')));
    expect(items).toHaveLength(1);
  });

  it('writes many notices at once, each its own text, with one audit record per dedupe key, and once only', async () => {
    const [a, b] = [(await newUser('many-a')).id, (await newUser('many-b')).id];
    const many = () =>
      t.db.database.db.transaction((tx) =>
        t.services.notify.notifyMany(tx, ctx, [
          { recipients: [a], kind: 'test.many', dedupeKey: 'many:1', payload: payload('给 A') },
          { recipients: [b], kind: 'test.many', dedupeKey: 'many:1', payload: payload('给 B') },
          { recipients: [a], kind: 'test.many', dedupeKey: 'many:2', payload: payload('再给 A') },
        ]),
      );
    expect(await many()).toHaveLength(3);
    expect(await many()).toHaveLength(0);
    const items = await t.db.database.db.select().from(notifications).where(eq(notifications.kind, 'test.many'));
    expect(items.map((n) => `${n.recipientId === a ? 'a' : 'b'} ${n.dedupeKey} ${(n.payload as { title: { 'zh-CN': string } }).title['zh-CN']}`).sort()).toEqual(['a many:1 给 A', 'a many:2 再给 A', 'b many:1 给 B']);
    const audits = await queryRows<{ entity_id: string; n: number }>(
      t.db.database.db,
      sql`select entity_id, (after->'counts'->>'recipients')::int as n from audit_log where action = 'notification.create' and entity_id like 'many:%' order by entity_id`,
    );
    expect(audits).toEqual([{ entity_id: 'many:1', n: 2 }, { entity_id: 'many:2', n: 1 }]);
  });
});

describe('delivery', () => {
  it('retries a failing channel with backoff on the clock, then dead-letters it; an admin can retry it', async () => {
    const { id } = await newUser('n4');
    await t.db.database.db.transaction((tx) => t.services.notify.notify(tx, ctx, { recipients: [id], kind: 'test.retry', dedupeKey: 'retry:1', payload: payload('重试') }));
    const row = async () => {
      const [r] = await t.db.database.db.select({ o: outbox }).from(outbox).innerJoin(notifications, eq(notifications.id, outbox.notificationId)).where(and(eq(notifications.dedupeKey, 'retry:1'), eq(outbox.channel, 'flaky')));
      return r!.o;
    };
    await t.services.notify.deliverDue();
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'provider unavailable' });
    // not due yet: nothing happens however often the job runs
    await t.services.notify.deliverDue();
    expect((await row()).attempts).toBe(1);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      t.clock.advance(backoffMs(attempt - 1));
      await t.services.notify.deliverDue();
      expect((await row()).attempts).toBe(attempt);
    }
    expect((await row()).status).toBe('dead');
    // the in-app channel of the same notification was delivered on the first run
    const [item] = await t.db.database.db.select().from(notifications).where(eq(notifications.dedupeKey, 'retry:1'));
    expect(item?.deliveredAt).not.toBeNull();

    const admin = await t.login();
    const dead = (await admin.request('GET', '/api/admin/dead-letters')).json();
    const letter = dead.items.find((d: { notificationId: string }) => d.notificationId === item!.id);
    expect(letter).toMatchObject({ channel: 'flaky', attempts: MAX_ATTEMPTS, lastError: 'provider unavailable', kind: 'test.retry' });
    flaky.state.down = false;
    expect((await admin.request('POST', `/api/admin/dead-letters/${letter.id}/retry`)).statusCode).toBe(200);
    await t.services.notify.deliverDue();
    expect(await row()).toMatchObject({ status: 'sent' });
    expect(flaky.state.delivered).toContain(Number(letter.id));
    expect((await admin.request('POST', `/api/admin/dead-letters/${letter.id}/retry`)).statusCode).toBe(404);
    flaky.state.down = true;
  });

  it('takes over a delivery leased by a process that died', async () => {
    const { id } = await newUser('n5');
    await t.db.database.db.transaction((tx) => t.services.notify.notify(tx, ctx, { recipients: [id], kind: 'test.lease', dedupeKey: 'lease:1', payload: payload('租约') }));
    const [n] = await t.db.database.db.select().from(notifications).where(eq(notifications.dedupeKey, 'lease:1'));
    // as if a node leased the in-app row and died before recording the result
    await t.db.database.db.update(outbox).set({ status: 'sending', leaseUntil: new Date(t.clock.now().getTime() + 5 * MINUTE) }).where(and(eq(outbox.notificationId, n!.id), eq(outbox.channel, 'in_app')));
    await t.services.notify.deliverDue();
    const [still] = await t.db.database.db.select().from(outbox).where(and(eq(outbox.notificationId, n!.id), eq(outbox.channel, 'in_app')));
    expect(still?.status).toBe('sending');
    t.clock.advance(6 * MINUTE);
    await t.services.notify.deliverDue();
    const [done] = await t.db.database.db.select().from(outbox).where(and(eq(outbox.notificationId, n!.id), eq(outbox.channel, 'in_app')));
    expect(done?.status).toBe('sent');
  });
});

describe('delivery through the job queue', () => {
  it('delivers a new account notice through pg-boss after the request commits', async () => {
    const local = await createTestApp({ jobs: true });
    try {
      const admin = await local.login();
      const r = await admin.request('POST', '/api/admin/users', { username: 'queued', displayName: 'Q', password: 'Passw0rd-123' });
      expect(r.statusCode).toBe(201);
      const id = r.json().user.id as string;
      await eventually(async () => {
        const [n] = await local.db.database.db.select().from(notifications).where(eq(notifications.recipientId, id));
        return n?.deliveredAt != null;
      });
      const [o] = await local.db.database.db.select().from(outbox).where(eq(outbox.recipientId, id));
      expect(o?.status).toBe('sent');
    } finally {
      await local.close();
    }
  });
});

describe('inbox API', () => {
  it('lists my items newest first with pagination, counts unread, marks read', async () => {
    const { id, client } = await newUser('reader');
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      await t.db.database.db.transaction((tx) => t.services.notify.notify(tx, ctx, { recipients: [id], kind: 'test.page', dedupeKey: `page:${i}`, payload: payload(`消息 ${i}`) }));
    }
    // 5 + the welcome notice
    expect((await client.request('GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 6 });
    const p1 = (await client.request('GET', '/api/notifications?limit=4')).json();
    expect(p1.items.map((i: { title: { 'zh-CN': string } }) => i.title['zh-CN']).slice(0, 3)).toEqual(['消息 4', '消息 3', '消息 2']);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (await client.request('GET', `/api/notifications?limit=4&cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(2);
    expect(p2.nextCursor).toBeNull();
    const first = p1.items[0].id as string;
    expect((await client.request('POST', '/api/notifications/read', { ids: [first] })).json()).toEqual({ updated: 1 });
    expect((await client.request('GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 5 });
    const unread = (await client.request('GET', '/api/notifications?unread=true&limit=50')).json();
    expect(unread.items.map((i: { id: string }) => i.id)).not.toContain(first);
    expect((await client.request('POST', '/api/notifications/read', { all: true })).json()).toEqual({ updated: 5 });
    expect((await client.request('GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
  });

  it('never shows or changes another person’s items', async () => {
    const a = await newUser('owner-a');
    const b = await newUser('owner-b');
    await t.db.database.db.transaction((tx) => t.services.notify.notify(tx, ctx, { recipients: [a.id], kind: 'test.private', dedupeKey: 'private:1', payload: payload('仅A可见') }));
    const [item] = await t.db.database.db.select().from(notifications).where(eq(notifications.dedupeKey, 'private:1'));
    const bList = (await b.client.request('GET', '/api/notifications?limit=100')).json();
    expect(bList.items.map((i: { id: string }) => i.id)).not.toContain(item!.id);
    expect((await b.client.request('POST', '/api/notifications/read', { ids: [item!.id] })).json()).toEqual({ updated: 0 });
    const [after] = await t.db.database.db.select().from(notifications).where(eq(notifications.id, item!.id));
    expect(after?.readAt).toBeNull();
  });

  it('rejects a bad cursor and an ambiguous mark-read body, naming the field', async () => {
    const c = await t.login();
    const bad = await c.request('GET', '/api/notifications?cursor=%%%');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('querystring.cursor');
    const both = await c.request('POST', '/api/notifications/read', { ids: [await userId('admin')], all: true });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('VALIDATION_FAILED');
  });
});
