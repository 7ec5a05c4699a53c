import { z } from 'zod';

/** What can be imported. Later imports (performance results, work logs…) add their type here. */
export const importTypes = ['org_units', 'employees', 'performance_results', 'work_logs', 'customer_feedback', 'holidays'] as const;
export const importTypeSchema = z.enum(importTypes);
export type ImportType = z.infer<typeof importTypeSchema>;

/**
 * receiving → validating → invalid (errors, nothing merged) | ready (preview counts) → merging →
 * merged → rolled_back. `failed`: the server stopped or crashed mid-way (nothing merged);
 * `discarded`: the importer dropped a validated batch without merging.
 */
export const importStatuses = ['receiving', 'validating', 'invalid', 'ready', 'merging', 'merged', 'failed', 'discarded', 'rolled_back'] as const;
export const importStatusSchema = z.enum(importStatuses);
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const importPhaseSchema = z.enum(['receiving', 'validating', 'merging', 'rolling_back']);

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

/** One column of an import type, as the template and the mapping step show it. */
export const importColumnSchema = z.object({
  key: z.string(),
  required: z.boolean(),
  label: localized,
  /** what a valid value looks like, e.g. "2024-03-01" or "男/女" */
  hint: localized,
});
export const importTypeInfoSchema = z.object({
  type: importTypeSchema,
  label: localized,
  columns: z.array(importColumnSchema),
  /** the caller may import this type (and within which scope rows must lie) */
  allowed: z.boolean(),
});
export const importTypesSchema = z.object({ items: z.array(importTypeInfoSchema) });
export type ImportTypeInfo = z.infer<typeof importTypeInfoSchema>;

export const importCountsSchema = z.object({
  /** data rows in the file */
  rows: z.number().int(),
  /** rows with at least one error */
  errorRows: z.number().int(),
  errors: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
});

export const importBatchSchema = z.object({
  id: z.uuid(),
  type: importTypeSchema,
  status: importStatusSchema,
  fileName: z.string(),
  fileSize: z.number().int(),
  sha256: z.string(),
  format: z.enum(['csv', 'xlsx']).nullable(),
  encoding: z.enum(['utf-8', 'gb18030']).nullable(),
  /** the source system the column mapping is remembered for */
  source: z.string().nullable(),
  /** column key → header text in the file */
  mapping: z.record(z.string(), z.string()),
  unmappedHeaders: z.array(z.string()),
  counts: importCountsSchema,
  progress: z.object({ phase: importPhaseSchema, done: z.number().int(), total: z.number().int().nullable() }).nullable(),
  /** why the import failed (server stopped, file could not be merged…) */
  failure: z.string().nullable(),
  createdBy: z.object({ id: z.uuid(), username: z.string() }),
  createdAt: z.iso.datetime(),
  mergedAt: z.iso.datetime().nullable(),
  mergedBy: z.string().nullable(),
  /** upload received → validated (→ merged) */
  durationMs: z.number().int().nullable(),
  rolledBackAt: z.iso.datetime().nullable(),
  rolledBackBy: z.string().nullable(),
  /** the same file (SHA-256) was already merged before */
  sameFileMergedAt: z.iso.datetime().nullable(),
  canMerge: z.boolean(),
  canDiscard: z.boolean(),
  canRollback: z.boolean(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const importListQuerySchema = z.object({
  type: importTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
});
export const importPageSchema = z.object({ items: z.array(importBatchSchema), nextCursor: z.string().nullable() });

/** One problem in one cell (column null: the whole row). */
export const importRowErrorSchema = z.object({
  rowNumber: z.number().int(),
  column: z.string().nullable(),
  /** the header text in the file for that column */
  header: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: localized,
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;
export const importErrorsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(300).optional(),
});
export const importErrorsPageSchema = z.object({ items: z.array(importRowErrorSchema), nextCursor: z.string().nullable(), total: z.number().int() });

/**
 * Upload form fields (multipart, the file last): type, optional source name and a JSON column
 * mapping ({ key: header text }). A mapping used by a successful upload is remembered for (type, source).
 */
export const importUploadFieldsSchema = z.object({
  type: importTypeSchema,
  source: z.string().trim().max(100).optional(),
  mapping: z.record(z.string(), z.string().max(200)).optional(),
});

export const importMappingQuerySchema = z.object({ type: importTypeSchema, source: z.string().trim().max(100).optional() });
export const importMappingSchema = z.object({ type: importTypeSchema, source: z.string().nullable(), mapping: z.record(z.string(), z.string()), updatedAt: z.iso.datetime().nullable() });

/**
 * File-level problems come back as VALIDATION_FAILED with details.importError set to one of these
 * codes; MISSING_COLUMNS carries `headers` (the file's) and `missing` (column keys) for the mapping step.
 */
export const importFileErrorCodes = ['UNSUPPORTED_FORMAT', 'EMPTY_FILE', 'MISSING_COLUMNS', 'DUPLICATE_HEADER', 'BAD_ENCODING', 'CORRUPT_FILE', 'TOO_LARGE'] as const;
export const importFileErrorDetailsSchema = z.object({
  importError: z.enum(importFileErrorCodes),
  headers: z.array(z.string()).optional(),
  missing: z.array(z.object({ key: z.string(), aliases: z.array(z.string()).optional() })).optional(),
  /** DUPLICATE_HEADER: which headers claim the same column */
  duplicates: z.array(z.object({ key: z.string(), headers: z.array(z.string()) })).optional(),
});
