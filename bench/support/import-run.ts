import type { ImportBatch } from '@uplift/contract';
import type { Client } from './server.ts';

/** When each status/phase was first seen while polling (ms since the upload started), and the highest RSS sampled in it. */
export type Timeline = { label: string; atMs: number; rssMb: number }[];

/** `slowestPollMs`: the longest a status request waited for an answer (the server's event loop was busy). */
export type ImportRun = { batch: ImportBatch; totalMs: number; timeline: Timeline; slowestPollMs: number };

const POLL_MS = 100;
const SAMPLE_MS = 50;
const FINAL = new Set(['ready', 'invalid', 'merged', 'failed', 'discarded', 'rolled_back']);

/**
 * Uploads a CSV of an import type to POST /api/imports, waits until it is validated, merges it and
 * waits until it is merged (upload received → merged, as a person would see it), polling often
 * enough to time the phases, and sampling the server's resident memory (`rssMb`) throughout.
 */
export async function runImport(client: Client, csv: Buffer, rssMb: () => number, file: { type: string; fileName: string }): Promise<ImportRun> {
  const form = new FormData();
  form.append('type', file.type);
  form.append('file', new Blob([csv], { type: 'text/csv' }), file.fileName);
  const started = performance.now();
  const timeline: Timeline = [];
  const enter = (label: string) => timeline.push({ label, atMs: performance.now() - started, rssMb: rssMb() });
  const sampler = setInterval(() => {
    const current = timeline.at(-1);
    try {
      if (current) current.rssMb = Math.max(current.rssMb, rssMb());
    } catch {
      // the server is gone: the next request reports it
    }
  }, SAMPLE_MS);
  try {
    enter('upload request');
    let batch = await client.post<ImportBatch>('/api/imports', form);
    let slowestPollMs = 0;
    let failedPolls = 0;
    const waitUntilSettled = async () => {
      for (;;) {
        const phase = batch.progress?.phase;
        const label = phase && phase !== batch.status ? `${batch.status}/${phase}` : batch.status;
        if (timeline.at(-1)?.label !== label) enter(label);
        if (FINAL.has(batch.status)) return;
        await new Promise((r) => setTimeout(r, POLL_MS));
        const asked = performance.now();
        try {
          batch = await client.get<ImportBatch>(`/api/imports/${batch.id}`);
          failedPolls = 0;
        } catch (e) {
          // a server whose event loop was blocked past Node's header timeout drops the waiting
          // connection when it comes back: ask again, as a reloading page would
          if (!(e instanceof TypeError) || ++failedPolls > 3) throw e;
        }
        slowestPollMs = Math.max(slowestPollMs, performance.now() - asked);
      }
    };
    await waitUntilSettled();
    if (batch.status === 'ready') {
      enter('merge request');
      batch = await client.post<ImportBatch>(`/api/imports/${batch.id}/merge`);
      await waitUntilSettled();
    }
    return { batch, totalMs: performance.now() - started, timeline, slowestPollMs };
  } finally {
    clearInterval(sampler);
  }
}

/** "upload request 9.6 s (RSS ≤ 650 MB) · validating 7.3 s (…)": where the time and the memory go. */
export function describeTimeline(timeline: Timeline, totalMs: number): string {
  return timeline
    .map((t, i) => ({ ...t, ms: (timeline[i + 1]?.atMs ?? totalMs) - t.atMs }))
    .filter((p) => !FINAL.has(p.label) || p.ms >= 50)
    .map((p) => `${p.label} ${(p.ms / 1000).toFixed(1)} s (RSS ≤ ${p.rssMb.toFixed(0)} MB)`)
    .join(' · ');
}
