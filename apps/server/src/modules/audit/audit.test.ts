import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { hashRecord } from './audit.chain.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const q = (s: SQL) => queryRows(t.db.database.db, s);

/** Simulates an attacker with database access: the append-only trigger is their first obstacle. */
async function asAttacker(fn: () => Promise<unknown>) {
  await q(sql`alter table audit_log disable trigger audit_log_append_only`);
  try {
    await fn();
  } finally {
    await q(sql`alter table audit_log enable trigger audit_log_append_only`);
  }
}

async function createUsers(n: number, prefix: string) {
  const admin = await t.login();
  for (let i = 0; i < n; i++) {
    const r = await admin.request('POST', '/api/admin/users', { username: `${prefix}${i}`, displayName: `${prefix} ${i}`, password: 'Passw0rd-123' });
    expect(r.statusCode).toBe(201);
  }
  return admin;
}

describe('audit trail', () => {
  it('records every write in the same transaction, with actor, request id and redacted secrets', async () => {
    const admin = await createUsers(1, 'audited');
    const res = await admin.request('GET', '/api/admin/audit?limit=50');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { action: string; actorLabel: string; requestId: string | null; after: Record<string, unknown> }[];
    const create = items.find((i) => i.action === 'user.create' && i.after?.username === 'audited0');
    expect(create?.actorLabel).toBe('admin');
    expect(create?.requestId).toBeTruthy();
    expect(items.some((i) => i.action === 'auth.login')).toBe(true);
    // the password never reaches the trail, not even hashed
    const all = await q(sql`select before::text || after::text as t from audit_log`);
    expect(JSON.stringify(all)).not.toMatch(/Passw0rd|argon2/);
  });

  it('writes one record for a bulk operation, with counts and checksum', async () => {
    const admin = await t.login();
    const res = await admin.request('POST', '/api/notifications/read', { all: true });
    expect(res.statusCode).toBe(200);
    const [rec] = await t.db.database.db.select().from(auditLog).where(eq(auditLog.action, 'notification.read')).orderBy(sql`seq desc`).limit(1);
    expect(rec?.after).toMatchObject({ batch: true, counts: { read: 1 } });
    expect((rec?.after as { checksum: string }).checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses updates and deletes of audit rows', async () => {
    await expect(q(sql`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(q(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const admin = await t.login();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => admin.request('POST', '/api/admin/users', { username: `conc${i}`, displayName: 'c', password: 'Passw0rd-123' })),
    );
    const report = (await admin.request('GET', '/api/admin/audit/verify')).json();
    expect(report).toMatchObject({ ok: true, firstBroken: null });
    const [{ n }] = (await q(sql`select count(*)::int as n from audit_log`)) as [{ n: number }];
    expect(report.records).toBe(n);
    expect(report.headSeq).toBe(n);
  });
});

describe('tamper evidence', () => {
  it('detects an edited row at its sequence number', async () => {
    const local = await createTestApp();
    try {
      const admin = await local.login();
      await admin.request('POST', '/api/admin/users', { username: 'victim', displayName: 'v', password: 'Passw0rd-123' });
      const [target] = await local.db.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.create')).orderBy(sql`seq desc`).limit(1);
      await local.db.database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await local.db.database.db.execute(sql`update audit_log set actor_label = 'someone-else' where seq = ${target!.seq}`);
      await local.db.database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      const report = (await admin.request('GET', '/api/admin/audit/verify')).json();
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toMatchObject({ kind: 'record', seq: target!.seq });
    } finally {
      await local.close();
    }
  });

  it('detects a chain rewritten after the edited row through the signed checkpoint', async () => {
    const admin = await createUsers(3, 'rewrite');
    const cp = (await admin.request('POST', '/api/admin/audit/checkpoint')).json();
    expect(cp.seq).toBeGreaterThan(3);
    await createUsers(2, 'later');
    expect((await admin.request('GET', '/api/admin/audit/verify')).json().ok).toBe(true);

    // edit a record before the checkpoint, then recompute every hash after it and the head
    const victimSeq = cp.seq - 2;
    await asAttacker(async () => {
      await q(sql`update audit_log set actor_label = 'forged' where seq = ${victimSeq}`);
      const rows = await t.db.database.db.select().from(auditLog).where(sql`seq >= ${victimSeq}`).orderBy(asc(auditLog.seq));
      const [prev] = (await q(sql`select hash from audit_log where seq = ${victimSeq - 1}`)) as [{ hash: string }];
      let prevHash = prev.hash;
      for (const r of rows) {
        const hash = hashRecord({ ...r, prevHash });
        await q(sql`update audit_log set prev_hash = ${prevHash}, hash = ${hash} where seq = ${r.seq}`);
        prevHash = hash;
      }
      await q(sql`update audit_head set hash = ${prevHash} where id = 1`);
    });
    const report = (await admin.request('GET', '/api/admin/audit/verify')).json();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'checkpoint', seq: cp.seq });
  });

  it('detects a forged checkpoint signature', async () => {
    const local = await createTestApp();
    try {
      const admin = await local.login();
      await local.services.audit.checkpoint(local.db.database.db);
      await local.db.database.db.execute(sql`alter table audit_checkpoint disable trigger audit_checkpoint_append_only`);
      await local.db.database.db.execute(sql`update audit_checkpoint set signature = repeat('0', 64)`);
      const report = (await admin.request('GET', '/api/admin/audit/verify')).json();
      expect(report.firstBroken).toMatchObject({ kind: 'checkpoint', reason: expect.stringContaining('signature') });
    } finally {
      await local.close();
    }
  });

  it('signs a checkpoint once per head (idempotent job)', async () => {
    const a = await t.services.audit.checkpoint(t.db.database.db);
    const b = await t.services.audit.checkpoint(t.db.database.db);
    expect(a === null || a.seq > 0).toBe(true);
    expect(b).toBeNull();
  });
});
