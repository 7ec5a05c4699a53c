import { createHash } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { ApiOperation, BatchAccepted, BatchRejected, ImportBatch, ImportRowError, ImportType } from '@uplift/contract';
import type { Db } from '../../db/client.ts';
import { idempotencyKeys, importBatches } from '../../db/schema/index.ts';
import { MINUTE, type Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Imports } from '../import/import.service.ts';
import type { MachineCaller } from './service-accounts.service.ts';

/** status_code of a key whose request is still running (no answer stored yet). */
const IN_PROGRESS = 0;
/** A key still "in progress" after this long belongs to a request whose process died. */
const ABANDONED_MS = 15 * MINUTE;

export type BatchOutcome = ({ statusCode: 200; body: BatchAccepted } | { statusCode: 422; body: BatchRejected }) & { replayed: boolean };
export type ApiBatches = ReturnType<typeof createApiBatches>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Batches pushed by machine clients, each under an Idempotency-Key: the batch goes through the
 * import path (`imports.ingest`: cell and set-based checks, one-transaction merge, all or nothing)
 * and its answer is stored under the key, so the same batch sent twice is stored once.
 *
 * The merge commits inside `ingest`, before the answer is stored under the key. If the process dies
 * in that window, the key stays "in progress": a retry gets 409 until it is abandoned (15 min), then
 * finds the merged batch by its label (`API <key>`, created by the account) and answers from it
 * instead of merging again.
 */
export function createApiBatches(deps: { db: Db; clock: Clock; imports: Imports }) {
  const { db, clock, imports } = deps;

  const accepted = (b: ImportBatch): BatchAccepted => ({ batchId: b.id, status: 'merged', counts: b.counts });
  const rejected = (b: ImportBatch, errors: ImportRowError[], requestId: string): BatchRejected => {
    const rows = new Set(errors.map((e) => e.rowNumber)).size;
    return {
      error: {
        code: 'VALIDATION_FAILED',
        message: `${b.counts.errorRows || rows} 项有错误（共 ${b.counts.errors || errors.length} 处），整批未写入：请修正后用新的 Idempotency-Key 重新提交`,
        details: {
          batchId: b.id,
          errors: errors.map((e) => ({ index: e.rowNumber - 1, field: e.column, value: e.value, code: e.code, message: e.message })),
        },
        requestId,
      },
    };
  };

  /** Answers for a batch merged under this key before its answer could be stored (see above). */
  async function mergedBefore(caller: MachineCaller, type: ImportType, label: string, itemsSha: string): Promise<BatchOutcome | null> {
    const [b] = await db
      .select({ id: importBatches.id })
      .from(importBatches)
      .where(and(eq(importBatches.createdBy, caller.access.userId), eq(importBatches.type, type), eq(importBatches.fileName, label), eq(importBatches.sha256, itemsSha), isNotNull(importBatches.mergedAt)));
    if (!b) return null;
    return { statusCode: 200, body: accepted(await imports.view(caller.access, b.id)), replayed: false };
  }

  /** Takes the key for this request, or answers from it (replay, 409 for another body or one still running). */
  async function claim(caller: MachineCaller, key: string, requestHash: string): Promise<BatchOutcome | null> {
    const now = clock.now();
    const mine = and(eq(idempotencyKeys.serviceAccountId, caller.serviceAccountId), eq(idempotencyKeys.key, key));
    const [claimed] = await db
      .insert(idempotencyKeys)
      .values({ serviceAccountId: caller.serviceAccountId, key, requestHash, statusCode: IN_PROGRESS, response: {}, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed) return null;
    const [prior] = await db.select().from(idempotencyKeys).where(mine);
    const busy = new AppError('CONFLICT', `Idempotency-Key「${key}」的请求仍在处理中，请稍后用同一个键重试`);
    if (!prior) throw busy;
    if (prior.requestHash !== requestHash) {
      throw new AppError('CONFLICT', `Idempotency-Key「${key}」已用于另一个不同的请求：每个批次请使用新的键`, { idempotencyKey: key });
    }
    if (prior.statusCode === 200) return { statusCode: 200, body: prior.response as BatchAccepted, replayed: true };
    if (prior.statusCode === 422) return { statusCode: 422, body: prior.response as BatchRejected, replayed: true };
    if (now.getTime() - prior.createdAt.getTime() < ABANDONED_MS) throw busy;
    const [taken] = await db
      .update(idempotencyKeys)
      .set({ createdAt: now })
      .where(and(mine, eq(idempotencyKeys.statusCode, IN_PROGRESS), eq(idempotencyKeys.createdAt, prior.createdAt)))
      .returning({ key: idempotencyKeys.key });
    if (!taken) throw busy;
    return null;
  }

  /**
   * Receives one batch: checks the token's operation, takes the key, ingests, stores the answer.
   * 200 merged, or 422 with every item error (index 0-based); nothing stored on 422.
   */
  async function receive(caller: MachineCaller, input: { type: ImportType; operation: ApiOperation; key: string; items: Record<string, unknown>[]; requestId: string }): Promise<BatchOutcome> {
    if (!caller.operations.has(input.operation)) throw new AppError('FORBIDDEN', `此令牌没有「${input.operation}」权限：请向管理员申请带这项操作的令牌`);
    const itemsJson = JSON.stringify(input.items);
    const itemsSha = sha256(itemsJson);
    const requestHash = sha256(`${input.type}\n${itemsJson}`);
    const replay = await claim(caller, input.key, requestHash);
    if (replay) return replay;
    const mine = and(eq(idempotencyKeys.serviceAccountId, caller.serviceAccountId), eq(idempotencyKeys.key, input.key), eq(idempotencyKeys.statusCode, IN_PROGRESS));
    const label = `API ${input.key}`;
    let outcome: BatchOutcome;
    try {
      const earlier = await mergedBefore(caller, input.type, label, itemsSha);
      if (earlier) outcome = earlier;
      else {
        const { batch, errors } = await imports.ingest(caller.access, caller.audit, { type: input.type, items: input.items, label });
        if (batch.status === 'merged') outcome = { statusCode: 200, body: accepted(batch), replayed: false };
        else if (batch.status === 'invalid') outcome = { statusCode: 422, body: rejected(batch, errors, input.requestId), replayed: false };
        else throw new Error(`batch ${batch.id} ended as ${batch.status}`);
      }
    } catch (err) {
      // nothing was stored: the key is free for a retry of the same batch
      await db.delete(idempotencyKeys).where(mine);
      throw err;
    }
    await db.update(idempotencyKeys).set({ statusCode: outcome.statusCode, response: outcome.body }).where(mine);
    return outcome;
  }

  return { receive };
}
