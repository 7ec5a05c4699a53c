import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Zip, ZipDeflate } from 'fflate';

const SLICE = 1024 * 1024;

export type ZipSink = {
  /** Adds one file (deflated) and returns its SHA-256 and size; waits while the disk catches up. */
  add(path: string, content: Buffer | string): Promise<{ sha256: string; size: number }>;
  /** Writes the central directory and closes the file. */
  finish(): Promise<void>;
  /** Stops writing (the caller removes the file). */
  abort(): void;
};

/**
 * A ZIP written to `file` as files are added: memory holds one file's bytes at a time, never
 * the archive. Paths are UTF-8 (flagged so), each file's time is `mtime`.
 */
export function zipToFile(file: string, mtime: Date): ZipSink {
  const out = createWriteStream(file);
  let failed: Error | null = null;
  out.on('error', (e) => {
    failed = e;
  });
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failed = err;
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  const drained = async () => {
    if (failed) throw failed;
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  return {
    async add(path, content) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      const entry = new ZipDeflate(path, { level: 6 });
      entry.mtime = mtime;
      zip.add(entry);
      if (bytes.length === 0) entry.push(new Uint8Array(0), true);
      for (let i = 0; i < bytes.length; i += SLICE) {
        entry.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length);
        await drained();
      }
      return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    },
    async finish() {
      zip.end();
      if (!out.writableFinished) await once(out, 'finish');
      if (failed) throw failed;
    },
    abort() {
      zip.terminate();
      out.destroy();
    },
  };
}
