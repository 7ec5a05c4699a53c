import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

const quiet = () => {};
const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({ UPLIFT_SECRET: secret }, quiet);
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, demo: true, cookieSecure: false, backup: { cron: '0 3 * * *', retain: 14 }, tickSeconds: null });
    expect(loadConfig({ UPLIFT_SECRET: secret, TICK_SECONDS: '5' }, quiet).tickSeconds).toBe(5);
    expect(c.webhookTargets).toEqual({ allowLoopback: false });
    expect(loadConfig({ UPLIFT_SECRET: secret, WEBHOOK_ALLOW_LOOPBACK: 'true' }, quiet).webhookTargets).toEqual({ allowLoopback: true });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ UPLIFT_SECRET: secret, PORT: 'abc' }, quiet)).toThrow(/PORT:/);
    expect(() => loadConfig({ UPLIFT_SECRET: 'short' }, quiet)).toThrow(/UPLIFT_SECRET: .*32/);
    expect(() => loadConfig({ UPLIFT_SECRET: secret, DATABASE_URL: 'mysql://x' }, quiet)).toThrow(/DATABASE_URL:/);
    expect(() => loadConfig({ UPLIFT_SECRET: secret, BACKUP_CRON: 'daily' }, quiet)).toThrow(/BACKUP_CRON:/);
    expect(() => loadConfig({ UPLIFT_SECRET: secret, TICK_SECONDS: '0' }, quiet)).toThrow(/TICK_SECONDS:/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/uplift' }, quiet)).toThrow(ConfigError);
  });

  it('generates the root key into DATA_DIR once, with a warning, in embedded mode', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-cfg-'));
    const warnings: string[] = [];
    const a = loadConfig({ DATA_DIR: dir }, (m) => warnings.push(m));
    const b = loadConfig({ DATA_DIR: dir }, (m) => warnings.push(m));
    expect(a.secret).toBe(b.secret);
    expect(a.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toBe(a.secret);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/production must|In production set UPLIFT_SECRET/);
  });

  it('turns demo data off by default with PostgreSQL', () => {
    expect(loadConfig({ UPLIFT_SECRET: secret, DATABASE_URL: 'postgres://db/uplift' }, quiet).demo).toBe(false);
  });
});
