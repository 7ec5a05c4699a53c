import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { buildOrgFixture } from '../../../test/support/org-fixture.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Channel } from './notify.channels.ts';

const ctx = { actorId: null, actorLabel: 'test', requestId: null };
let t: TestApp;
// a channel that reaches only some people, like WeCom for those with a WeCom id
const reached = new Set<string>();
const picky: Channel = { name: 'picky', reachable: async (_tx, ids) => new Set(ids.filter((id) => reached.has(id))), deliver: async () => undefined };

beforeAll(async () => {
  t = await createTestApp({ channels: [picky] });
  await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
});
afterAll(() => t.close());

describe('notifyAudience()', () => {
  it('notifies the people a query yields, set-based, once per dedupe key, with outbox rows per reachable channel', async () => {
    const people = await queryRows<{ user_id: string }>(t.db.database.db, sql`select user_id from employees where user_id is not null order by employee_no`);
    reached.add(people[0]!.user_id);
    const send = () =>
      t.db.database.db.transaction((tx) =>
        t.services.notify.notifyAudience(tx, ctx, {
          recipients: sql`select e.user_id from employees e where e.user_id is not null union all select null`,
          kind: 'test.audience',
          dedupeKey: 'audience:1',
          payload: { title: { 'zh-CN': '通知' } },
        }),
      );
    expect(await send()).toBe(people.length);
    expect(await send()).toBe(0);
    const rows = await queryRows<{ channel: string; n: number }>(t.db.database.db, sql`select o.channel, count(*)::int as n from outbox o join notifications n on n.id = o.notification_id where n.dedupe_key = 'audience:1' group by 1 order by 1`);
    expect(rows).toEqual([
      { channel: 'in_app', n: people.length },
      { channel: 'picky', n: 1 },
    ]);
    const [audit] = await queryRows<{ after: { counts: Record<string, number> } }>(t.db.database.db, sql`select after from audit_log where action = 'notification.create' and entity_id = 'audience:1'`);
    expect(audit!.after.counts).toEqual({ recipients: people.length, deliveries: people.length + 1 });
  });
});
