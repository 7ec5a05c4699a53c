import { importFileErrorDetailsSchema, type importFileErrorCodes, type ImportBatch, type ImportRowError, type ImportStatus, type ImportTypeInfo } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import type { Language } from '../../i18n/i18n.ts';

/** The steps the batch view shows: 上传 → 校验 → 预览 → 导入 → 完成. */
export const importSteps = ['upload', 'validate', 'preview', 'merge', 'done'] as const;
export type ImportStep = (typeof importSteps)[number];
export type StepState = { current: number; status: 'wait' | 'process' | 'finish' | 'error' };

/** The biggest file the server takes (50 MB); checked before sending to save a long upload. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const importExtensions = ['.xlsx', '.csv'] as const;

/** Where the batch stands on the steps: the step it is at, and whether that step went wrong. */
export function stepOf(batch: Pick<ImportBatch, 'status' | 'progress' | 'counts'>): StepState {
  switch (batch.status) {
    case 'receiving':
      return { current: 0, status: 'process' };
    case 'validating':
      return { current: 1, status: 'process' };
    case 'invalid':
      return { current: 1, status: 'error' };
    case 'ready':
      return { current: 2, status: 'process' };
    case 'merging':
      return { current: 3, status: 'process' };
    case 'merged':
    case 'rolled_back':
      return { current: 4, status: 'finish' };
    case 'discarded':
      // dropped at the preview, or after validation found errors
      return { current: batch.counts.errorRows > 0 ? 1 : 2, status: 'error' };
    case 'failed': {
      const phase = batch.progress?.phase;
      return { current: phase === 'receiving' ? 0 : phase === 'merging' || phase === 'rolling_back' ? 3 : 1, status: 'error' };
    }
    default: {
      const never: never = batch.status;
      throw new Error(`unknown import status ${String(never)}`);
    }
  }
}

export type CountKey = 'rows' | 'create' | 'update' | 'unchanged' | 'errorRows' | 'errors';

/**
 * The counts worth showing: with errors nothing is imported, so new / updated / unchanged would
 * mislead and the errors are shown instead; otherwise the preview (or, once merged, the result).
 */
export function countKeysFor(batch: Pick<ImportBatch, 'status' | 'counts'>): CountKey[] {
  const withErrors = batch.status === 'invalid' || (batch.status === 'discarded' && batch.counts.errorRows > 0);
  return withErrors ? ['rows', 'errorRows', 'errors'] : ['rows', 'create', 'update', 'unchanged'];
}

/** The statuses in which the server is still working: the batch view polls while in them. */
export function isWorking(status: ImportStatus): boolean {
  return status === 'receiving' || status === 'validating' || status === 'merging';
}

/** Percent done of the running phase, or null when the total is not known yet. */
export function progressPercent(progress: ImportBatch['progress']): number | null {
  if (!progress || progress.total === null || progress.total <= 0) return null;
  return Math.min(100, Math.floor((progress.done / progress.total) * 100));
}

/** Percent of an upload sent, or null when the browser cannot tell the size. */
export function uploadPercent(loaded: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.floor((loaded / total) * 100));
}

/** antd tag colours per status: blue while working, green when done, red when it went wrong. */
export const statusColors: Record<ImportStatus, string> = {
  receiving: 'processing',
  validating: 'processing',
  invalid: 'error',
  ready: 'gold',
  merging: 'processing',
  merged: 'success',
  failed: 'error',
  discarded: 'default',
  rolled_back: 'purple',
};

/** A row problem in the reader's language (the server words every one in both). */
export function rowErrorText(error: Pick<ImportRowError, 'message'>, lang: Language): string {
  return error.message[lang] || error.message['zh-CN'];
}

/** Same normalisation as the server's alias match: width, case, spaces, brackets and `*` ignored. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000\ufeff*()]/g, '');
}

export type ColumnMapping = Record<string, string | undefined>;

/**
 * The mapping form's first guess, per column: the remembered header for (type, source) when this
 * file has it, else a header that names the column (key, its zh/en label, or an alias the server
 * sent with the missing columns). A header is offered to one column only.
 */
export function prefillMapping(
  columns: ImportTypeInfo['columns'],
  headers: readonly string[],
  remembered: Record<string, string>,
  aliases: Record<string, readonly string[]> = {},
): ColumnMapping {
  const result: ColumnMapping = {};
  const taken = new Set<string>();
  for (const column of columns) {
    const wanted = remembered[column.key];
    if (wanted !== undefined && headers.includes(wanted) && !taken.has(wanted)) {
      result[column.key] = wanted;
      taken.add(wanted);
    }
  }
  const byName = new Map<string, string>();
  for (const h of headers) {
    const n = normalizeHeader(h);
    if (n !== '' && !byName.has(n)) byName.set(n, h);
  }
  for (const column of columns) {
    if (result[column.key] !== undefined) continue;
    const names = [column.key, column.label['zh-CN'], column.label['en-US'], ...(aliases[column.key] ?? [])];
    const header = names.map((n) => byName.get(normalizeHeader(n))).find((h) => h !== undefined && !taken.has(h));
    if (header !== undefined) {
      result[column.key] = header;
      taken.add(header);
    }
  }
  return result;
}

/** The mapping to send: chosen columns only (the server matches the rest by name). */
export function mappingToSend(mapping: ColumnMapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).flatMap(([k, v]) => (v ? [[k, v]] : [])));
}

/** Headers chosen for more than one column: each header can feed one column only. */
export function duplicateHeaders(mapping: ColumnMapping): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of Object.values(mapping)) {
    if (!v) continue;
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

export type ImportFileError = {
  code: (typeof importFileErrorCodes)[number];
  message: string;
  headers: string[];
  missing: string[];
  aliases: Record<string, string[]>;
};

/** A file-level problem of an upload (unreadable file, missing columns…), or null for any other failure. */
export function importFileError(err: unknown): ImportFileError | null {
  if (!(err instanceof ApiError)) return null;
  const parsed = importFileErrorDetailsSchema.safeParse(err.details);
  if (parsed.success) {
    const d = parsed.data;
    return { code: d.importError, message: err.message, headers: d.headers ?? [], missing: (d.missing ?? []).map((m) => m.key), aliases: Object.fromEntries((d.missing ?? []).map((m) => [m.key, m.aliases ?? []])) };
  }
  if (err.code === 'PAYLOAD_TOO_LARGE') return { code: 'TOO_LARGE', message: err.message, headers: [], missing: [], aliases: {} };
  return null;
}

/** True for a name the import reads (.xlsx or .csv, any case). */
export function isImportFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return importExtensions.some((ext) => lower.endsWith(ext));
}

/** "1 分 5 秒"-style duration parts: minutes and seconds, rounded to whole seconds. */
export function durationParts(ms: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

const SOURCE_KEY = 'uplift.import.source';

/** The source system named on this device last time, to prefill the next upload ('' when none). */
export function lastSource(storage: Pick<Storage, 'getItem'> | null): string {
  try {
    return storage?.getItem(SOURCE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Remembers the source system of a successful upload (an empty one is remembered as empty too). */
export function rememberSource(storage: Pick<Storage, 'setItem'> | null, source: string): void {
  try {
    storage?.setItem(SOURCE_KEY, source.trim());
  } catch {
    // private mode or storage disabled: the next upload starts empty
  }
}
