import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export type LoadResult = { rps: number; p50: number; p99: number; requests: number; failures: number; bytesPerResponse: number };

type AutocannonJson = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  throughput: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};

/**
 * Hammers one URL with autocannon in its own process (so the load generator does not share the
 * bench's event loop), after a short warm-up run whose figures are discarded.
 */
export async function hammer(url: string, opts: { headers?: Record<string, string>; seconds: number; connections: number }): Promise<LoadResult> {
  const headerArgs = Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  await autocannon([...headerArgs, '-c', String(opts.connections), '-d', '2', url]);
  const r = await autocannon([...headerArgs, '-c', String(opts.connections), '-d', String(opts.seconds), url]);
  const failures = r.non2xx + r.errors + r.timeouts;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, failures, bytesPerResponse: r.requests.total > 0 ? r.throughput.total / r.requests.total : 0 };
}

function autocannon(args: string[]): Promise<AutocannonJson> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [autocannonBin, '--json', '--no-progress', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
    proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
    proc.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err}`));
      try {
        resolve(JSON.parse(out) as AutocannonJson);
      } catch {
        reject(new Error(`autocannon printed no JSON: ${out}${err}`));
      }
    });
  });
}
