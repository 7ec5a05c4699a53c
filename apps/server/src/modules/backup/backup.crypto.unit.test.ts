import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { decryptFromFile, encryptToFile } from './backup.crypto.ts';

const key = randomBytes(32);

async function collect(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('backup encryption', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-crypto-'));
  const data = randomBytes(3 * 1024 * 1024 + 17);

  it('round-trips a stream and records the kind', async () => {
    const file = path.join(dir, 'a.ubk');
    await encryptToFile(Readable.from([data.subarray(0, 1000), data.subarray(1000)]), file, key, 'pg_dump');
    const { kind, stream } = await decryptFromFile(file, key);
    expect(kind).toBe('pg_dump');
    expect((await collect(stream)).equals(data)).toBe(true);
  });

  it('fails authentication with another key, a flipped byte or a truncated file', async () => {
    const file = path.join(dir, 'b.ubk');
    await encryptToFile(Readable.from([data]), file, key, 'pglite');
    await expect(decryptFromFile(file, randomBytes(32)).then((r) => collect(r.stream))).rejects.toThrow(/authentication/);
    const flipped = readFileSync(file);
    flipped[5000]! ^= 1;
    writeFileSync(path.join(dir, 'c.ubk'), flipped);
    await expect(decryptFromFile(path.join(dir, 'c.ubk'), key).then((r) => collect(r.stream))).rejects.toThrow(/authentication/);
    writeFileSync(path.join(dir, 'd.ubk'), readFileSync(file).subarray(0, 4000));
    await expect(decryptFromFile(path.join(dir, 'd.ubk'), key).then((r) => collect(r.stream))).rejects.toThrow(/authentication/);
  });

  it('rejects a file that is not a backup', async () => {
    writeFileSync(path.join(dir, 'e.ubk'), Buffer.from('hello world, this is not a backup at all'));
    await expect(decryptFromFile(path.join(dir, 'e.ubk'), key)).rejects.toThrow(/not an Uplift backup/);
  });
});
