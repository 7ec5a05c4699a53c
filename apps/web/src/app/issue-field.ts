/**
 * The form field a server issue belongs to: its path without the leading "body.", or, when that
 * is no field of the form, the nearest field above it ("body.hrbpIds.3" → "hrbpIds"). Null when
 * the form has no such field.
 */
export function issueField(path: string, fields: readonly string[]): string | null {
  const parts = path.replace(/^body\./, '').split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const name = parts.slice(0, n).join('.');
    if (fields.includes(name)) return name;
  }
  return null;
}
