import { ImportFileError, type ImportColumn } from './import.types.ts';

export type HeaderResolution = {
  /** column key → position in the header row */
  indexByKey: Map<string, number>;
  mapping: Record<string, string>;
  unmappedHeaders: string[];
};

/**
 * Normalises a header for alias matching: NFKC folds full-width forms (（）＊Ａ) to half-width,
 * then case, whitespace, parentheses and `*` required-markers (`工号*`) are ignored.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000\ufeff*()]/g, '');
}

function label(column: ImportColumn): string {
  return column.aliases[0] ?? column.key;
}

/**
 * Maps header positions to column keys: a remembered mapping (exact header text) wins, then aliases.
 * Headers matching no column are reported, not rejected; missing required columns and two headers
 * for one column are errors.
 */
export function resolveHeaders(
  headerRow: string[],
  columns: ImportColumn[],
  remembered: Record<string, string> | undefined,
): HeaderResolution {
  const positionsByKey = new Map<string, number[]>();
  const claimed = new Set<number>();
  const explicit = new Set<string>();

  for (const column of columns) {
    const wanted = remembered?.[column.key]?.trim();
    if (wanted === undefined || wanted === '') continue;
    const positions = headerRow.flatMap((text, i) => (text === wanted && !claimed.has(i) ? [i] : []));
    if (positions.length === 0) continue; // the remembered header is not in this file: fall back to aliases
    positionsByKey.set(column.key, positions);
    positions.forEach((i) => claimed.add(i));
    explicit.add(column.key);
  }

  const keyByAlias = new Map<string, string>();
  for (const column of columns) {
    for (const alias of [column.key, ...column.aliases]) {
      const norm = normalizeHeader(alias);
      if (norm !== '' && !keyByAlias.has(norm)) keyByAlias.set(norm, column.key);
    }
  }

  const unmappedHeaders: string[] = [];
  headerRow.forEach((text, i) => {
    if (text === '' || claimed.has(i)) return;
    const key = keyByAlias.get(normalizeHeader(text));
    // a column the user mapped explicitly ignores other headers that merely look like it
    if (key === undefined || explicit.has(key)) {
      unmappedHeaders.push(text);
      return;
    }
    positionsByKey.set(key, [...(positionsByKey.get(key) ?? []), i]);
  });

  const missing = columns.filter((c) => c.required && !positionsByKey.has(c.key));
  if (missing.length > 0) {
    throw new ImportFileError('MISSING_COLUMNS', `缺少必填列：${missing.map(label).join('、')}`, {
      missing: missing.map((c) => ({ key: c.key, aliases: c.aliases })),
      headers: headerRow,
    });
  }

  const duplicates = columns.flatMap((c) => {
    const positions = positionsByKey.get(c.key) ?? [];
    return positions.length > 1 ? [{ column: c, headers: positions.map((i) => headerRow[i] ?? '') }] : [];
  });
  if (duplicates.length > 0) {
    const parts = duplicates.map((d) => `${d.headers.map((h) => `「${h}」`).join('和')}都对应“${label(d.column)}”列`);
    throw new ImportFileError('DUPLICATE_HEADER', `表头重复：${parts.join('；')}`, {
      duplicates: duplicates.map((d) => ({ key: d.column.key, headers: d.headers })),
      headers: headerRow,
    });
  }

  const indexByKey = new Map<string, number>();
  const mapping: Record<string, string> = {};
  for (const [key, positions] of positionsByKey) {
    const i = positions[0];
    if (i === undefined) continue;
    indexByKey.set(key, i);
    mapping[key] = headerRow[i] ?? '';
  }
  return { indexByKey, mapping, unmappedHeaders };
}
