import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** File layout: MAGIC(8) | version(1) | kind(1) | iv(12) | AES-256-GCM ciphertext | tag(16). */
const MAGIC = Buffer.from('UPLIFTBK');
const VERSION = 1;
const HEADER = MAGIC.length + 2 + 12;
const TAG = 16;

export type BackupKind = 'pglite' | 'pg_dump';
const kindByte: Record<BackupKind, number> = { pglite: 1, pg_dump: 2 };

/** Streams `source` into `file`, encrypted and authenticated; never holds the whole dump in memory. */
export async function encryptToFile(source: Readable, file: string, key: Buffer, kind: BackupKind): Promise<number> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const out = createWriteStream(file, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, Buffer.from([VERSION, kindByte[kind]]), iv]));
  await pipeline(source, cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (err?: Error | null) => (err ? reject(err) : resolve())));
  return (await stat(file)).size;
}

export class BackupFileError extends Error {}

/** Reads the header and tag, then returns a stream of the decrypted dump; a wrong key or tampered file fails at the end. */
export async function decryptFromFile(file: string, key: Buffer): Promise<{ kind: BackupKind; stream: Readable }> {
  const size = (await stat(file)).size;
  if (size < HEADER + TAG) throw new BackupFileError(`${file} is not an Uplift backup (too short)`);
  const fh = await open(file, 'r');
  const head = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  try {
    await fh.read(head, 0, HEADER, 0);
    await fh.read(tag, 0, TAG, size - TAG);
  } finally {
    await fh.close();
  }
  if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupFileError(`${file} is not an Uplift backup (bad header)`);
  if (head[MAGIC.length] !== VERSION) throw new BackupFileError(`${file} has unsupported backup version ${head[MAGIC.length]}`);
  const kind = head[MAGIC.length + 1] === 1 ? 'pglite' : head[MAGIC.length + 1] === 2 ? 'pg_dump' : null;
  if (!kind) throw new BackupFileError(`${file} has an unknown backup kind`);
  const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(MAGIC.length + 2));
  decipher.setAuthTag(tag);
  const body = createReadStream(file, { start: HEADER, end: size - TAG - 1 });
  const guard = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        cb(null, decipher.update(chunk));
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        cb(null, decipher.final());
      } catch {
        cb(new BackupFileError(`${file} failed authentication: wrong UPLIFT_SECRET, or the file was altered or truncated`));
      }
    },
  });
  body.on('error', (e) => guard.destroy(e));
  return { kind, stream: body.pipe(guard) };
}
