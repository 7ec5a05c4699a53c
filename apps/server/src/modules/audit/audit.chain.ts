import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a record's hash covers (everything but the hash itself). */
export type ChainContent = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
};

/** JSON with object keys sorted at every depth, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 over the previous hash and the canonical content. */
export function hashRecord(c: ChainContent): string {
  const content = {
    seq: c.seq,
    at: c.at.toISOString(),
    actorId: c.actorId,
    actorLabel: c.actorLabel,
    action: c.action,
    entityType: c.entityType,
    entityId: c.entityId,
    before: c.before,
    after: c.after,
    requestId: c.requestId,
    prevHash: c.prevHash,
  };
  const body = canonicalJson(content);
  return createHash('sha256').update(c.prevHash).update('\n').update(body).digest('hex');
}

/** HMAC signature of a checkpoint with the key derived from UPLIFT_SECRET. */
export function signCheckpoint(key: Buffer, cp: { seq: number; hash: string; at: Date }): string {
  return createHmac('sha256', key).update(`uplift-audit-checkpoint\n${cp.seq}\n${cp.hash}\n${cp.at.toISOString()}`).digest('hex');
}

export function checkpointSignatureValid(key: Buffer, cp: { seq: number; hash: string; at: Date; signature: string }): boolean {
  const expected = Buffer.from(signCheckpoint(key, cp), 'hex');
  const given = Buffer.from(cp.signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const SENSITIVE = /(password|secret|token|mobile|phone|id_?number|national_?id|idcard|bank|salary|email)/i;

/** Replaces sensitive values by "[redacted]" at any depth, so before/after never leak them into the trail. */
export function redact(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k] = SENSITIVE.test(k) && v !== null ? '[redacted]' : redact(v);
    }
    return out;
  }
  return value;
}
