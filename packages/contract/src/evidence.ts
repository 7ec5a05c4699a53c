import { z } from 'zod';

/**
 * The evidence package of a plan (证据包): a ZIP with a readable Chinese timeline, every record
 * as JSON, the attachments in their original bytes, and `manifest.json` — each file's SHA-256
 * and size, the audit-chain positions behind each record, and the latest signed checkpoint of
 * the chain. `npm run evidence:verify -- FILE` checks a package on its own.
 */
export const EVIDENCE_FORMAT = 'uplift-evidence/1';
export const EVIDENCE_MANIFEST = 'manifest.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const evidenceFileKinds = ['report', 'record', 'attachment', 'audit'] as const;
export const evidenceManifestFileSchema = z.object({
  path: z.string().min(1),
  sha256,
  size: z.number().int().nonnegative(),
  kind: z.enum(evidenceFileKinds),
  /** the section that wrote it (plan, goals, checkins, …, or a plugged-in one) */
  section: z.string(),
  /** what it is, in Chinese */
  title: z.string(),
  /** the audit-chain positions (seq) of the entries behind this record */
  auditSeqs: z.array(z.number().int().positive()),
});
export type EvidenceManifestFile = z.infer<typeof evidenceManifestFileSchema>;

/**
 * The latest signed checkpoint of the audit chain when the package was made. It is an HMAC
 * (key derived from the server's UPLIFT_SECRET), so there is no public key: `keyId` names the key
 * and the verifier checks the signature when it is given the secret.
 */
export const evidenceCheckpointSchema = z.object({
  seq: z.number().int().positive(),
  hash: sha256,
  at: z.string(),
  signature: z.string(),
  algorithm: z.literal('HMAC-SHA256'),
  /** the signed message, with {seq}, {hash} and {at} (ISO) filled in */
  message: z.string(),
  /** first 16 hex digits of the SHA-256 of the checkpoint key */
  keyId: z.string(),
  publicKey: z.null(),
});
export type EvidenceCheckpoint = z.infer<typeof evidenceCheckpointSchema>;

export const evidenceManifestSchema = z.object({
  format: z.literal(EVIDENCE_FORMAT),
  generatedAt: z.string(),
  generatedBy: z.object({ userId: z.string().nullable(), label: z.string() }),
  plan: z.object({ id: z.uuid(), employee: z.object({ name: z.string(), employeeNo: z.string() }), state: z.string() }),
  sections: z.array(z.object({ key: z.string(), title: z.string() })),
  files: z.array(evidenceManifestFileSchema),
  audit: z.object({
    /** every audit entry behind the records, with its hash and predecessor's hash */
    entriesPath: z.string(),
    checkpoint: evidenceCheckpointSchema.nullable(),
  }),
});
export type EvidenceManifest = z.infer<typeof evidenceManifestSchema>;

/** One audit-chain entry as the package carries it: enough to recompute its hash. */
export const evidenceAuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  prevHash: sha256,
  hash: sha256,
});
export type EvidenceAuditEntry = z.infer<typeof evidenceAuditEntrySchema>;

/** What the verifier found: every problem names the file (or entry) it is about. */
export type EvidenceVerifyReport = {
  ok: boolean;
  files: number;
  missing: string[];
  extra: string[];
  changed: { path: string; expected: string; actual: string }[];
  problems: string[];
  checkpoint: { seq: number; signature: 'valid' | 'invalid' | 'unchecked' | 'absent' };
  auditEntries: number;
};
