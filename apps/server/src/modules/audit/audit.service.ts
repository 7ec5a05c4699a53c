import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { AuditVerifyReport } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { auditCheckpoint, auditHead, auditLog } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { GENESIS_HASH, checkpointSignatureValid, hashRecord, redact, signCheckpoint } from './audit.chain.ts';

/** Who did it and under which request: the context every audited write carries. */
export type AuditContext = { actorId: string | null; actorLabel: string; requestId: string | null };

export const systemActor = (label = 'system'): AuditContext => ({ actorId: null, actorLabel: label, requestId: null });

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type Audit = ReturnType<typeof createAudit>;

/** The tamper-evident audit trail: appends inside the caller's transaction, verifies, checkpoints. */
export function createAudit(deps: { clock: Clock; checkpointKey: Buffer }) {
  const { clock, checkpointKey } = deps;

  async function append(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<number> {
    // Updating the head first takes its row lock until commit: appends are serialised, so
    // seq order is commit order even with many app nodes.
    const [head] = await tx
      .update(auditHead)
      .set({ seq: sql`${auditHead.seq} + 1` })
      .where(eq(auditHead.id, 1))
      .returning({ seq: auditHead.seq, prevHash: auditHead.hash });
    if (!head) throw new Error('audit chain head is missing: the database was not migrated');
    const content = {
      seq: head.seq,
      at: clock.now(),
      actorId: ctx.actorId,
      actorLabel: ctx.actorLabel,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: normalize(redact(entry.before ?? null)),
      after: normalize(redact(entry.after ?? null)),
      requestId: ctx.requestId,
      prevHash: head.prevHash,
    };
    const hash = hashRecord(content);
    await tx.insert(auditLog).values({ ...content, hash });
    await tx.update(auditHead).set({ hash }).where(eq(auditHead.id, 1));
    return head.seq;
  }

  /** One record for a bulk operation: its counts and a checksum of what it touched, not a row each. */
  async function appendBatch(
    tx: Tx,
    ctx: AuditContext,
    entry: { action: string; entityType: string; entityId?: string | null; counts: Record<string, number>; items: readonly unknown[]; note?: unknown },
  ): Promise<number> {
    const checksum = createHash('sha256');
    for (const item of entry.items) checksum.update(JSON.stringify(item)).update('\n');
    return append(tx, ctx, {
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      after: { batch: true, counts: entry.counts, checksum: checksum.digest('hex'), note: entry.note ?? null },
    });
  }

  /** Signs the current head. Idempotent: a second run at the same head writes nothing. */
  async function checkpoint(db: Db): Promise<{ seq: number; hash: string } | null> {
    return db.transaction(async (tx) => {
      const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
      if (!head || head.seq === 0) return null;
      const at = clock.now();
      const signature = signCheckpoint(checkpointKey, { seq: head.seq, hash: head.hash, at });
      const inserted = await tx
        .insert(auditCheckpoint)
        .values({ seq: head.seq, hash: head.hash, at, signature })
        .onConflictDoNothing()
        .returning({ seq: auditCheckpoint.seq });
      return inserted.length ? { seq: head.seq, hash: head.hash } : null;
    });
  }

  /**
   * Walks the whole chain in pages and reports the first broken link: a record whose hash does
   * not match its content or predecessor, a checkpoint whose signature or hash does not match
   * (which catches a chain rewritten after an edit), or a head that disagrees with the last record.
   */
  async function verify(db: Db, pageSize = 2000): Promise<AuditVerifyReport> {
    const checkpoints = await db.select().from(auditCheckpoint).orderBy(asc(auditCheckpoint.seq));
    const report = (firstBroken: AuditVerifyReport['firstBroken'], records: number, headSeq: number): AuditVerifyReport => ({
      ok: firstBroken === null,
      records,
      checkpoints: checkpoints.length,
      headSeq,
      firstBroken,
    });
    for (const cp of checkpoints) {
      if (!checkpointSignatureValid(checkpointKey, cp)) {
        return report({ kind: 'checkpoint', seq: cp.seq, reason: 'checkpoint signature is invalid' }, 0, 0);
      }
    }
    const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
    const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
    const headSeq = head?.seq ?? 0;
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(gt(auditLog.seq, expectedSeq - 1), lte(auditLog.seq, headSeq)))
        .orderBy(asc(auditLog.seq))
        .limit(pageSize);
      if (rows.length === 0) break;
      for (const r of rows) {
        if (r.seq !== expectedSeq) return report({ kind: 'record', seq: expectedSeq, reason: `record ${expectedSeq} is missing` }, count, headSeq);
        if (r.prevHash !== prevHash) return report({ kind: 'record', seq: r.seq, reason: 'previous-hash link does not match' }, count, headSeq);
        const recomputed = hashRecord({ ...r, before: r.before ?? null, after: r.after ?? null });
        if (recomputed !== r.hash) return report({ kind: 'record', seq: r.seq, reason: 'content does not match its hash (edited)' }, count, headSeq);
        const cp = bySeq.get(r.seq);
        if (cp && cp.hash !== r.hash) {
          return report({ kind: 'checkpoint', seq: r.seq, reason: 'chain differs from the signed checkpoint (rewritten)' }, count, headSeq);
        }
        prevHash = r.hash;
        expectedSeq = r.seq + 1;
        count++;
      }
    }
    if (count !== headSeq) return report({ kind: 'record', seq: count + 1, reason: `record ${count + 1} is missing` }, count, headSeq);
    if (head && head.hash !== prevHash) return report({ kind: 'head', seq: headSeq, reason: 'chain head does not match the last record' }, count, headSeq);
    const lastCp = checkpoints.at(-1);
    if (lastCp && lastCp.seq > headSeq) {
      return report({ kind: 'checkpoint', seq: lastCp.seq, reason: 'records after a signed checkpoint were removed' }, count, headSeq);
    }
    return report(null, count, headSeq);
  }

  /** Recent records, newest first, keyset-paginated by seq. */
  async function list(db: Db, opts: { limit: number; beforeSeq: number | null; entityType?: string; entityId?: string }) {
    const conds = [];
    if (opts.beforeSeq !== null) conds.push(sql`${auditLog.seq} < ${opts.beforeSeq}`);
    if (opts.entityType) conds.push(eq(auditLog.entityType, opts.entityType));
    if (opts.entityId) conds.push(eq(auditLog.entityId, opts.entityId));
    return db
      .select()
      .from(auditLog)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(auditLog.seq))
      .limit(opts.limit);
  }

  return { append, appendBatch, checkpoint, verify, list };
}

// jsonb stores what JSON.parse would give back: hash exactly that, so verification recomputes the same bytes
function normalize(value: unknown): unknown {
  return value === null ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
