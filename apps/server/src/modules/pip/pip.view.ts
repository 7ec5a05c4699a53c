import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Pip, PipSummary, PipTodo } from '@uplift/contract';
import { queryRows, type Db } from '../../db/client.ts';
import { employees } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import type { Access } from '../access/access.ts';
import { acknowledgmentsOf } from './pip.acknowledgment.ts';
import { boundsOf, planPolicy } from './pip.facts.ts';
import { actorsOf, currentSteps, goalsOf, loadPlan, meetingInsidePause, planVisible } from './pip.queries.ts';
import type { Pips } from './pip.service.ts';
import { availableActions } from './pip.transitions.ts';

type SummaryRow = {
  id: string;
  employee_id: string;
  employee_no: string;
  name: string;
  unit_name: string;
  problem_type: PipSummary['problemType'];
  state: PipSummary['state'];
  pause_reason: PipSummary['pauseReason'];
  planned_start: string;
  planned_end: string;
  manager_id: string | null;
  manager_name: string | null;
  manager_no: string | null;
  hrbp_id: string | null;
  hrbp_name: string | null;
  hrbp_no: string | null;
  created_at: string | Date;
};

const columns = sql`p.id, e.id as employee_id, e.employee_no, e.name, u.name as unit_name, p.problem_type, p.state, p.pause_reason,
  p.planned_start::text as planned_start, p.planned_end::text as planned_end, m.id as manager_id, m.name as manager_name, m.employee_no as manager_no,
  h.id as hrbp_id, h.name as hrbp_name, h.employee_no as hrbp_no, p.created_at`;
const joins = sql`from pip_plans p join employees e on e.id = p.employee_id join org_units u on u.id = e.unit_id
  left join employees m on m.id = p.manager_id left join employees h on h.id = p.hrbp_id`;

