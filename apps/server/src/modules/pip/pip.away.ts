import { and, eq, isNull, sql } from 'drizzle-orm';
import type { CreatePipDelegation, DelegateCandidate, PipDelegation, PipDelegationState } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { likeEscape } from '../../db/sql-helpers.ts';
import { employees, pipApprovalDelegations, pipApprovalSteps } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { employeeVisible, inScope, pathInScope, type Access } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { PipRecord } from './pip.record.ts';
import { asks } from '../wecom-cards/wecom-cards.subjects.ts';

const SYSTEM: AuditContext = { actorId: null, actorLabel: 'system:pip-away', requestId: null };

/** A delegation's state on `today` (business dates, inclusive). */
export function delegationState(d: { fromDate: string; toDate: string; revokedAt: Date | null }, today: string): PipDelegationState {
  if (d.revokedAt) return 'revoked';
  if (today < d.fromDate) return 'upcoming';
  if (today > d.toDate) return 'ended';
  return 'active';
}

/**
 * Hands pending, undelegated steps whose approver is away today to the delegate of their active
 * delegation: one plan (a step just became pending) or all of them (the tick). Set-based and
 * idempotent: a step is claimed only while it has no delegate, and the notification carries the
 * same dedupe key as a manual delegation. A delegation revoked or ended later leaves the steps it
 * already delegated as they are: the delegate was asked and may have started; only new steps
 * stop going to them.
 */
export async function autoDelegate(tx: Tx, record: PipRecord, at: { now: Date; today: string }, planId: string | null, ctx: AuditContext = SYSTEM): Promise<number> {
  const today = at.today;
  const due = await queryRows<{ step_id: string; plan_id: string; approver_id: string; delegation_id: string; delegate_id: string }>(
    tx as Db,
    sql`select s.id as step_id, s.plan_id, s.approver_id, d.id as delegation_id, d.delegate_id
        from pip_approval_steps s
        join pip_plans p on p.id = s.plan_id
        join lateral (
          select d.id, d.delegate_id from pip_approval_delegations d join employees de on de.id = d.delegate_id
          where d.employee_id = s.approver_id and d.revoked_at is null and d.from_date <= ${today} and d.to_date >= ${today}
            and de.status <> 'left' and d.delegate_id <> p.employee_id
          order by d.created_at limit 1
        ) d on true
        where s.status = 'pending' and s.delegate_id is null and p.state = 'pending_approval'
          ${planId ? sql`and s.plan_id = ${planId}` : sql``}`,
  );
  let n = 0;
  const auto: AuditContext = { ...SYSTEM, requestId: ctx.requestId };
  for (const d of due) {
    const claimed = await tx
      .update(pipApprovalSteps)
      .set({ delegateId: d.delegate_id, requestedAt: at.now, remindedAt: null })
      .where(and(eq(pipApprovalSteps.id, d.step_id), isNull(pipApprovalSteps.delegateId)))
      .returning({ id: pipApprovalSteps.id });
    if (claimed.length === 0) continue;
    await record.event(tx, auto, d.plan_id, 'delegate', { data: { stepId: d.step_id, from: d.approver_id, to: d.delegate_id, auto: true, delegationId: d.delegation_id } });
    await record.tell(tx, auto, [d.delegate_id], {
      kind: 'pip.approval_requested',
      dedupeKey: `pip-step:${d.step_id}:${d.delegate_id}`,
      title: { 'zh-CN': '有一个改进计划由外出代理转给您审批', 'en-US': 'An improvement plan comes to you for approval (away delegation)' },
      body: { 'zh-CN': '审批人外出期间由您代为审批，请查看计划。', 'en-US': 'The approver is away and named you; review the plan and decide.' },
      link: `/pips/${d.plan_id}`,
      ...asks.approval(d.plan_id, d.step_id),
    });
    n++;
  }
  return n;
}

type Row = { id: string; employee_id: string; ename: string; eno: string; org_path: string; delegate_id: string; dname: string; dno: string; from_date: string; to_date: string; note: string; created_by: string | null; creator: string | null; created_at: Date | string; revoked_at: Date | string | null };

