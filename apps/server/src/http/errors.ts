import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorMessages, errorStatus, type ErrorCode, type ErrorEnvelope, type FieldIssue } from '@uplift/contract';
import { AppError } from '../lib/errors.ts';

export function envelope(code: ErrorCode, message: string, details: unknown, requestId: string): ErrorEnvelope {
  return { error: { code, message, details: details ?? null, requestId } };
}

/** Maps every failure into the one envelope; validation failures name the field ("body.password"). */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      if (err.code === 'RATE_LIMITED') {
        const retry = (err.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
        if (retry) void reply.header('retry-after', String(retry));
      }
      return reply.status(errorStatus[err.code]).send(envelope(err.code, err.message, err.details, req.id));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues: FieldIssue[] = err.validation.map((v) => {
        const segs = v.instancePath.split('/').filter(Boolean);
        return { path: [where, ...segs].join('.'), message: v.message ?? '无效' };
      });
      const first = issues[0];
      const message = first ? `${first.path}: ${first.message}` : errorMessages.VALIDATION_FAILED['zh-CN'];
      return reply.status(400).send(envelope('VALIDATION_FAILED', message, { issues }, req.id));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return reply.status(500).send(envelope('INTERNAL', errorMessages.INTERNAL['zh-CN'], null, req.id));
    }
    // two requests racing for the same record: the database's constraint decided, not a bug
    const pg = postgresCode(err);
    if (pg === '23505' || pg === '40001' || pg === '40P01') {
      req.log.warn({ err }, 'write lost a race');
      return reply.status(409).send(envelope('CONFLICT', '同时有其他人修改了相同的记录，请刷新后重试', { reason: pg === '23505' ? 'unique' : 'concurrent' }, req.id));
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(envelope('UNSUPPORTED_MEDIA_TYPE', `不支持的 Content-Type：${req.headers['content-type'] ?? '(无)'}，请使用 application/json`, null, req.id));
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(envelope('PAYLOAD_TOO_LARGE', errorMessages.PAYLOAD_TOO_LARGE['zh-CN'], null, req.id));
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe instanceof SyntaxError)) {
      return reply.status(400).send(envelope('VALIDATION_FAILED', `body: 不是有效的 JSON（${fe.message}）`, { issues: [{ path: 'body', message: '不是有效的 JSON' }] }, req.id));
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send(envelope('RATE_LIMITED', errorMessages.RATE_LIMITED['zh-CN'], null, req.id));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(400).send(envelope('VALIDATION_FAILED', fe.message, null, req.id));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(envelope('INTERNAL', errorMessages.INTERNAL['zh-CN'], null, req.id));
  });

}

/** The SQLSTATE of a database error, looking through the wrappers (Drizzle puts the driver's error in `cause`). */
export function postgresCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** The error responses every route documents in OpenAPI. */
export { errorEnvelopeSchema } from '@uplift/contract';
