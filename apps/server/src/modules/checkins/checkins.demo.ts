import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { checkinComments, checkinProgress, checkins, pipEvaluationGoals, pipEvaluations } from '../../db/schema/index.ts';
import { HOUR } from '../../lib/clock.ts';
import { loadOverrides } from '../calendar/calendar.service.ts';
import { addDays, addWorkingDays } from '../calendar/working-days.ts';
import { evaluationDates } from '../evaluations/evaluations.schedule.ts';
import { cadenceDates, DEFAULT_CHECKIN_TIME, zonedInstant } from './checkins.schedule.ts';

type DemoPlan = { id: string; state: string; planned_start: string; planned_end: string; employee_id: string; manager_id: string; hrbp_id: string | null; ename: string; mname: string; hname: string | null; euser: string | null; muser: string | null; huser: string | null };

const MINUTES = ['回顾了本周回款与拜访情况，约定下周重点跟进两家大客户。', '客户拜访记录已按模板补齐，回款仍落后计划，需要上级协助协调。', '本周回款进度明显好转，拜访质量提升，继续保持节奏。', '对照目标逐项复盘：回款接近目标，拜访数已达标。'];

/**
 * The demo plans' meetings and evaluations as if they had run: past 1:1s and three-party meetings
 * held with minutes and rising progress (the latest one awaiting the employee's confirmation),
 * coming ones scheduled; past evaluation points completed, the latest one of a running plan open
 * with the manager's rating in, so each demo role finds something to do.
 */
