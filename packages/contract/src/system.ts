import { z } from 'zod';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'failing']),
  jobs: z.enum(['ok', 'failing']),
});

export const auditVerifyReportSchema = z.object({
  ok: z.boolean(),
  records: z.number().int(),
  checkpoints: z.number().int(),
  headSeq: z.number().int(),
  firstBroken: z
    .object({
      kind: z.enum(['record', 'checkpoint', 'head']),
      seq: z.number().int(),
      reason: z.string(),
    })
    .nullable(),
});
export type AuditVerifyReport = z.infer<typeof auditVerifyReportSchema>;

export const auditRecordSchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});

export const backupSchema = z.object({
  file: z.string(),
  bytes: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Backup = z.infer<typeof backupSchema>;
export const backupListSchema = z.object({ items: z.array(backupSchema), retain: z.number().int(), cron: z.string() });
export type BackupList = z.infer<typeof backupListSchema>;
export const checkpointResponseSchema = z.object({ seq: z.number().int().nullable() });
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** What the sign-in page may know before sign-in. */
export const metaSchema = z.object({
  product: z.string(),
  version: z.string(),
  /** The demo data set is loaded (documented demo logins work). */
  demo: z.boolean(),
  /** the business date (TZ_BUSINESS) by the server's clock */
  today: z.iso.date(),
});
export type Meta = z.infer<typeof metaSchema>;
