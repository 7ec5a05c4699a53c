import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServer } from '../support/spawn-server.ts';

// SIGKILL in the middle of an import's merge, on the real server process (embedded database):
// the merge transaction never commits, so after a restart no row of the file is in, and the
// import shows as failed.

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Session = { cookie: string; csrf: string };

async function login(url: string, username: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Uplift#2026' }) });
  expect(res.status).toBe(200);
  const sid = res.headers.getSetCookie().find((c) => c.startsWith('uplift_sid='))!.split(';')[0]!;
  return { cookie: sid, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const get = async <T>(url: string, s: Session): Promise<T> => (await (await fetch(url, { headers: { cookie: s.cookie } })).json()) as T;

describe('an import killed mid-way', () => {
  it('merges nothing and shows as failed after a restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-import-kill-'));
    dirs.push(dir);
    const env = { DATA_DIR: dir, UPLIFT_DEMO: 'true', LOGIN_RATE_PER_MINUTE: '1000' };
    const server = await spawnServer(env);
    let id: string;
    try {
      const s = await login(server.url, 'hr');
      const tree = await get<{ items: { code: string; type: string; active: boolean }[] }>(`${server.url}/api/org/tree`, s);
      const units = tree.items.filter((u) => u.active && (u.type === 'team' || u.type === 'department')).map((u) => u.code);
      const lines = ['工号,姓名,性别,部门编码,岗位,职级,入职日期'];
      for (let i = 0; i < 40_000; i++) lines.push(`KILL${String(i).padStart(6, '0')},测试${i},${i % 2 ? '男' : '女'},${units[i % units.length]},工程师,P${(i % 5) + 1},2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
      const form = new FormData();
      form.append('type', 'employees');
      form.append('file', new Blob([lines.join('\r\n')], { type: 'text/csv' }), 'kill.csv');
      const res = await fetch(`${server.url}/api/imports`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: form });
      expect(res.status).toBe(201);
      id = ((await res.json()) as { id: string }).id;
      let status = '';
      for (let i = 0; i < 600 && status !== 'ready'; i++) {
        status = (await get<{ status: string }>(`${server.url}/api/imports/${id}`, s)).status;
        expect(['validating', 'ready']).toContain(status);
        if (status !== 'ready') await new Promise((r) => setTimeout(r, 100));
      }
      const merge = await fetch(`${server.url}/api/imports/${id}/merge`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
      expect(merge.status).toBe(202);
      // the merge of 40,000 rows is one transaction taking well over this
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await server.kill('SIGKILL');
    }

    const again = await spawnServer(env);
    try {
      const s = await login(again.url, 'hr');
      const batch = await get<{ status: string; failure: string | null; canMerge: boolean }>(`${again.url}/api/imports/${id!}`, s);
      expect(batch.status).toBe('failed');
      expect(batch.failure).toContain('没有写入任何数据');
      const people = await get<{ total: number }>(`${again.url}/api/people?q=KILL&limit=1`, s);
      expect(people.total).toBe(0);
    } finally {
      await again.kill('SIGINT');
    }
  }, 180_000);
});