export async function loadDemoCheckins(tx: Tx, deps: { now: Date; today: string; timeZone: string }): Promise<number> {
  const { now, today, timeZone } = deps;
  const plans = await queryRows<DemoPlan>(
    tx as Db,
    sql`select p.id, p.state, p.planned_start::text as planned_start, p.planned_end::text as planned_end, p.employee_id, p.manager_id, p.hrbp_id,
               e.name as ename, m.name as mname, h.name as hname, e.user_id as euser, m.user_id as muser, h.user_id as huser
        from pip_plans p join employees e on e.id = p.employee_id join employees m on m.id = p.manager_id left join employees h on h.id = p.hrbp_id
        where p.state in ('in_progress', 'paused', 'final_review', 'follow_up', 'closed', 'archived') order by p.created_at`,
  );
  const goalRows = plans.length ? await queryRows<{ id: string; plan_id: string }>(tx as Db, sql`select id, plan_id from pip_goals where plan_id in (${sql.join(plans.map((p) => sql`${p.id}`), sql`, `)}) order by position`) : [];
  let made = 0;
  for (const p of plans) {
    const goals = goalRows.filter((g) => g.plan_id === p.id).map((g) => g.id);
    const overrides = await loadOverrides(tx, null, p.planned_start, addDays(p.planned_end, 60));
    const ended = p.state === 'closed' || p.state === 'archived' || p.state === 'follow_up';
    const planned = cadenceDates({ start: p.planned_start, end: p.planned_end, oneOnOneEveryDays: 14, threePartyEveryDays: 30, minutesDueWorkingDays: 2 }, overrides).filter((c) => c.on < today || (!ended && p.state !== 'final_review'));
    const past = planned.filter((c) => c.on < today);
    const rows = await tx
      .insert(checkins)
      .values(
        planned.map((c) => {
          const at = zonedInstant(c.on, DEFAULT_CHECKIN_TIME, timeZone);
          const held = c.on < today;
          const last = held && c === past[past.length - 1] && !ended;
          return {
            planId: p.id,
            kind: c.kind,
            origin: 'cadence',
            cadenceSeq: c.seq,
            scheduledAt: at,
            scheduledOn: c.on,
            status: held ? 'held' : 'scheduled',
            minutes: held ? MINUTES[past.indexOf(c) % MINUTES.length]! : null,
            minutesRecordedAt: held ? new Date(at.getTime() + 4 * HOUR) : null,
            minutesRecordedBy: held ? p.muser : null,
            minutesDueOn: c.minutesDueOn,
            employeeConfirmedAt: held && !last ? new Date(at.getTime() + 26 * HOUR) : null,
            reminderDueAt: new Date(at.getTime() - 24 * HOUR),
            remindedAt: held ? new Date(at.getTime() - 24 * HOUR) : null,
            createdBy: p.muser,
            createdAt: now,
            updatedAt: now,
          };
        }),
      )
      .returning({ id: checkins.id, on: checkins.scheduledOn, status: checkins.status });
    const held = rows.filter((r) => r.status === 'held').sort((a, b) => a.on.localeCompare(b.on));
    const progress = held.flatMap((r, k) => goals.map((goalId, i) => ({ checkinId: r.id, goalId, percent: Math.min(100, 20 + k * 14 + i * 6), comment: k === 0 ? '刚起步' : '持续推进' })));
    if (progress.length) await tx.insert(checkinProgress).values(progress);
    const first = held[0];
    if (first && p.euser) await tx.insert(checkinComments).values({ checkinId: first.id, authorId: p.euser, authorName: p.ename, body: '纪要属实，我会按约定每周汇报回款进度。', at: new Date(now.getTime() - 30 * 24 * HOUR) });
    made += rows.length;

    // evaluations: points past are completed, the latest of a running plan open with the manager's part
    const points = evaluationDates({ start: p.planned_start, end: p.planned_end, points: [{ key: 'mid', name: '中期评估', atPercent: 50 }, { key: 'final', name: '终期评估', atPercent: 100 }] }, overrides);
    const due = points.filter((x) => x.opensOn <= today);
    for (const pt of points) {
      const opened = pt.opensOn <= today;
      const open = opened && !ended && pt === due[due.length - 1];
      const at = zonedInstant(pt.opensOn, '09:00', timeZone);
      const dueOn = opened ? addWorkingDays(pt.opensOn, 5, overrides).due : null;
      const k = Math.max(0, held.filter((h) => h.on <= pt.opensOn).length - 1);
      const part = (h: number) => new Date(at.getTime() + h * HOUR);
      const [ev] = await tx
        .insert(pipEvaluations)
        .values({
          planId: p.id,
          pointKey: pt.key,
          name: pt.name,
          atPercent: pt.atPercent,
          status: !opened ? (ended ? 'cancelled' : 'scheduled') : open ? 'open' : 'completed',
          opensOn: pt.opensOn,
          dueOn,
          escalateOn: dueOn ? addWorkingDays(dueOn, 5, overrides).due : null,
          openedAt: opened ? at : null,
          completedAt: opened && !open ? part(72) : null,
          managerOverall: opened ? (pt.atPercent === 100 ? '达成' : '部分达成') : null,
          managerSummary: opened ? (pt.atPercent === 100 ? '两项目标均已达成，改进明显。' : '回款仍落后计划，拜访质量已有改善。') : null,
          managerAt: opened ? part(24) : null,
          managerBy: opened ? p.muser : null,
          managerName: opened ? p.mname : null,
          selfSummary: opened && !open ? '我认同上级的评价，后半程会重点提升回款。' : null,
          selfAt: opened && !open ? part(48) : null,
          selfBy: opened && !open ? p.euser : null,
          selfName: opened && !open ? p.ename : null,
          hrbpComment: opened && !open ? '评估过程规范，双方意见已充分沟通。' : null,
          hrbpAt: opened && !open ? part(72) : null,
          hrbpBy: opened && !open ? p.huser : null,
          hrbpName: opened && !open ? p.hname : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: pipEvaluations.id });
      if (!opened) continue;
      const rated = goals.map((goalId, i) => ({ evaluationId: ev!.id, part: 'manager', goalId, rating: pt.atPercent === 100 ? '达成' : '部分达成', percent: Math.min(100, 20 + k * 14 + i * 6 + 5), comment: '' }));
      const self = open ? [] : goals.map((goalId) => ({ evaluationId: ev!.id, part: 'self', goalId, rating: pt.atPercent === 100 ? '达成' : '部分达成', percent: null, comment: '' }));
      await tx.insert(pipEvaluationGoals).values([...rated, ...self]);
    }
  }
  return made;
}
