import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { API_TOKEN_PREFIX, batchAcceptedSchema, batchRejectedSchema, batchRequestSchema, errorEnvelopeSchema, idempotencyHeadersSchema, type ApiOperation, type ImportType, errorResponses} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { AppError } from '../../lib/errors.ts';
import type { MachineCaller } from './service-accounts.service.ts';

declare module 'fastify' {
  // module augmentation needs an interface
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    machine: MachineCaller | null;
  }
}

/** The batch endpoints: path (`::` is a literal colon), the import type it feeds, the operation it needs. */
export const batchEndpoints: { path: string; type: ImportType; operation: ApiOperation; summary: string }[] = [
  { path: '/performance/results::batch', type: 'performance_results', operation: 'results:write', summary: 'Push performance results (scores, achievement, grades)' },
  { path: '/work-logs::batch', type: 'work_logs', operation: 'work_logs:write', summary: 'Push work logs' },
  { path: '/customer-feedback::batch', type: 'customer_feedback', operation: 'feedback:write', summary: 'Push customer feedback' },
];

const BATCH_BODY_LIMIT = 16 * 1024 * 1024;
const errors = { ...errorResponses, 413: errorEnvelopeSchema };

function bearer(req: FastifyRequest): string {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) throw new AppError('UNAUTHENTICATED', '缺少请求头 Authorization: Bearer <API 令牌>（/api/v1 只接受 API 令牌，不接受登录会话）');
  if (!m[1]!.startsWith(API_TOKEN_PREFIX)) throw new AppError('UNAUTHENTICATED', `API 令牌无效：应以 ${API_TOKEN_PREFIX} 开头`);
  return m[1]!;
}

/**
 * The machine API under /api/v1: bearer tokens only. It sits outside the session plugin, so a
 * cookie is never read here and no CSRF header is needed (a token is not sent by browsers on
 * their own). Each batch answers 200 merged or 422 with item errors, replayed under its key.
 */
export function machineRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { serviceAccounts, apiBatches } = deps.services;
  return async (app) => {
    app.decorateRequest('machine', null);
    app.addHook('onRequest', async (req) => {
      req.machine = await serviceAccounts.authenticate(bearer(req), req.id);
    });

    for (const endpoint of batchEndpoints) {
      app.post(
        endpoint.path,
        {
          bodyLimit: BATCH_BODY_LIMIT,
          schema: {
            tags: ['machine API'],
            summary: `${endpoint.summary} (token operation ${endpoint.operation}; all or nothing; Idempotency-Key required)`,
            security: [{ apiToken: [] }],
            headers: idempotencyHeadersSchema,
            body: batchRequestSchema,
            response: { 200: batchAcceptedSchema, 422: batchRejectedSchema, ...errors },
          },
        },
        async (req, reply) => {
          const outcome = await apiBatches.receive(req.machine!, {
            type: endpoint.type,
            operation: endpoint.operation,
            key: req.headers['idempotency-key'],
            items: req.body.items,
            requestId: req.id,
          });
          if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
          return outcome.statusCode === 200 ? reply.status(200).send(outcome.body) : reply.status(422).send(outcome.body);
        },
      );
    }
  };
}
