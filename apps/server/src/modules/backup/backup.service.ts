import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { decryptFromFile, encryptToFile } from './backup.crypto.ts';

export type BackupInfo = { file: string; bytes: number; createdAt: string };

const EXT = '.ubk';

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Collects a child process's stderr for an error message a person can act on. */
function run(cmd: string, args: string[], opts: { stdin?: Readable } = {}) {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  if (!opts.stdin) child.stdin.end();
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`${cmd} could not start: ${e.message} (is the PostgreSQL client installed?)`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${stderr.trim()}`))));
  });
  if (opts.stdin && child.stdin) opts.stdin.pipe(child.stdin);
  return { child, done };
}

export type Backups = ReturnType<typeof createBackups>;

/**
 * Encrypted backups: a PGlite data-dir dump in embedded mode, `pg_dump -Fc` with PostgreSQL.
 * Keeps the newest `retain` files in `dir`.
 */
export function createBackups(deps: { database: Database; databaseUrl: string | null; dir: string; retain: number; key: Buffer; clock: Clock; log: Logger }) {
  const { database, dir, key, clock, log } = deps;

  async function create(): Promise<BackupInfo> {
    await mkdir(dir, { recursive: true });
    const at = clock.now();
    const kind = database.kind === 'pglite' ? 'pglite' : 'pg_dump';
    const name = `uplift-${kind}-${stamp(at)}${EXT}`;
    const tmp = path.join(dir, `.${name}.partial`);
    try {
      if (database.pglite) {
        const blob = await database.pglite.dumpDataDir('gzip');
        await encryptToFile(Readable.fromWeb(blob.stream() as never), tmp, key, 'pglite');
      } else {
        const dump = run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${deps.databaseUrl}`]);
        await Promise.all([encryptToFile(dump.child.stdout, tmp, key, 'pg_dump'), dump.done]);
      }
      // only a complete file gets the final name: a crash mid-backup never leaves a usable-looking partial
      await rename(tmp, path.join(dir, name));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    const bytes = (await stat(path.join(dir, name))).size;
    await prune();
    log.info({ file: name, bytes }, 'backup written');
    return { file: name, bytes, createdAt: at.toISOString() };
  }

  async function list(): Promise<BackupInfo[]> {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith(EXT) && n.startsWith('uplift-'));
    } catch {
      return [];
    }
    const infos = await Promise.all(
      names.map(async (n) => {
        const s = await stat(path.join(dir, n));
        return { file: n, bytes: s.size, createdAt: s.mtime.toISOString() };
      }),
    );
    return infos.sort((a, b) => (a.file < b.file ? 1 : -1));
  }

  async function prune() {
    const all = await list();
    for (const old of all.slice(deps.retain)) await rm(path.join(dir, old.file), { force: true });
  }

  return { create, list, dir };
}

/**
 * Restores an embedded data dir: loads the dump into a fresh directory, then swaps it in and
 * keeps the previous one beside it. The caller holds the data-dir lock (server stopped).
 */
export async function restorePglite(file: string, pgDir: string, key: Buffer): Promise<{ previous: string | null }> {
  const { kind, stream } = await decryptFromFile(file, key);
  if (kind !== 'pglite') throw new Error(`${file} is a PostgreSQL (pg_dump) backup; set DATABASE_URL to restore it into PostgreSQL`);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const staging = `${pgDir}.restoring`;
  await rm(staging, { recursive: true, force: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([Buffer.concat(chunks)]) });
  await pg.query('select 1');
  await pg.close();
  const exists = await stat(pgDir).then(() => true, () => false);
  const previous = exists ? `${pgDir}.before-restore-${stamp(new Date())}` : null;
  if (previous) await rename(pgDir, previous);
  await rename(staging, pgDir);
  return { previous };
}

/** Restores a pg_dump backup into the database at `url` in one transaction (objects are dropped and recreated). */
export async function restorePostgres(file: string, url: string, key: Buffer): Promise<void> {
  const { kind, stream } = await decryptFromFile(file, key);
  if (kind !== 'pg_dump') throw new Error(`${file} is an embedded (PGlite) backup; unset DATABASE_URL to restore it into the data dir`);
  const r = run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${url}`], { stdin: stream });
  let decryptError: Error | null = null;
  // a failed authentication tag arrives at the end: kill pg_restore before it commits
  stream.on('error', (e) => {
    decryptError = e;
    r.child.kill('SIGKILL');
  });
  try {
    await r.done;
  } catch (e) {
    throw decryptError ?? e;
  }
  if (decryptError) throw decryptError;
}
