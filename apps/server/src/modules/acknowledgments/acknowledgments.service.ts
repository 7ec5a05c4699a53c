import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { acknowledgments } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';

/** What is acknowledged: one version of one object (a policy version, a PIP plan, an outcome). */
export type AckSubject = { type: string; id: string; version: number };
export type AckRow = typeof acknowledgments.$inferSelect;

export type Acknowledgments = ReturnType<typeof createAcknowledgments>;

/**
 * Acknowledgments (签收) for the whole product: a person confirms the exact content they were
 * shown (its SHA-256 must match the current content), or HR records a refusal with a witness.
 * One per person and subject version; the first one stands (a second confirm is a no-op).
 */
export function createAcknowledgments(deps: { clock: Clock; audit: Audit }) {
  const { clock, audit } = deps;

  async function existing(tx: Tx, subject: AckSubject, employeeId: string): Promise<AckRow | null> {
    const [r] = await tx
      .select()
      .from(acknowledgments)
      .where(and(eq(acknowledgments.subjectType, subject.type), eq(acknowledgments.subjectId, subject.id), eq(acknowledgments.subjectVersion, subject.version), eq(acknowledgments.employeeId, employeeId)));
    return r ?? null;
  }

  /** The person confirms what they saw; refused when `shownSha256` is not the current content's. */
  async function confirm(
    tx: Tx,
    ctx: AuditContext,
    input: { subject: AckSubject; currentSha256: string; shownSha256: string; employeeId: string; userId: string | null; channel: 'web' | 'wecom'; ip: string | null; userAgent: string | null },
  ): Promise<AckRow> {
    if (input.shownSha256 !== input.currentSha256)
      throw new AppError('CONFLICT', '您看到的内容不是当前版本，请刷新后重新阅读再确认', { reason: 'CONTENT_CHANGED', currentSha256: input.currentSha256 });
    const before = await existing(tx, input.subject, input.employeeId);
    if (before) return before;
    const [row] = await tx
      .insert(acknowledgments)
      .values({
        subjectType: input.subject.type,
        subjectId: input.subject.id,
        subjectVersion: input.subject.version,
        employeeId: input.employeeId,
        userId: input.userId,
        status: 'confirmed',
        contentSha256: input.shownSha256,
        channel: input.channel,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 500) ?? null,
        at: clock.now(),
      })
      // a double click racing itself: the first one stands
      .onConflictDoNothing()
      .returning();
    if (!row) return (await existing(tx, input.subject, input.employeeId))!;
    await audit.append(tx, ctx, { action: 'acknowledgment.confirm', entityType: input.subject.type, entityId: input.subject.id, after: { version: input.subject.version, employeeId: input.employeeId, sha256: input.shownSha256, channel: input.channel } });
    return row;
  }

  /** HR records that the person refused to confirm, with a witness; not over an existing confirmation. */
  async function refuse(
    tx: Tx,
    ctx: AuditContext,
    input: { subject: AckSubject; currentSha256: string; employeeId: string; witnessEmployeeId: string; note: string; recordedBy: string },
  ): Promise<AckRow> {
    if (input.witnessEmployeeId === input.employeeId) throw fieldError('body.witnessEmployeeId', '见证人不能是本人');
    const before = await existing(tx, input.subject, input.employeeId);
    if (before) throw new AppError('CONFLICT', before.status === 'confirmed' ? '此人已经确认，不能再记录拒签' : '已经记录过拒签');
    const [row] = await tx
      .insert(acknowledgments)
      .values({
        subjectType: input.subject.type,
        subjectId: input.subject.id,
        subjectVersion: input.subject.version,
        employeeId: input.employeeId,
        status: 'refused',
        contentSha256: input.currentSha256,
        channel: 'in_person',
        witnessEmployeeId: input.witnessEmployeeId,
        witnessNote: input.note,
        recordedBy: input.recordedBy,
        at: clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('CONFLICT', '此人已有确认或拒签记录');
    await audit.append(tx, ctx, { action: 'acknowledgment.refuse', entityType: input.subject.type, entityId: input.subject.id, after: { version: input.subject.version, employeeId: input.employeeId, witnessEmployeeId: input.witnessEmployeeId, note: input.note } });
    return row;
  }

  return { confirm, refuse, existing };
}

