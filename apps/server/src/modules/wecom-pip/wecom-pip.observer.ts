import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { checkins, pipEvaluations, pipPlans, wecomPipOps } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { PipEventChange, PipObserver } from '../pip/pip.record.ts';
import { milestone } from './wecom-pip.messages.ts';

export type OpKind = 'schedule' | 'chat' | 'rsvp';
export type OpName = 'upsert' | 'cancel' | 'create' | 'post' | 'close' | 'members' | 'fetch';
export type NewOp = { kind: OpKind; ref: string; op: OpName; dedupeKey?: string; payload?: Record<string, unknown> };

/** Writes operations for the drain in the caller's transaction; a repeated dedupe key is one op. */
export async function enqueue(tx: Tx, clock: Clock, ops: NewOp[]): Promise<void> {
  if (ops.length === 0) return;
  const now = clock.now();
  await tx
    .insert(wecomPipOps)
    .values(ops.map((o) => ({ kind: o.kind, ref: o.ref, op: o.op, dedupeKey: o.dedupeKey ?? null, payload: o.payload ?? {}, status: 'pending', dueAt: now, createdAt: now })))
    .onConflictDoNothing();
}

const ENDED = new Set(['closed', 'cancelled']);
const idsOf = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap((x) => (x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' ? [(x as { id: string }).id] : [])) : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Follows the plan's record: turns its events into WeCom operations, in the event's
 * transaction. Whether the people involved are on WeCom is decided when an op runs, not here.
 */
export function createWecomPipObserver(deps: { clock: Clock }): PipObserver {
  const { clock } = deps;

  async function chatStarted(tx: Tx, planId: string): Promise<boolean> {
    const [r] = await tx.select({ id: wecomPipOps.id }).from(wecomPipOps).where(and(eq(wecomPipOps.kind, 'chat'), eq(wecomPipOps.ref, planId), eq(wecomPipOps.op, 'create'))).limit(1);
    return r !== undefined;
  }
  async function chatEnded(tx: Tx, planId: string): Promise<boolean> {
    const [r] = await tx.select({ id: wecomPipOps.id }).from(wecomPipOps).where(and(eq(wecomPipOps.kind, 'chat'), eq(wecomPipOps.ref, planId), eq(wecomPipOps.op, 'close'))).limit(1);
    return r !== undefined;
  }
  /** A milestone for a running chat: nothing before the plan started, nothing after it ended. */
  async function post(tx: Tx, planId: string, key: string, text: string): Promise<NewOp[]> {
    if (!(await chatStarted(tx, planId)) || (await chatEnded(tx, planId))) return [];
    return [{ kind: 'chat', ref: planId, op: 'post', dedupeKey: key, payload: { text } }];
  }

  return async (tx, _ctx, planId, kind, change: PipEventChange) => {
    const data = change.data ?? {};
    const ops: NewOp[] = [];
    switch (kind) {
      case 'acknowledge':
      case 'record_refusal': {
        // the first time the plan runs: its chat, then the "started" milestone (a re-acknowledgment after an extension adds nothing: keys repeat)
        if (change.to !== 'in_progress' || (await chatEnded(tx, planId))) break;
        const [plan] = await tx.select({ start: pipPlans.plannedStart, end: pipPlans.plannedEnd }).from(pipPlans).where(eq(pipPlans.id, planId));
        if (!plan) break;
        ops.push({ kind: 'chat', ref: planId, op: 'create', dedupeKey: 'create' }, { kind: 'chat', ref: planId, op: 'post', dedupeKey: 'started', payload: { text: milestone.started(plan.start, plan.end) } });
        break;
      }
      case 'checkins_generated':
        for (const id of idsOf(data.checkins)) ops.push({ kind: 'schedule', ref: id, op: 'upsert' });
        break;
      case 'checkin_added':
      case 'checkin_rescheduled': {
        const id = str(data.checkinId);
        if (id) ops.push({ kind: 'schedule', ref: id, op: 'upsert' });
        break;
      }
      case 'checkin_cancelled': {
        const id = str(data.checkinId);
        if (id) ops.push({ kind: 'schedule', ref: id, op: 'cancel' });
        break;
      }
      case 'checkins_skipped':
        for (const id of idsOf(data.checkins)) ops.push({ kind: 'schedule', ref: id, op: 'cancel' });
        break;
      case 'handover': {
        // a new manager or HRBP: the coming meetings get the new attendees
        const coming = await tx.select({ id: checkins.id }).from(checkins).where(and(eq(checkins.planId, planId), eq(checkins.status, 'scheduled'), gte(checkins.scheduledAt, clock.now())));
        for (const c of coming) ops.push({ kind: 'schedule', ref: c.id, op: 'upsert' });
        // and the chat: the newcomer joins, the one handing over leaves (milestones are not theirs any more)
        if ((await chatStarted(tx, planId)) && !(await chatEnded(tx, planId))) ops.push({ kind: 'chat', ref: planId, op: 'members' });
        break;
      }
      case 'evaluation_completed': {
        const id = str(data.evaluationId);
        if (!id) break;
        const [e] = await tx.select({ name: pipEvaluations.name, overall: pipEvaluations.managerOverall }).from(pipEvaluations).where(eq(pipEvaluations.id, id));
        if (e) ops.push(...(await post(tx, planId, `evaluation:${id}`, milestone.evaluation(e.name, e.overall))));
        break;
      }
      case 'outcome_confirmed': {
        const outcome = str(data.outcome);
        if (outcome) ops.push(...(await post(tx, planId, `outcome:${str(data.outcomeId) ?? outcome}`, milestone.outcome(outcome))));
        break;
      }
      case 'extend': {
        const end = str(data.plannedEnd);
        if (end) ops.push(...(await post(tx, planId, `extend:${end}`, milestone.extended(end))));
        break;
      }
      case 'begin_follow_up':
        ops.push(...(await post(tx, planId, 'follow_up', milestone.followUp())));
        break;
      default:
        break;
    }
    if ((kind === 'close' || kind === 'cancel' || kind === 'employee_left') && change.to && ENDED.has(change.to)) {
      // the meetings still ahead leave everyone's calendar; the chat gets its last message
      const coming = await tx.select({ id: checkins.id }).from(checkins).where(and(eq(checkins.planId, planId), inArray(checkins.status, ['scheduled']), gte(checkins.scheduledAt, clock.now())));
      for (const c of coming) ops.push({ kind: 'schedule', ref: c.id, op: 'cancel' });
      if ((await chatStarted(tx, planId)) && !(await chatEnded(tx, planId))) ops.push({ kind: 'chat', ref: planId, op: 'close', dedupeKey: 'close', payload: { text: milestone.ended(kind) } });
    }
    await enqueue(tx, clock, ops);
  };
}
