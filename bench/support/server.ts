import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServer, type SpawnedServer } from '../../apps/server/test/support/spawn-server.ts';

export const BENCH_SECRET = 'bench-secret-0123456789-0123456789-abc';
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/server');

/** Where a bench server keeps its data: embedded PGlite in a directory, or a PostgreSQL database. */
export type Target = { driver: 'pglite' | 'postgres'; env: Record<string, string> };

/** Runs `npm run seed` (the CLI, as its own process) against the target; returns its report. */
export async function seed(target: Target, employees: number): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts', '--employees', String(employees)], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', UPLIFT_SECRET: BENCH_SECRET, ...target.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  if (code !== 0) throw new Error(`seed failed (exit ${code}):\n${out}`);
  return out.trim();
}

/** The real server (`src/main.ts`) as a child process on the target. */
export function startServer(target: Target): Promise<SpawnedServer> {
  return spawnServer({ UPLIFT_SECRET: BENCH_SECRET, UPLIFT_DEMO: 'false', LOG_LEVEL: 'warn', ...target.env }, { timeoutMs: 120_000 });
}

/** A signed-in HTTP client: the session cookie on every request, the CSRF header on writes. */
export type Client = {
  cookie: string;
  get<T>(pathAndQuery: string): Promise<T>;
  post<T>(pathAndQuery: string, body?: unknown): Promise<T>;
};

export async function signIn(baseUrl: string, username: string, password: string): Promise<Client> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const cookies = new Map(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  const sid = cookies.get('uplift_sid');
  const csrf = cookies.get('uplift_csrf');
  if (!sid || !csrf) throw new Error('sign-in set no session cookies');
  const cookie = `uplift_sid=${sid}; uplift_csrf=${csrf}`;
  const call = async <T>(method: string, pathAndQuery: string, body: RequestInit['body'], headers: Record<string, string>): Promise<T> => {
    const r = await fetch(`${baseUrl}${pathAndQuery}`, { method, body, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers } });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${pathAndQuery}: ${r.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  };
  return {
    cookie,
    get: (p) => call('GET', p, undefined, {}),
    post: (p, body) =>
      body instanceof FormData ? call('POST', p, body, {}) : call('POST', p, body === undefined ? undefined : JSON.stringify(body), body === undefined ? {} : { 'content-type': 'application/json' }),
  };
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
