import { AppError } from './errors.ts';

/** Opaque keyset cursor: base64url JSON of the last row's sort key. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor or fails with a 400 naming the `cursor` query field. */
export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'querystring.cursor: 无效的分页游标', { issues: [{ path: 'querystring.cursor', message: '无效的分页游标' }] });
}
