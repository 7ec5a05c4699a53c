import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorEnvelopeSchema,
  idParamSchema,
  importBatchSchema,
  importErrorsPageSchema,
  importErrorsQuerySchema,
  importListQuerySchema,
  importMappingQuerySchema,
  importMappingSchema,
  importPageSchema,
  importTypeSchema,
  importTypesSchema,
  importUploadFieldsSchema,
  errorResponses,
} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { accessFor } from '../access/access.http.ts';
import { templateWorkbook } from './import.files.ts';

const langSchema = z.object({ lang: z.enum(['zh-CN', 'en-US']).default('zh-CN') });
// a file body: sent as bytes, never serialised
const xlsxBody = z.any().describe('An .xlsx file');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(reply: FastifyReply, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  void reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
}

/** Imports: templates, upload (multipart, streamed into staging), preview, merge, errors, rollback. */
export function importRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { imports } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: imports.maxFileBytes, files: 1, fields: 10, fieldSize: 64 * 1024 }, throwFileSizeLimit: false });

    app.get('/imports/types', { schema: { tags: ['imports'], summary: 'Import types with their columns, and whether the caller may import them', response: { 200: importTypesSchema, 401: errorEnvelopeSchema } } }, async (req) => ({
      items: imports.types(await accessFor(db, req)),
    }));
    app.get('/imports/types/:type/template', { schema: { tags: ['imports'], summary: 'The Excel template of an import type (zh or en headers)', params: z.object({ type: importTypeSchema }), querystring: langSchema, response: { 200: xlsxBody, 401: errorEnvelopeSchema, 404: errorEnvelopeSchema } } }, async (req, reply) => {
      await accessFor(db, req);
      const kind = imports.kindOf(req.params.type);
      attachment(reply, `${req.query.lang === 'en-US' ? kind.label.en : kind.label.zh}-${req.query.lang === 'en-US' ? 'template' : '导入模板'}.xlsx`);
      return reply.send(await templateWorkbook(kind, req.query.lang));
    });
    app.get('/imports/mapping', { schema: { tags: ['imports'], summary: 'The column mapping remembered for a type and source', querystring: importMappingQuerySchema, response: { 200: importMappingSchema, ...errorResponses } } }, async (req) => {
      const access = await accessFor(db, req);
      if (!imports.kindOf(req.query.type).allowed(access)) throw new AppError('FORBIDDEN');
      return imports.getMapping(req.query.type, req.query.source);
    });

    app.post(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'Upload a file (multipart: type, source?, mapping? then file); it is staged and validated in the background',
          consumes: ['multipart/form-data'],
          response: { 201: importBatchSchema, 413: errorEnvelopeSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const access = await accessFor(db, req);
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传文件');
        const fields: Record<string, string> = {};
        for await (const part of req.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== 'file') throw fieldError(part.fieldname, '文件字段应命名为 file');
          let mapping: unknown;
          try {
            mapping = fields.mapping ? JSON.parse(fields.mapping) : undefined;
          } catch {
            throw fieldError('mapping', '列映射应为 JSON 对象');
          }
          const parsed = importUploadFieldsSchema.safeParse({ type: fields.type, source: fields.source || undefined, mapping });
          if (!parsed.success) {
            const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'type', message: i.message }));
            throw new AppError('VALIDATION_FAILED', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
          }
          const batch = await imports.upload(access, auditContext(req), parsed.data, { name: part.filename || 'upload', stream: part.file });
          return reply.status(201).send(batch);
        }
        throw fieldError('file', '没有收到文件');
      },
    );

    app.get('/imports', { schema: { tags: ['imports'], summary: 'Import history, newest first (own imports; group HR and auditors see all)', querystring: importListQuerySchema, response: { 200: importPageSchema, ...errorResponses } } }, async (req) =>
      imports.list(await accessFor(db, req), req.query),
    );
    app.get('/imports/:id', { schema: { tags: ['imports'], summary: 'One import: status, progress, counts', params: idParamSchema, response: { 200: importBatchSchema, ...errorResponses } } }, async (req) =>
      imports.view(await accessFor(db, req), req.params.id),
    );
    app.get('/imports/:id/errors', { schema: { tags: ['imports'], summary: 'Row errors (row, column, value, message zh/en), keyset-paginated', params: idParamSchema, querystring: importErrorsQuerySchema, response: { 200: importErrorsPageSchema, ...errorResponses } } }, async (req) =>
      imports.errors(await accessFor(db, req), req.params.id, req.query),
    );
    app.get('/imports/:id/error-file', { schema: { tags: ['imports'], summary: 'The uploaded rows with an error column, as Excel', params: idParamSchema, querystring: langSchema, response: { 200: xlsxBody, ...errorResponses } } }, async (req, reply) => {
      const file = await imports.errorFile(await accessFor(db, req), req.params.id, req.query.lang);
      attachment(reply, file.name);
      return reply.send(file.stream);
    });
    app.post('/imports/:id/merge', { schema: { tags: ['imports'], summary: 'Merge a validated import (one transaction, in the background)', params: idParamSchema, response: { 202: importBatchSchema, ...errorResponses } } }, async (req, reply) => {
      const batch = await imports.merge(await accessFor(db, req), auditContext(req), req.params.id);
      return reply.status(202).send(batch);
    });
    app.post('/imports/:id/discard', { schema: { tags: ['imports'], summary: 'Drop a validated or invalid import without merging', params: idParamSchema, response: { 200: importBatchSchema, ...errorResponses } } }, async (req) =>
      imports.discard(await accessFor(db, req), auditContext(req), req.params.id),
    );
    app.post('/imports/:id/rollback', { schema: { tags: ['imports'], summary: 'Undo a merged import, if its records have not changed since', params: idParamSchema, response: { 200: importBatchSchema, ...errorResponses } } }, async (req) =>
      imports.rollback(await accessFor(db, req), auditContext(req), req.params.id),
    );
  };
}
