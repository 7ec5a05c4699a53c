import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runServerOnce, spawnServer, type SpawnedServer } from '../support/spawn-server.ts';

// These drive the real server process, as `npm start` runs it, on the embedded database:
// graceful stop, a hard kill in the middle of writes, the data-dir lock and boot-time config errors.

const dirs: string[] = [];
function dataDir() {
  const d = mkdtempSync(path.join(os.tmpdir(), 'uplift-proc-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Session = { cookie: string; csrf: string };

async function login(url: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Uplift#2026' }) });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie();
  const sid = cookies.find((c) => c.startsWith('uplift_sid='))!.split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: sid, csrf: body.csrfToken };
}

async function createUser(url: string, s: Session, username: string): Promise<number> {
  const res = await fetch(`${url}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: JSON.stringify({ username, displayName: username, password: 'Passw0rd-123' }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function usernames(url: string, s: Session): Promise<Set<string>> {
  const names = new Set<string>();
  let cursor: string | null = null;
  do {
    const res = await fetch(`${url}/api/admin/users?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: { cookie: s.cookie } });
    const page = (await res.json()) as { items: { username: string }[]; nextCursor: string | null };
    for (const u of page.items) names.add(u.username);
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

async function verify(url: string, s: Session) {
  const res = await fetch(`${url}/api/admin/audit/verify`, { headers: { cookie: s.cookie } });
  return (await res.json()) as { ok: boolean; records: number };
}

const env = (dir: string) => ({ DATA_DIR: dir, UPLIFT_DEMO: 'true', LOGIN_RATE_PER_MINUTE: '1000' });

describe('the server process', () => {
  it('stops gracefully on SIGINT, finishing in-flight requests, and restarts with everything there', async () => {
    const dir = dataDir();
    const server = await spawnServer(env(dir));
    const s = await login(server.url);
    // a request in flight when the signal arrives still completes
    // a refused or reset connection counts as not acknowledged (0)
    const inflight = Promise.all(Array.from({ length: 8 }, (_, i) => createUser(server.url, s, `graceful${i}`).catch(() => 0)));
    await new Promise((r) => setTimeout(r, 20));
    const code = await server.kill('SIGINT');
    expect(code).toBe(0);
    const statuses = await inflight;
    expect(statuses.some((st) => st === 201)).toBe(true);
    expect(existsSync(path.join(dir, 'uplift.lock'))).toBe(false);

    const again = await spawnServer(env(dir));
    try {
      const s2 = await login(again.url);
      const names = await usernames(again.url, s2);
      statuses.forEach((st, i) => {
        if (st === 201) expect(names.has(`graceful${i}`)).toBe(true);
      });
      expect((await verify(again.url, s2)).ok).toBe(true);
    } finally {
      expect(await again.kill('SIGINT')).toBe(0);
    }
  });

  it('keeps every acknowledged write after SIGKILL in the middle of writes, and reopens cleanly', async () => {
    const dir = dataDir();
    const server: SpawnedServer = await spawnServer(env(dir));
    const s = await login(server.url);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `k${w}-${i}`;
        const status = await createUser(server.url, s, name).catch(() => 0);
        if (status === 201) acknowledged.push(name);
      }
    };
    const writers = [0, 1, 2].map(writer);
    while (acknowledged.length < 15) await new Promise((r) => setTimeout(r, 20));
    await server.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(existsSync(path.join(dir, 'uplift.lock'))).toBe(true); // a stale lock from the dead process

    const again = await spawnServer(env(dir));
    try {
      const s2 = await login(again.url);
      const names = await usernames(again.url, s2);
      const lost = acknowledged.filter((n) => !names.has(n));
      expect(lost).toEqual([]);
      expect((await verify(again.url, s2)).ok).toBe(true);
      const health = await fetch(`${again.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', db: 'ok', jobs: 'ok' });
    } finally {
      await again.kill('SIGINT');
    }
  });

  it('refuses a second process on the same data dir with a clear message', async () => {
    const dir = dataDir();
    const first = await spawnServer(env(dir));
    try {
      const second = await runServerOnce(env(dir));
      expect(second.code).toBe(75);
      expect(second.output).toContain('is in use by another Uplift process');
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      await first.kill('SIGINT');
    }
  });

  it('fails at boot naming a bad variable', async () => {
    const bad = await runServerOnce({ DATA_DIR: dataDir(), PORT: 'eighty' });
    expect(bad.code).toBe(78);
    expect(bad.output).toMatch(/PORT:/);
    const noSecret = await runServerOnce({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(noSecret.code).toBe(78);
    expect(noSecret.output).toMatch(/UPLIFT_SECRET: required when DATABASE_URL is set/);
  });

  it('generates the root key on first embedded start, with a warning, and keeps it', async () => {
    const dir = dataDir();
    const server = await spawnServer(env(dir));
    await server.kill('SIGINT');
    expect(server.output()).toContain('UPLIFT_SECRET was not set');
    expect(existsSync(path.join(dir, 'secret.key'))).toBe(true);
    expect(server.output()).toContain('admin / Uplift#2026');
  });
});
