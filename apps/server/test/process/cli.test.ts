import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServer } from '../support/spawn-server.ts';

// The operator's commands on the embedded database: npm run backup / restore / audit:verify.
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(script: string, args: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

async function accountCount(url: string): Promise<number> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Uplift#2026' }) });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('uplift_sid='))!.split(';')[0]!;
  const page = (await (await fetch(`${url}/api/admin/users?limit=200`, { headers: { cookie } })).json()) as { items: unknown[] };
  return page.items.length;
}

describe('operator commands', () => {
  it('backs up, restores and verifies the audit chain from the command line; refuses while the server runs', async () => {
    const server = await spawnServer({ DATA_DIR: dir, UPLIFT_DEMO: 'true' });
    const before = await accountCount(server.url);
    const busy = cli('backup');
    expect(busy.code).toBe(75);
    expect(busy.out).toContain('in use by another Uplift process');
    expect(await server.kill('SIGINT')).toBe(0);

    const backup = cli('backup');
    expect(backup.code, backup.out).toBe(0);
    const [file] = readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.ubk'));
    expect(file).toBeTruthy();

    const verify = cli('audit-verify');
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(/audit chain OK: \d+ records/);

    const missing = cli('restore', ['no-such-file.ubk']);
    expect(missing.code).toBe(66);
    const restore = cli('restore', [file!]);
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toMatch(/restored .*audit chain OK/);

    const again = await spawnServer({ DATA_DIR: dir, UPLIFT_DEMO: 'true' });
    try {
      expect(await accountCount(again.url)).toBe(before);
    } finally {
      await again.kill('SIGINT');
    }
  });
});
