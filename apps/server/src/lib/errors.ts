import type { ErrorCode, FieldIssue } from '@uplift/contract';
import { errorMessages } from '@uplift/contract';

/** A failure a caller can act on: one code from the closed set, a specific message, optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: unknown = null,
  ) {
    super(message ?? errorMessages[code]['zh-CN']);
  }
}

/** A validation failure naming the field(s), e.g. fieldError('body.newPassword', '至少 10 个字符'). */
export function fieldError(path: string, message: string): AppError {
  const issues: FieldIssue[] = [{ path, message }];
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues });
}
