import { eq } from 'drizzle-orm';
import { employees } from '../../src/db/schema/index.ts';
import { buildPipFixture } from './pip-fixture.ts';
import { createTestApp, type TestApp } from './test-app.ts';
import { SIM_ADMIN_HEADER } from '../../src/wecom-sim/sim.credentials.ts';

/** Drives the simulator's admin API over HTTP, as a test or the demo would. */
export function simAdmin(t: TestApp) {
  const sim = t.services.wecom.sim;
  if (!sim || !t.url) throw new Error('createTestApp({ wecom: true }) runs the simulator over HTTP');
  const base = `${t.url}/wecom-sim`;
  const headers = { [SIM_ADMIN_HEADER]: sim.adminKey, 'content-type': 'application/json' };
  return {
    sim,
    base,
    async post(action: string, body: unknown = {}): Promise<Record<string, unknown>> {
      const res = await fetch(`${base}/admin/${action}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (res.status !== 200) throw new Error(`sim admin ${action}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    },
    async view<T>(name: string): Promise<T> {
      const res = await fetch(`${base}/admin/${name}`, { headers });
      return ((await res.json()) as Record<string, T>)[name]!;
    },
    /** A raw call to the simulated API (for behaviours the typed client never shows). */
    async raw(path: string, init: { query?: Record<string, string>; body?: string; method?: 'GET' | 'POST'; headers?: Record<string, string> } = {}) {
      const res = await fetch(`${base}${path}?${new URLSearchParams(init.query ?? {}).toString()}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers: init.headers ?? {}, body: init.body });
      const text = await res.text();
      return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown>, headers: res.headers };
    },
  };
}

/**
 * The PIP fixture on a test app running the simulator over HTTP, business time 2026-09-01: the
 * manager (a1Lead) and the HRBP (a1Hrbp) are on WeCom as `a1lead` and `a1hrbp`.
 */
export async function wecomPipFixture() {
  const t = await createTestApp({ wecom: true });
  const f = await buildPipFixture(t);
  const db = t.db.database.db;
  await db.update(employees).set({ wecomUserId: 'a1lead' }).where(eq(employees.id, f.people.a1Lead!.id));
  await db.update(employees).set({ wecomUserId: 'a1hrbp' }).where(eq(employees.id, f.people.a1Hrbp!.id));
  await f.at('2026-09-01T01:00:00.000Z');
  return { t, f, admin: simAdmin(t) };
}
