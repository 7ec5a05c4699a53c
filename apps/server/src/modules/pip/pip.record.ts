import { inArray, isNotNull, and, sql } from 'drizzle-orm';
import type { PipState } from '@uplift/contract';
import type { Tx } from '../../db/client.ts';
import { employees, pipEvents } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { NotificationAction } from '../notify/notify.channels.ts';
import type { Notify } from '../notify/notify.service.ts';

export type Emit = (tx: Tx, event: 'pip.started' | 'pip.closed', data: Record<string, unknown>, opts?: { eventId?: string }) => Promise<unknown>;

type Localized = { 'zh-CN': string; 'en-US': string };

export type PipEventChange = { from?: PipState | null; to?: PipState | null; data?: Record<string, unknown>; before?: unknown };
/** Called after each plan event, in its transaction: how other modules (WeCom) follow the plan without each caller knowing them. */
export type PipObserver = (tx: Tx, ctx: AuditContext, planId: string, kind: string, change: PipEventChange) => Promise<void>;

/** Several observers as one, run in order; absent ones are skipped. */
export function composeObservers(...list: (PipObserver | undefined)[]): PipObserver | undefined {
  const present = list.filter((o): o is PipObserver => o !== undefined);
  if (present.length === 0) return undefined;
  return async (...args) => {
    for (const o of present) await o(...args);
  };
}

/**
 * The plan's record: one timeline event and one audit entry per change, in the caller's
 * transaction; notifications to employees by their user accounts.
 */
export function createPipRecord(deps: { clock: Clock; audit: Audit; notify: Notify; observe?: PipObserver | undefined }) {
  const { clock, audit, notify } = deps;

  async function event(tx: Tx, ctx: AuditContext, planId: string, kind: string, change: PipEventChange) {
    const data = change.data ?? {};
    await tx.insert(pipEvents).values({ planId, at: clock.now(), kind, actorId: ctx.actorId, actorLabel: ctx.actorLabel, fromState: change.from ?? null, toState: change.to ?? null, data });
    await audit.append(tx, ctx, { action: `pip.${kind}`, entityType: 'pip_plan', entityId: planId, before: change.before ?? (change.from ? { state: change.from } : null), after: { ...(change.to ? { state: change.to } : {}), ...data } });
    await deps.observe?.(tx, ctx, planId, kind, change);
  }

  /** Tells the given employees (those with an account and not gone) once per dedupe key. */
  async function tell(tx: Tx, ctx: AuditContext, employeeIds: readonly (string | null)[], input: { kind: string; dedupeKey: string; title: Localized; body: Localized; link: string; subject?: { type: string; id: string; planId?: string }; actions?: NotificationAction[] }) {
    const ids = [...new Set(employeeIds.filter((x): x is string => x !== null))];
    if (ids.length === 0) return;
    const rows = await tx
      .select({ userId: employees.userId })
      .from(employees)
      .where(and(inArray(employees.id, ids), isNotNull(employees.userId), sql`${employees.status} <> 'left'`));
    const recipients = rows.map((r) => r.userId).filter((x): x is string => x !== null);
    await notify.notify(tx, ctx, { recipients, kind: input.kind, dedupeKey: input.dedupeKey, payload: { title: input.title, body: input.body, link: input.link, subject: input.subject ?? null }, ...(input.actions && { actions: input.actions }) });
  }

  return { event, tell };
}

export type PipRecord = ReturnType<typeof createPipRecord>;
