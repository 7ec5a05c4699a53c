import { z } from 'zod';

/** The closed set of error codes every endpoint answers with. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'RATE_LIMITED',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PASSWORD_POLICY',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorCodeSchema = z.enum(errorCodes);

/** HTTP status per error code: one place, so the same code never answers two statuses. */
export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  RATE_LIMITED: 429,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PASSWORD_POLICY: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Default human messages, Chinese first; services may pass a more specific one. */
export const errorMessages: Record<ErrorCode, { 'zh-CN': string; 'en-US': string }> = {
  VALIDATION_FAILED: { 'zh-CN': '提交的数据不符合要求', 'en-US': 'The request is not valid' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  SESSION_EXPIRED: { 'zh-CN': '登录已过期，请重新登录', 'en-US': 'Your session has expired, please sign in again' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用，请联系管理员', 'en-US': 'This account is disabled; contact your administrator' },
  RATE_LIMITED: { 'zh-CN': '尝试次数过多，请稍后再试', 'en-US': 'Too many attempts, try again later' },
  CSRF_FAILED: { 'zh-CN': '页面已过期，请刷新后重试', 'en-US': 'The page is out of date; reload and try again' },
  FORBIDDEN: { 'zh-CN': '没有权限执行此操作', 'en-US': 'You are not allowed to do this' },
  NOT_FOUND: { 'zh-CN': '未找到该记录', 'en-US': 'Not found' },
  CONFLICT: { 'zh-CN': '与现有数据冲突', 'en-US': 'This conflicts with existing data' },
  PASSWORD_POLICY: { 'zh-CN': '密码不符合安全要求', 'en-US': 'The password does not meet the policy' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', 'en-US': 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  UNAVAILABLE: { 'zh-CN': '服务暂不可用', 'en-US': 'Service unavailable' },
  INTERNAL: { 'zh-CN': '系统内部错误，请稍后再试', 'en-US': 'Internal error, please try again later' },
};

/** One problem with one field of the request: `path` names it ("body.password"). */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().nullable(),
    requestId: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The error answers every signed-in endpoint may give (bad input, signed out, not allowed, not found, conflict), for route schemas; add others with a spread. */
export const errorResponses = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema } as const;
