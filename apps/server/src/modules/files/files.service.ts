import path from 'node:path';
import type { Db, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { FileMeta, FileOwner, Storage } from './storage.ts';

/** How a module guards the files of its objects: who may read them, who may attach or remove. */
export type FileOwnerPolicy = {
  mayRead(exec: Db | Tx, access: Access, ownerId: string): Promise<boolean>;
  /** Throws (FORBIDDEN / NOT_FOUND / CONFLICT) when the caller may not change the owner's files now. */
  assertWritable(tx: Tx, access: Access, ownerId: string): Promise<void>;
};

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Evidence formats: documents, spreadsheets, images, plain text. */
export const ALLOWED_TYPES: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/msword': ['.doc'],
  'application/vnd.ms-excel': ['.xls'],
  'text/plain': ['.txt'],
};

export type Files = ReturnType<typeof createFiles>;

/** Generic file storage: upload to an owning object, list, download — each checked by the owner's module. */
export function createFiles(deps: { db: Db; clock: Clock; audit: Audit; storage: Storage }) {
  const { db, clock, audit, storage } = deps;
  const owners = new Map<string, FileOwnerPolicy>();

  function policyOf(type: string): FileOwnerPolicy {
    const p = owners.get(type);
    if (!p) throw fieldError('ownerType', `不支持的附件归属类型：${type}`);
    return p;
  }

  /** Checks the name and type against the allowed formats; returns the content type to store. */
  function checkType(name: string, contentType: string): string {
    const ext = path.extname(name).toLowerCase();
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    const byType = ALLOWED_TYPES[type];
    if (byType?.includes(ext)) return type;
    // browsers send octet-stream for some files: trust a known extension
    const byExt = Object.entries(ALLOWED_TYPES).find(([, exts]) => exts.includes(ext));
    if (byExt && (type === 'application/octet-stream' || type === '')) return byExt[0];
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持的文件类型（${ext || type}）：请上传 PDF、图片、Word、Excel 或文本文件`);
  }

  /** Stores a file for an owner the caller may write, with an audit record, in one transaction. */
  async function upload(access: Access, ctx: AuditContext, owner: FileOwner, file: { name: string; contentType: string; data: Buffer }): Promise<FileMeta> {
    const p = policyOf(owner.type);
    if (file.data.length === 0) throw fieldError('file', '文件是空的');
    if (file.data.length > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const contentType = checkType(file.name, file.contentType);
    const name = path.basename(file.name).slice(0, 200) || 'file';
    return db.transaction(async (tx) => {
      await p.assertWritable(tx, access, owner.id);
      const meta = await storage.put(tx, { owner, name, contentType, data: file.data, uploadedBy: access.userId, at: clock.now() });
      await audit.append(tx, ctx, { action: 'file.upload', entityType: owner.type, entityId: owner.id, after: { fileId: meta.id, name, size: meta.size, sha256: meta.sha256 } });
      return meta;
    });
  }

  async function remove(access: Access, ctx: AuditContext, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const meta = await storage.meta(tx, id);
      if (!meta) throw new AppError('NOT_FOUND', '没有这个文件');
      await policyOf(meta.owner.type).assertWritable(tx, access, meta.owner.id);
      await storage.remove(tx, id);
      await audit.append(tx, ctx, { action: 'file.remove', entityType: meta.owner.type, entityId: meta.owner.id, before: { fileId: id, name: meta.name, sha256: meta.sha256 } });
    });
  }

  /** The file and its bytes, when the caller may read its owner (404 otherwise: no existence leak). */
  async function download(access: Access, id: string): Promise<{ meta: FileMeta; data: Buffer }> {
    const meta = await storage.meta(db, id);
    if (!meta || !(await owners.get(meta.owner.type)?.mayRead(db, access, meta.owner.id))) throw new AppError('NOT_FOUND', '没有这个文件');
    const data = await storage.read(db, id);
    if (!data) throw new AppError('NOT_FOUND', '没有这个文件');
    return { meta, data };
  }

  return {
    registerOwner: (type: string, p: FileOwnerPolicy) => void owners.set(type, p),
    upload,
    remove,
    download,
    list: (exec: Db | Tx, owner: FileOwner) => storage.list(exec, owner),
    /** The bytes of a file, unchecked: for callers that have already checked access to its owner (the evidence package). */
    read: (exec: Db | Tx, id: string) => storage.read(exec, id),
  };
}
