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
