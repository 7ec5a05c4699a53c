import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorEnvelopeSchema, idParamSchema, okSchema, storedFileSchema, errorResponses} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { accessFor } from '../access/access.http.ts';
import { MAX_FILE_BYTES } from './files.service.ts';

const errors = { ...errorResponses, 413: errorEnvelopeSchema, 415: errorEnvelopeSchema };
const ownerFieldsSchema = z.object({ ownerType: z.string().min(1).max(40), ownerId: z.uuid() });

/** Upload (multipart: ownerType, ownerId, then file), download and remove stored files. */
export function filesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { files } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 1024 }, throwFileSizeLimit: false });

    app.post('/files', { schema: { tags: ['files'], summary: 'Upload a file to an owning object (multipart: ownerType, ownerId, then file)', consumes: ['multipart/form-data'], response: { 201: storedFileSchema, ...errors } } }, async (req, reply) => {
      const access = await accessFor(db, req);
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传文件');
      const fields: Record<string, string> = {};
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file') throw fieldError(part.fieldname, '文件字段应命名为 file');
        const owner = ownerFieldsSchema.safeParse(fields);
        if (!owner.success) throw fieldError(owner.error.issues[0]?.path.join('.') ?? 'ownerId', '请先给出附件的归属（ownerType, ownerId），再上传文件');
        const data = await part.toBuffer();
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
        const meta = await files.upload(access, auditContext(req), { type: owner.data.ownerType, id: owner.data.ownerId }, { name: part.filename, contentType: part.mimetype, data });
        const { owner: _owner, ...out } = meta;
        return reply.status(201).send(out);
      }
      throw fieldError('file', '没有收到文件');
    });

    app.get('/files/:id', { schema: { tags: ['files'], summary: 'Download a file (when the caller may read its owner); the SHA-256 is in the ETag', params: idParamSchema, response: { 200: z.any(), ...errors } } }, async (req, reply) => {
      const { meta, data } = await files.download(await accessFor(db, req), req.params.id);
      const ascii = meta.name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
      return reply
        .header('content-type', meta.contentType)
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(meta.name)}`)
        .header('etag', `"${meta.sha256}"`)
        .header('x-content-type-options', 'nosniff')
        .send(data);
    });

    app.delete('/files/:id', { schema: { tags: ['files'], summary: 'Remove a file (while its owner may still change)', params: idParamSchema, response: { 200: okSchema, ...errors } } }, async (req) => {
      await files.remove(await accessFor(db, req), auditContext(req), req.params.id);
      return { ok: true as const };
    });
  };
}
