import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, queryRows, type Database } from '../../db/client.ts';
import { deriveKey } from '../../lib/keys.ts';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../test/support/test-app.ts';
import { createAudit } from '../audit/audit.service.ts';
import { restorePglite, restorePostgres } from './backup.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Row counts of every application table (pg-boss excluded: its rows are transient). */
async function tableCounts(database: Database): Promise<Record<string, number>> {
  const { rows } = await database.executeSql(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, number> = {};
  for (const r of rows) {
    const name = String(r.table_name);
    const [c] = (await database.executeSql(`select count(*)::int as n from "${name}"`)).rows;
    out[name] = Number(c?.n);
  }
  return out;
}

describe('backup and restore', () => {
  it('backs up, survives a wipe, restores identical data with a verifying audit chain', async () => {
    const admin = await t.login();
    for (let i = 0; i < 5; i++) {
      expect((await admin.request('POST', '/api/admin/users', { username: `bk${i}`, displayName: `plaintext-marker-${i}-备份`, password: 'Passw0rd-123' })).statusCode).toBe(201);
    }
    await t.services.audit.checkpoint(t.db.database.db);
    const before = await tableCounts(t.db.database);
    const { file } = await t.services.backups.create();
    expect(before.users).toBeGreaterThanOrEqual(6);
    const full = path.join(t.config.backup.dir, file);
    // encrypted: no plaintext user names in the file
    expect(readFileSync(full).includes(Buffer.from('plaintext-marker-3'))).toBe(false);

    const key = deriveKey(TEST_SECRET, 'backup');
    let restored: Database;
    if (t.db.driver === 'pglite') {
      await t.db.database.close();
      const pgDir = path.join(t.db.dataDir, 'pg');
      writeFileSync(path.join(pgDir, 'PG_VERSION'), 'wiped'); // the data dir is now unusable
      const { previous } = await restorePglite(full, pgDir, key);
      expect(previous).toContain('before-restore');
      restored = await openPglite(pgDir);
      t.db.database = restored;
    } else {
      // wipe: drop every table of the application, then restore into the same database
      await t.db.database.executeSql('drop schema public cascade; create schema public;');
      await t.db.database.executeSql('drop schema if exists pgboss cascade; drop schema if exists drizzle cascade');
      expect(await tableCounts(t.db.database)).toEqual({});
      await restorePostgres(full, t.db.url!, key);
      await t.db.database.close();
      restored = await openPostgres(t.db.url!);
      t.db.database = restored;
    }
    expect(await tableCounts(restored)).toEqual(before);
    const audit = createAudit({ clock: t.clock, checkpointKey: deriveKey(TEST_SECRET, 'audit-checkpoint') });
    const report = await audit.verify(restored.db);
    expect(report).toMatchObject({ ok: true, firstBroken: null });
    expect(report.checkpoints).toBeGreaterThan(0);
    const names = await queryRows<{ username: string }>(restored.db, sql`select username from users where username like 'bk%' order by 1`);
    expect(names.map((r) => r.username)).toEqual(['bk0', 'bk1', 'bk2', 'bk3', 'bk4']);
  });

  it('refuses a backup under the wrong key or with a flipped byte, changing nothing', async () => {
    const local = await createTestApp();
    try {
      const b = await local.services.backups.create();
      const full = path.join(local.config.backup.dir, b.file);
      const wrongKey = deriveKey('another-secret-0123456789-0123456789-abcdef', 'backup');
      if (local.db.driver === 'pglite') {
        const target = path.join(local.db.dataDir, 'restore-target');
        await expect(restorePglite(full, target, wrongKey)).rejects.toThrow(/authentication/);
        const bytes = readFileSync(full);
        bytes[bytes.length - 100]! ^= 0xff;
        writeFileSync(full, bytes);
        await expect(restorePglite(full, target, deriveKey(TEST_SECRET, 'backup'))).rejects.toThrow(/authentication/);
        expect(existsSync(target)).toBe(false);
      } else {
        const before = await tableCounts(local.db.database);
        await expect(restorePostgres(full, local.db.url!, wrongKey)).rejects.toThrow(/authentication|pg_restore/);
        expect(await tableCounts(local.db.database)).toEqual(before);
      }
    } finally {
      await local.close();
    }
  });

  it('writes backups on demand for sys_admin, audited, keeping only the configured number', async () => {
    const local = await createTestApp({ env: { BACKUP_RETAIN: '2' } });
    try {
      const admin = await local.login();
      const files: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = await admin.request('POST', '/api/admin/backups');
        expect(created.statusCode).toBe(201);
        files.push(created.json().file);
        expect(files.at(-1)).toMatch(/^uplift-(pglite|pg_dump)-\d{8}T\d{6}Z\.ubk$/);
        local.clock.advance(60_000);
      }
      const listed = (await admin.request('GET', '/api/admin/backups')).json();
      expect(listed.items.map((b: { file: string }) => b.file)).toEqual([files[2], files[1]]);
      const audit = (await admin.request('GET', '/api/admin/audit?entityType=backup')).json();
      expect(audit.items).toHaveLength(3);
    } finally {
      await local.close();
    }
  });
});