/** Out-of-office delegation (外出代理): set, list and revoke; applied by `autoDelegate`. */
export function createPipAway(deps: { db: Db; clock: Clock; audit: Audit; record: PipRecord; businessDate(at: Date): string }) {
  const { db, clock, audit, record } = deps;
  const today = () => deps.businessDate(clock.now());
  const at = () => ({ now: clock.now(), today: today() });

  /** An employee sets their own; HR sets one for someone in their scope. */
  async function create(access: Access, ctx: AuditContext, input: CreatePipDelegation): Promise<string> {
    return db.transaction(async (tx) => {
      const employeeId = input.employeeId ?? access.employeeId;
      if (!employeeId) throw fieldError('body.employeeId', '您的账号没有关联员工档案，请选择外出的员工');
      const [e] = await tx.select({ id: employees.id, orgPath: employees.orgPath, status: employees.status }).from(employees).where(eq(employees.id, employeeId));
      if (!e) throw fieldError('body.employeeId', '没有这名员工');
      if (e.id !== access.employeeId && !inScope(access.hr, e.orgPath)) {
        if (inScope(access.records, e.orgPath)) throw new AppError('FORBIDDEN', '只有本人或所在范围的 HR 可以设置外出代理');
        throw new AppError('NOT_FOUND', `没有这名员工：${e.id}`);
      }
      if (e.status === 'left') throw fieldError('body.employeeId', '该员工已离职');
      const now = today();
      if (input.from < now) throw fieldError('body.from', `开始日期不能早于今天（${now}）`);
      if (input.to < input.from) throw fieldError('body.to', '结束日期不能早于开始日期');
      if (input.delegateId === e.id) throw fieldError('body.delegateId', '代理人不能是外出的本人');
      const [d] = await tx.select({ status: employees.status }).from(employees).where(eq(employees.id, input.delegateId));
      if (!d) throw fieldError('body.delegateId', '没有这名代理人');
      if (d.status === 'left') throw fieldError('body.delegateId', '代理人已离职');
      // one delegation of a person at a time: the row lock on the employee serialises two requests
      await tx.select({ id: employees.id }).from(employees).where(eq(employees.id, e.id)).for('update');
      const [clash] = await tx
        .select({ id: pipApprovalDelegations.id, from: pipApprovalDelegations.fromDate, to: pipApprovalDelegations.toDate })
        .from(pipApprovalDelegations)
        .where(and(eq(pipApprovalDelegations.employeeId, e.id), isNull(pipApprovalDelegations.revokedAt), sql`${pipApprovalDelegations.fromDate} <= ${input.to}`, sql`${pipApprovalDelegations.toDate} >= ${input.from}`));
      if (clash) throw new AppError('CONFLICT', `与已有的外出代理（${clash.from} 至 ${clash.to}）时间重叠`, { reason: 'overlap', delegationId: clash.id });
      const [row] = await tx
        .insert(pipApprovalDelegations)
        .values({ employeeId: e.id, delegateId: input.delegateId, fromDate: input.from, toDate: input.to, note: input.note, createdBy: access.userId, createdAt: clock.now() })
        .returning({ id: pipApprovalDelegations.id });
      const id = row!.id;
      await audit.append(tx, ctx, { action: 'pip.delegation_create', entityType: 'pip_delegation', entityId: id, after: { employeeId: e.id, delegateId: input.delegateId, from: input.from, to: input.to, note: input.note } });
      // already away: what waits on them now goes to the delegate at once
      if (input.from <= now) await autoDelegateOf(tx, e.id, ctx);
      return id;
    });
  }

  async function autoDelegateOf(tx: Tx, approverId: string, ctx: AuditContext) {
    const plans = await tx.selectDistinct({ planId: pipApprovalSteps.planId }).from(pipApprovalSteps).where(and(eq(pipApprovalSteps.approverId, approverId), eq(pipApprovalSteps.status, 'pending'), isNull(pipApprovalSteps.delegateId)));
    for (const p of plans) await autoDelegate(tx, record, at(), p.planId, ctx);
  }

  /** Mine (away, delegate or set by me); with `all`, also those of everyone in the caller's HR scope. */
  async function list(access: Access, view: 'mine' | 'all'): Promise<PipDelegation[]> {
    const me = access.employeeId;
    const parts = [sql`d.created_by = ${access.userId}`];
    if (me) parts.push(sql`d.employee_id = ${me} or d.delegate_id = ${me}`);
    if (view === 'all') parts.push(pathInScope(sql`e.org_path`, access.hr));
    const rows = await queryRows<Row>(
      db,
      sql`select d.id, d.employee_id, e.name as ename, e.employee_no as eno, e.org_path, d.delegate_id, x.name as dname, x.employee_no as dno,
                 d.from_date::text as from_date, d.to_date::text as to_date, d.note, d.created_by, u.display_name as creator, d.created_at, d.revoked_at
          from pip_approval_delegations d join employees e on e.id = d.employee_id join employees x on x.id = d.delegate_id left join users u on u.id = d.created_by
          where (${sql.join(parts, sql` or `)})
          order by d.from_date desc, d.created_at desc limit 200`,
    );
    const now = today();
    return rows.map((r) => {
      const state = delegationState({ fromDate: r.from_date, toDate: r.to_date, revokedAt: r.revoked_at ? new Date(r.revoked_at) : null }, now);
      const owner = r.employee_id === me || inScope(access.hr, r.org_path);
      return {
        id: r.id,
        employee: { id: r.employee_id, name: r.ename, employeeNo: r.eno },
        delegate: { id: r.delegate_id, name: r.dname, employeeNo: r.dno },
        from: r.from_date,
        to: r.to_date,
        note: r.note,
        state,
        createdBy: r.creator ?? '',
        createdByMe: r.created_by === access.userId,
        createdAt: new Date(r.created_at).toISOString(),
        revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
        canRevoke: owner && (state === 'upcoming' || state === 'active'),
      };
    });
  }

  /** The away employee or HR in scope revokes; steps it already delegated stay delegated. */
  async function revoke(access: Access, ctx: AuditContext, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const [d] = await tx
        .select({ row: pipApprovalDelegations, orgPath: employees.orgPath })
        .from(pipApprovalDelegations)
        .innerJoin(employees, eq(employees.id, pipApprovalDelegations.employeeId))
        .where(eq(pipApprovalDelegations.id, id))
        .for('update', { of: pipApprovalDelegations });
      const mine = d !== undefined && d.row.employeeId === access.employeeId;
      if (!d || (!mine && !inScope(access.records, d.orgPath) && d.row.delegateId !== access.employeeId && d.row.createdBy !== access.userId)) throw new AppError('NOT_FOUND', `没有这条外出代理：${id}`);
      if (!mine && !inScope(access.hr, d.orgPath)) throw new AppError('FORBIDDEN', '只有本人或所在范围的 HR 可以撤销外出代理');
      const state = delegationState(d.row, today());
      if (state === 'revoked' || state === 'ended') throw new AppError('CONFLICT', state === 'revoked' ? '这条外出代理已撤销' : '这条外出代理已结束', { reason: 'delegation_state', state });
      const now = clock.now();
      await tx.update(pipApprovalDelegations).set({ revokedAt: now, revokedBy: access.userId }).where(eq(pipApprovalDelegations.id, id));
      await audit.append(tx, ctx, { action: 'pip.delegation_revoke', entityType: 'pip_delegation', entityId: id, before: { state }, after: { state: 'revoked', revokedAt: now.toISOString() } });
    });
  }

  /** Tick: delegations that have started since the steps became pending. Idempotent. */
  async function tick(): Promise<number> {
    return db.transaction((tx) => autoDelegate(tx, record, at(), null));
  }

  /**
   * Who may take over the caller's approvals: active people with a usable account, found by name or
   * employee number, among what the caller may see anyway and, for those who approve (managers,
   * HR, a unit's HRBP or HR head, anyone with a step pending), in their own company too (the
   * nearest subsidiary on their org path, else the group). Never the caller. One statement; the
   * name match scans the company's index range, as the people list does.
   */
  async function delegates(access: Access, query: { q?: string; limit: number }): Promise<DelegateCandidate[]> {
    const like = likeEscape(query.q ?? '');
    const me = access.employeeId;
    // the company's directory is for approvers only: anyone else finds no more than the people list shows
    const approves =
      access.isManager || access.hr === 'all' || access.hr.length > 0
        ? sql`true`
        : sql`(exists (select 1 from org_unit_hrbps h where h.employee_id = ${me})
            or exists (select 1 from org_units u where u.hr_head_id = ${me})
            or exists (select 1 from pip_approval_steps s where s.approver_id = ${me} and s.status = 'pending'))`;
    const company = me
      ? sql`(select coalesce(
          (select u.path from org_units u join employees e on e.id = ${me}
            where u.type = 'subsidiary' and e.org_path like u.path || '%' order by u.depth desc limit 1),
          (select u.path from org_units u where u.parent_id is null order by u.path limit 1))
          where ${approves})`
      : null;
    // employeeVisible names the employees table itself: it is not aliased here
    const where = company ? sql`(employees.org_path like ${company} || '%' or ${employeeVisible(access)})` : employeeVisible(access);
    return queryRows<DelegateCandidate>(
      db,
      sql`select employees.id, employees.name, employees.employee_no as "employeeNo", ou.name as "unitName", employees.position
          from employees join users us on us.id = employees.user_id join org_units ou on ou.id = employees.unit_id
          where ${where} and employees.status <> 'left' and not us.disabled
            and employees.id is distinct from ${access.employeeId}
            and (employees.name ilike ${`%${like}%`} or employees.employee_no ilike ${`${like}%`})
          order by employees.employee_no limit ${query.limit}`,
    );
  }

  return { create, list, revoke, tick, delegates };
}

export type PipAway = ReturnType<typeof createPipAway>;
