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

/** The error responses every route documents in OpenAPI. */
export { errorEnvelopeSchema } from '@uplift/contract';
