import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { StoredFile } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { storedFiles } from '../../db/schema/index.ts';

export type FileOwner = { type: string; id: string };
export type FileMeta = StoredFile & { owner: FileOwner };
export type PutFile = { owner: FileOwner; name: string; contentType: string; data: Buffer; uploadedBy: string | null; at: Date };

/** Where file bytes live. The default keeps them in the database; an object store can stand in. */
export type Storage = {
  put(tx: Tx, file: PutFile): Promise<FileMeta>;
  meta(exec: Db | Tx, id: string): Promise<FileMeta | null>;
  read(exec: Db | Tx, id: string): Promise<Buffer | null>;
  list(exec: Db | Tx, owner: FileOwner): Promise<FileMeta[]>;
  remove(tx: Tx, id: string): Promise<void>;
};

const metaColumns = {
  id: storedFiles.id,
  ownerType: storedFiles.ownerType,
  ownerId: storedFiles.ownerId,
  name: storedFiles.name,
  contentType: storedFiles.contentType,
  size: storedFiles.size,
  sha256: storedFiles.sha256,
  createdAt: storedFiles.createdAt,
};
type MetaRow = { id: string; ownerType: string; ownerId: string; name: string; contentType: string; size: number; sha256: string; createdAt: Date };
const toMeta = (r: MetaRow): FileMeta => ({ id: r.id, name: r.name, contentType: r.contentType, size: r.size, sha256: r.sha256, createdAt: r.createdAt.toISOString(), owner: { type: r.ownerType, id: r.ownerId } });

/** SHA-256 (hex) of bytes. */
export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The default storage: a bytea column in `stored_files`, written in the caller's transaction. */
export function databaseStorage(): Storage {
  return {
    async put(tx, f) {
      const [r] = await tx
        .insert(storedFiles)
        .values({ ownerType: f.owner.type, ownerId: f.owner.id, name: f.name, contentType: f.contentType, size: f.data.length, sha256: sha256Hex(f.data), content: f.data, uploadedBy: f.uploadedBy, createdAt: f.at })
        .returning(metaColumns);
      return toMeta(r!);
    },
    async meta(exec, id) {
      const [r] = await exec.select(metaColumns).from(storedFiles).where(eq(storedFiles.id, id));
      return r ? toMeta(r) : null;
    },
    async read(exec, id) {
      const [r] = await exec.select({ content: storedFiles.content }).from(storedFiles).where(eq(storedFiles.id, id));
      return r?.content ?? null;
    },
    async list(exec, owner) {
      const rows = await exec
        .select(metaColumns)
        .from(storedFiles)
        .where(and(eq(storedFiles.ownerType, owner.type), eq(storedFiles.ownerId, owner.id)))
        .orderBy(asc(storedFiles.createdAt), asc(storedFiles.id));
      return rows.map(toMeta);
    },
    async remove(tx, id) {
      await tx.delete(storedFiles).where(eq(storedFiles.id, id));
    },
  };
}