const toSummary = (r: SummaryRow): PipSummary => ({
  id: r.id,
  employee: { id: r.employee_id, employeeNo: r.employee_no, name: r.name, unitName: r.unit_name },
  problemType: r.problem_type,
  state: r.state,
  pauseReason: r.pause_reason,
  plannedStart: r.planned_start,
  plannedEnd: r.planned_end,
  manager: r.manager_id ? { id: r.manager_id, name: r.manager_name ?? '', employeeNo: r.manager_no ?? '' } : null,
  hrbp: r.hrbp_id ? { id: r.hrbp_id, name: r.hrbp_name ?? '', employeeNo: r.hrbp_no ?? '' } : null,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Reading plans: the list, one plan with what the caller may do, the caller's to-dos. */
export function createPipView(deps: { db: Db; clock: Clock; pips: Pips }) {
  const { db, clock, pips } = deps;

  async function list(access: Access, q: { state?: PipSummary['state'] | undefined; view: 'mine' | 'team' | 'all'; employeeId?: string | undefined; limit: number; cursor?: string | undefined }) {
    const conds: SQL[] = [planVisible(access)];
    if (q.state) conds.push(sql`p.state = ${q.state}`);
    if (q.employeeId) conds.push(sql`p.employee_id = ${q.employeeId}`);
    if (q.view === 'mine') conds.push(access.employeeId ? sql`p.employee_id = ${access.employeeId}` : sql`false`);
    if (q.view === 'team') conds.push(access.reportPath && access.employeeId ? sql`(e.report_path like ${`${access.reportPath}%`} and e.id <> ${access.employeeId})` : sql`false`);
    const cursor = decodeCursor(q.cursor, (v): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'));
    const where = sql.join(conds, sql` and `);
    const after = cursor ? sql` and (p.created_at, p.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : sql``;
    const rows = await queryRows<SummaryRow>(db, sql`select ${columns} ${joins} where ${where}${after} order by p.created_at desc, p.id desc limit ${q.limit + 1}`);
    const [total] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${joins} where ${where}`);
    const page = toPage(rows, q.limit, (r) => [new Date(r.created_at).toISOString(), r.id]);
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor, total: total?.n ?? 0 };
  }

  async function get(access: Access, id: string): Promise<Pip> {
    const p = await loadPlan(db, access, id, false);
    const [row] = await queryRows<SummaryRow>(db, sql`select ${columns} ${joins} where p.id = ${id}`);
    const steps = await currentSteps(db, id);
    const actors = actorsOf(access, p, steps);
    const snap = await pips.snapshotOf(db, p.plan.snapshotId);
    const bounds = await boundsOf(db, snap);
    const goals = await goalsOf(db, id);
    const acks = await acknowledgmentsOf(db, id);
    const [extended] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pip_outcomes where plan_id = ${id} and outcome = 'extended' and status = 'confirmed'`);
    const people = [...steps.flatMap((s) => [s.approverId, s.delegateId]), ...acks.map((a) => a.witnessEmployeeId)].filter((x): x is string => x !== null);
    const named = people.length > 0 ? await db.select({ id: employees.id, name: employees.name, employeeNo: employees.employeeNo }).from(employees).where(inArray(employees.id, people)) : [];
    const who = (pid: string) => named.find((n) => n.id === pid) ?? { id: pid, name: '', employeeNo: '' };
    const plan = p.plan;
    return {
      ...toSummary(row!),
      reason: { kind: plan.candidateId ? 'candidate' : 'manual', text: plan.reasonText, candidateId: plan.candidateId, evidence: plan.evidence ?? null },
      violation: (plan.violation as Pip['violation']) ?? null,
      initiator: { userId: plan.initiatorUserId, name: plan.initiatorName },
      policy: plan.policyVersionId && plan.policyVersion !== null ? { id: plan.policyVersionId, version: plan.policyVersion } : null,
      snapshot: {
        id: snap.id,
        sha256: snap.sha256,
        goalFields: bounds.goalFields,
        minGoals: bounds.minGoals,
        maxGoals: bounds.maxGoals,
        minDays: bounds.minDays,
        maxDays: bounds.maxDays,
        pauseAbsences: bounds.pauseAbsences,
        appealWorkingDays: bounds.appealWorkingDays,
        outcomes: snap.content.values.outcomes.allowed,
        followUps: (await planPolicy(db, p.plan.policyVersionId)).outcomes.followUps,
        extension: { ...snap.content.values.extension, used: extended?.n ?? 0 },
      },
      approvalChain: snap.content.approvalChain,
      approvals: steps.map((s) => ({
        id: s.id,
        round: s.round,
        seq: s.seq,
        nodeKey: s.nodeKey,
        kind: s.kind,
        approver: who(s.approverId),
        delegate: s.delegateId ? who(s.delegateId) : null,
        status: s.status as Pip['approvals'][number]['status'],
        comment: s.comment,
        requestedAt: s.requestedAt?.toISOString() ?? null,
        decidedAt: s.decidedAt?.toISOString() ?? null,
      })),
      goals: goals.map((g) => ({ id: g.id, position: g.position, title: g.title, description: g.description, metric: g.metric, baseline: g.baseline, target: g.target, unit: g.unit, weight: g.weight, dueDate: g.dueDate, support: g.support, draftedBy: g.draftedBy as 'manager' | 'employee' | 'hr' })),
      goalsVersion: plan.goalsVersion,
      goalsFinal: plan.goalsFinalisedAt !== null,
      acknowledgments: acks.map((a) => ({ id: a.id, version: a.subjectVersion, contentSha256: a.contentSha256, channel: a.channel, refused: a.status === 'refused', witness: a.witnessEmployeeId ? who(a.witnessEmployeeId) : null, witnessNote: a.witnessNote, at: a.at.toISOString() })),
      outcome: (plan.outcome as Pip['outcome']) ?? null,
      cancelReason: plan.cancelReason,
      closedReason: plan.closedReason,
      availableActions: availableActions(plan.state as Pip['state'], actors),
      actors: [...actors],
    };
  }

  /** What waits on the caller, oldest first, with its age in days. */
  async function todos(access: Access): Promise<PipTodo[]> {
    if (!access.employeeId) return [];
    const me = access.employeeId;
    const now = clock.now();
    const rows = await queryRows<{ kind: PipTodo['kind']; plan_id: string; ref_id: string | null; since: string | Date; id: string; name: string; employee_no: string }>(
      db,
      sql`
        select 'approve' as kind, s.plan_id, s.id as ref_id, s.requested_at as since, e.id, e.name, e.employee_no
          from pip_approval_steps s join pip_plans p on p.id = s.plan_id join employees e on e.id = p.employee_id
          where s.status = 'pending' and coalesce(s.delegate_id, s.approver_id) = ${me} and p.state = 'pending_approval'
        union all
        select case when p.goals_finalised_at is null then 'set_goals' else 'acknowledge' end, p.id, null, coalesce(p.approved_at, p.updated_at), e.id, e.name, e.employee_no
          from pip_plans p join employees e on e.id = p.employee_id
          where (p.state = 'goal_setting' or (p.state = 'paused' and p.pause_reason = 'reacknowledgment'))
            and ((p.goals_finalised_at is null and p.manager_id = ${me}) or (p.goals_finalised_at is not null and p.employee_id = ${me}))
        union all
        select 'answer_appeal', a.plan_id, a.id, a.created_at, e.id, e.name, e.employee_no
          from pip_appeals a join pip_plans p on p.id = a.plan_id join employees e on e.id = p.employee_id
          where a.status = 'open' and a.handler_id = ${me}
        union all
        select 'final_review', p.id, null, p.updated_at, e.id, e.name, e.employee_no
          from pip_plans p join employees e on e.id = p.employee_id
          where p.state = 'final_review' and p.outcome is null and p.manager_id = ${me}
            and not exists (select 1 from pip_outcomes o where o.plan_id = p.id and o.status = 'proposed')
        union all
        select 'confirm_outcome', p.id, o.id, o.proposed_at, e.id, e.name, e.employee_no
          from pip_outcomes o join pip_plans p on p.id = o.plan_id join employees e on e.id = p.employee_id
          where o.status = 'proposed' and p.state = 'final_review' and p.hrbp_id = ${me} and o.proposed_by is distinct from ${access.userId}::uuid
        union all
        select 'acknowledge_outcome', p.id, (p.outcome->>'outcomeId')::uuid, p.updated_at, e.id, e.name, e.employee_no
          from pip_plans p join employees e on e.id = p.employee_id
          where p.state = 'final_review' and p.employee_id = ${me} and p.outcome is not null and (p.outcome->>'acknowledged') = 'false'
        union all
        select 'sign_role_adjustment', r.plan_id, r.id, r.created_at, e.id, e.name, e.employee_no
          from pip_role_adjustments r join pip_plans p on p.id = r.plan_id join employees e on e.id = p.employee_id
          where p.employee_id = ${me} and not exists (select 1 from acknowledgments a where a.subject_type = 'pip_role_adjustment' and a.subject_id = r.id)
        union all
        select 'record_minutes', c.plan_id, c.id, c.scheduled_at, e.id, e.name, e.employee_no
          from checkins c join pip_plans p on p.id = c.plan_id join employees e on e.id = p.employee_id
          where p.manager_id = ${me} and c.status <> 'cancelled' and c.minutes_recorded_at is null and c.scheduled_at <= ${now.toISOString()}::timestamptz
            and p.state in ('in_progress', 'paused', 'final_review') and not ${meetingInsidePause}
        union all
        select 'confirm_minutes', c.plan_id, c.id, c.minutes_recorded_at, e.id, e.name, e.employee_no
          from checkins c join pip_plans p on p.id = c.plan_id join employees e on e.id = p.employee_id
          where p.employee_id = ${me} and c.status = 'held' and c.minutes_recorded_at is not null and c.employee_confirmed_at is null
            and p.state in ('in_progress', 'paused', 'final_review')
        union all
        select case when p.manager_id = ${me} and ev.manager_at is null then 'evaluate' when p.employee_id = ${me} and ev.self_at is null then 'self_assess' else 'comment_evaluation' end,
               ev.plan_id, ev.id, ev.opened_at, e.id, e.name, e.employee_no
          from pip_evaluations ev join pip_plans p on p.id = ev.plan_id join employees e on e.id = p.employee_id
          where ev.status = 'open' and p.state in ('in_progress', 'paused', 'final_review')
            and ((p.manager_id = ${me} and ev.manager_at is null) or (p.employee_id = ${me} and ev.self_at is null)
                 or (p.hrbp_id = ${me} and ev.manager_at is not null and ev.hrbp_at is null and p.employee_id <> ${me}))
        order by since`,
    );
    return rows.map((r) => {
      const since = new Date(r.since);
      return { kind: r.kind, planId: r.plan_id, refId: r.ref_id, since: since.toISOString(), ageDays: Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000)), employee: { id: r.id, name: r.name, employeeNo: r.employee_no } };
    });
  }

  /** Plans of one employee for the performance file (null: the caller may not see them). */
  async function ofEmployee(access: Access, employeeId: string): Promise<PipSummary[]> {
    const rows = await queryRows<SummaryRow>(db, sql`select ${columns} ${joins} where p.employee_id = ${employeeId} and ${planVisible(access)} order by p.created_at desc limit 50`);
    return rows.map(toSummary);
  }

  return { list, get, todos, ofEmployee };
}
