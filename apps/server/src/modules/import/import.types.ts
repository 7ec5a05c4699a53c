/** A column an import type expects; aliases are the header texts (zh and en) that name it. */
export type ImportColumn = { key: string; required: boolean; aliases: string[] };

/** One data row: rowNumber as Excel shows it (header = row 1); values by column key, trimmed, empty → null. */
export type RawRow = { rowNumber: number; values: Record<string, string | null> };

export type ImportFormat = 'csv' | 'xlsx';
export type CsvEncoding = 'utf-8' | 'gb18030';

export type ReadResult = {
  format: ImportFormat;
  encoding: CsvEncoding | null;
  headerRow: string[];
  /** column key → header text used */
  mapping: Record<string, string>;
  unmappedHeaders: string[];
};

/** A row as a format reader yields it: cells by position, trimmed, empty → null. */
export type SourceRow = { rowNumber: number; cells: (string | null)[] };

export type ImportFileErrorCode =
  | 'UNSUPPORTED_FORMAT'
  | 'EMPTY_FILE'
  | 'MISSING_COLUMNS'
  | 'DUPLICATE_HEADER'
  | 'BAD_ENCODING'
  | 'CORRUPT_FILE';

/** A file the import cannot read at all (as opposed to row-level validation errors). */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** Trimmed text, or null when nothing is left. */
export function cleanCell(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}
