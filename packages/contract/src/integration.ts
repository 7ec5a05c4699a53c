import { z } from 'zod';
import { errorCodeSchema } from './errors.ts';
import { importCountsSchema } from './imports.ts';

// Service accounts, API tokens, machine batches and outbound webhooks (issue 5 §2).

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
const name = z.string().trim().min(1, '请填写名称').max(64, '最多 64 个字符');

/** What a token may do. Each batch endpoint needs one of these. */
export const apiOperations = ['results:write', 'work_logs:write', 'feedback:write'] as const;
export const apiOperationSchema = z.enum(apiOperations);
export type ApiOperation = z.infer<typeof apiOperationSchema>;

/** The event types a webhook can subscribe to. */
export const webhookEvents = ['candidate.created', 'candidate.closed', 'employee.updated', 'import.merged', 'pip.started', 'pip.closed'] as const;
export const webhookEventSchema = z.enum(webhookEvents);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
/** Events not sent yet (none since PIPs exist; kept for the next reserved ones). */
export const reservedWebhookEvents: readonly WebhookEvent[] = [];

/** The plain token starts with this; only its SHA-256 is stored. */
export const API_TOKEN_PREFIX = 'upl_';
/** Items per batch request. */
export const MAX_BATCH_ITEMS = 5000;
/** A token lives at most this many days. */
export const MAX_TOKEN_DAYS = 730;

// ---- service accounts and tokens (admin: sys_admin, group_hr) ----

export const serviceAccountSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  /** the users row it acts as: imports and audit records name it */
  userId: z.uuid(),
  username: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  disabledAt: z.iso.datetime().nullable(),
  /** tokens neither revoked nor expired */
  activeTokens: z.number().int(),
  /** the latest use of any of its tokens */
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;
export const serviceAccountListSchema = z.object({ items: z.array(serviceAccountSchema) });

export const createServiceAccountSchema = z.object({
  name,
  description: z.string().trim().max(500, '最多 500 个字符').nullish(),
});
export type CreateServiceAccount = z.infer<typeof createServiceAccountSchema>;

export const apiTokenStatusSchema = z.enum(['active', 'expired', 'revoked']);
export type ApiTokenStatus = z.infer<typeof apiTokenStatusSchema>;

export const apiTokenSchema = z.object({
  id: z.uuid(),
  serviceAccountId: z.uuid(),
  name: z.string(),
  /** the first characters of the token, to tell tokens apart */
  prefix: z.string(),
  operations: z.array(apiOperationSchema),
  /** org subtrees the token may write into */
  units: z.array(z.object({ id: z.uuid(), name: z.string() })),
  status: apiTokenStatusSchema,
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

export const issueTokenSchema = z.object({
  name,
  operations: z
    .array(apiOperationSchema)
    .min(1, '至少选择一项操作')
    .refine((ops) => new Set(ops).size === ops.length, '操作不能重复'),
  unitIds: z
    .array(z.uuid())
    .min(1, '至少选择一个组织单元')
    .max(50, '最多 50 个组织单元')
    .refine((ids) => new Set(ids).size === ids.length, '组织单元不能重复'),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type IssueToken = z.infer<typeof issueTokenSchema>;
/** The plain token is in this answer only: it cannot be shown again. */
export const issuedTokenSchema = z.object({ token: apiTokenSchema, plainToken: z.string() });
export type IssuedToken = z.infer<typeof issuedTokenSchema>;

// ---- machine batches (/api/v1, Authorization: Bearer upl_…) ----

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** One item: field keys are the import type's column keys (as in its Excel template). */
export const batchItemSchema = z.record(z.string(), z.union([cell, z.array(z.union([z.string(), z.number()]))]));
export const batchRequestSchema = z.object({
  items: z.array(batchItemSchema).min(1, '至少一项').max(MAX_BATCH_ITEMS, `每批最多 ${MAX_BATCH_ITEMS} 项`),
});
export type BatchRequest = z.infer<typeof batchRequestSchema>;
/** Required on every batch: the same key with the same body is answered again, not stored again. */
export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .trim()
    .min(1, '缺少 Idempotency-Key 请求头')
    .max(128, '最多 128 个字符')
    .regex(/^[\x21-\x7e]+$/, '只能包含可见的 ASCII 字符'),
});

export const batchAcceptedSchema = z.object({ batchId: z.uuid(), status: z.literal('merged'), counts: importCountsSchema });
export type BatchAccepted = z.infer<typeof batchAcceptedSchema>;

/** One problem with one item: `index` is 0-based in `items`; `field` null is the whole item. */
export const batchItemErrorSchema = z.object({
  index: z.number().int(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: localized,
});
export type BatchItemError = z.infer<typeof batchItemErrorSchema>;
/** 422: nothing of the batch was stored; every item error is listed (up to 1,000). */
export const batchRejectedSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.object({ batchId: z.uuid(), errors: z.array(batchItemErrorSchema) }),
    requestId: z.string(),
  }),
});
export type BatchRejected = z.infer<typeof batchRejectedSchema>;

// ---- outbound webhooks ----

const webhookUrl = z
  .url({ protocol: /^https?$/, error: '请填写 http:// 或 https:// 开头的地址' })
  .max(2000, '最多 2000 个字符');
const events = z
  .array(webhookEventSchema)
  .min(1, '至少选择一种事件')
  .refine((e) => new Set(e).size === e.length, '事件不能重复');

export const webhookSubscriptionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  events: z.array(webhookEventSchema),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  /** deliveries waiting or retrying, and those that gave up */
  pending: z.number().int(),
  dead: z.number().int(),
});
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;
export const webhookSubscriptionListSchema = z.object({ items: z.array(webhookSubscriptionSchema) });

export const createWebhookSchema = z.object({ name, url: webhookUrl, events, active: z.boolean().default(true) });
export type CreateWebhook = z.input<typeof createWebhookSchema>;
export const updateWebhookSchema = z
  .object({ name, url: webhookUrl, events, active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, '没有要修改的内容');
export type UpdateWebhook = z.infer<typeof updateWebhookSchema>;
/** The signing secret is in this answer only. */
export const createdWebhookSchema = z.object({ subscription: webhookSubscriptionSchema, secret: z.string() });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const webhookDeliveryStatuses = ['pending', 'sending', 'sent', 'dead'] as const;
export const webhookDeliveryStatusSchema = z.enum(webhookDeliveryStatuses);
export const webhookDeliverySchema = z.object({
  id: z.string(),
  subscriptionId: z.uuid(),
  eventId: z.uuid(),
  event: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryQuerySchema = z.object({
  status: webhookDeliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
});
export const webhookDeliveryPageSchema = z.object({ items: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() });
export const deliveryIdParamSchema = z.object({ id: z.coerce.number().int().positive() });

/**
 * The body POSTed to a subscriber. Headers: X-Uplift-Event, X-Uplift-Delivery, X-Uplift-Timestamp
 * (Unix seconds) and X-Uplift-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>.
 */
export const webhookPayloadSchema = z.object({ id: z.uuid(), event: webhookEventSchema, createdAt: z.iso.datetime(), data: z.record(z.string(), z.unknown()) });
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
