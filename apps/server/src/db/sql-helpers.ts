/** `text` inside a LIKE / ILIKE pattern: `%`, `_` and `\` match themselves. */
export function likeEscape(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}

/** `rows` in slices small enough for one INSERT (a statement takes at most 65,535 parameters). */
export function* slices<T>(rows: readonly T[], size = 1000): Generator<T[]> {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size);
}
