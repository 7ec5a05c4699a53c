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

/**
 * A keyset page from `limit + 1` rows fetched: the extra row only says that another page exists,
 * and the cursor is the sort key of the last row shown.
 */
export function toPage<T, K>(rows: T[], limit: number, keyOf: (last: T) => K): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
