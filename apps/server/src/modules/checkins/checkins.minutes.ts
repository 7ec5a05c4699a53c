import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { CheckinKind } from '@uplift/contract';
import { checkinComments, checkinProgress, checkins, employees } from '../../db/schema/index.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { actorsOf, goalsOf } from '../pip/pip.queries.ts';
import { loadCheckin } from './checkins.queries.ts';
import type { CheckinDeps } from './checkins.service.ts';
import { asks } from '../wecom-cards/wecom-cards.subjects.ts';

const minutesStates = ['in_progress', 'paused', 'final_review'];

/** The minutes of a meeting (manager), progress per goal, and the employee's comments and confirmation. */
export function createCheckinMinutes(deps: Pick<CheckinDeps, 'db' | 'clock' | 'record'>) {
  const { db, clock, record } = deps;

  /** The manager records what was said and each goal's progress: the meeting is held, the employee asked to confirm. */
  async function recordMinutes(access: Access, ctx: AuditContext, id: string, input: { minutes: string; progress: { goalId: string; percent: number; comment: string }[] }): Promise<void> {
    await db.transaction(async (tx) => {
      const { c, p } = await loadCheckin(tx, access, id, true);
      if (!actorsOf(access, p, []).has('manager')) throw new AppError('FORBIDDEN', '只有直属上级可以记录面谈纪要');
      if (!minutesStates.includes(p.plan.state)) throw new AppError('CONFLICT', `计划当前为「${p.plan.state}」，不能记录纪要`, { reason: 'state', state: p.plan.state });
      if (c.status === 'cancelled') throw new AppError('CONFLICT', '这次面谈已取消', { reason: 'checkin_state', status: c.status });
      if (c.employeeConfirmedAt) throw new AppError('CONFLICT', '员工已确认纪要，不能再修改', { reason: 'minutes_confirmed' });
      const now = clock.now();
      if (c.scheduledAt.getTime() > now.getTime()) throw new AppError('CONFLICT', '面谈尚未开始，不能记录纪要', { reason: 'not_yet_held' });
      const goals = new Set((await goalsOf(tx, p.plan.id)).map((g) => g.id));
      const seen = new Set<string>();
      for (const [i, g] of input.progress.entries()) {
        if (!goals.has(g.goalId)) throw fieldError(`body.progress.${i}.goalId`, '该目标不属于这个改进计划');
        if (seen.has(g.goalId)) throw fieldError(`body.progress.${i}.goalId`, '同一目标只能填写一次');
        seen.add(g.goalId);
      }
      await tx.update(checkins).set({ status: 'held', minutes: input.minutes, minutesRecordedAt: now, minutesRecordedBy: ctx.actorId, updatedAt: now }).where(eq(checkins.id, id));
      await tx.delete(checkinProgress).where(eq(checkinProgress.checkinId, id));
      if (input.progress.length > 0) await tx.insert(checkinProgress).values(input.progress.map((g) => ({ checkinId: id, goalId: g.goalId, percent: g.percent, comment: g.comment })));
      await record.event(tx, ctx, p.plan.id, 'checkin_minutes', { before: c.minutes === null ? null : { minutes: c.minutes }, data: { checkinId: id, progress: input.progress } });
      await record.tell(tx, ctx, [p.plan.employeeId], {
        kind: 'checkin.confirm_requested',
        dedupeKey: `checkin-confirm:${id}:${now.toISOString()}`,
        title: { 'zh-CN': `请确认 ${c.scheduledOn} ${c.kind === ('three_party' satisfies CheckinKind) ? '三方会谈' : '一对一面谈'}的纪要`, 'en-US': `Confirm the minutes of ${c.scheduledOn}` },
        body: { 'zh-CN': `纪要：${input.minutes}\n您可以补充意见后确认，确认即为出席记录。`, 'en-US': `Minutes: ${input.minutes}\nAdd your comments, then confirm: it records your attendance.` },
        link: `/pips/${p.plan.id}#checkin-${id}`,
        ...asks.minutes(p.plan.id, id, `/pips/${p.plan.id}#checkin-${id}`),
      });
    });
  }

  async function requireEmployeeOnMinutes(access: Access, id: string, tx: Tx) {
    const r = await loadCheckin(tx, access, id, true);
    if (r.p.plan.employeeId !== access.employeeId) throw new AppError('FORBIDDEN', '只有员工本人可以评论或确认纪要');
    if (r.c.status !== 'held' || r.c.minutesRecordedAt === null) throw new AppError('CONFLICT', '纪要尚未记录', { reason: 'minutes_missing' });
    return r;
  }

  /** The employee's own comment on the minutes. */
  async function comment(access: Access, ctx: AuditContext, id: string, body: string): Promise<string> {
    return db.transaction(async (tx) => {
      const { p } = await requireEmployeeOnMinutes(access, id, tx);
      const [me] = await tx.select({ name: employees.name }).from(employees).where(eq(employees.id, p.plan.employeeId));
      const [row] = await tx.insert(checkinComments).values({ checkinId: id, authorId: access.userId, authorName: me?.name ?? access.username, body, at: clock.now() }).returning({ id: checkinComments.id });
      await record.event(tx, ctx, p.plan.id, 'checkin_comment', { data: { checkinId: id, commentId: row!.id } });
      return row!.id;
    });
  }

  /** The employee confirms the minutes: their attendance record. Once. */
  async function confirm(access: Access, ctx: AuditContext, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const { c, p } = await requireEmployeeOnMinutes(access, id, tx);
      if (c.employeeConfirmedAt) throw new AppError('CONFLICT', '纪要已确认', { reason: 'minutes_confirmed' });
      const now = clock.now();
      await tx.update(checkins).set({ employeeConfirmedAt: now, updatedAt: now }).where(eq(checkins.id, id));
      await record.event(tx, ctx, p.plan.id, 'checkin_confirmed', { data: { checkinId: id, minutesRecordedAt: c.minutesRecordedAt!.toISOString() } });
    });
  }

  return { recordMinutes, comment, confirm };
}

export type CheckinMinutes = ReturnType<typeof createCheckinMinutes>;
