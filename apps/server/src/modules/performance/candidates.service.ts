import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Candidate, Evidence } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { employees, pipCandidates, triggerRules } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { type Access, inScope, pathInScope } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Notify } from '../notify/notify.service.ts';
import { matchesSql, pgArray, type EvaluableRule } from './rules.match.ts';
import { evidenceOf, type Rules } from './rules.service.ts';

export type Candidates = ReturnType<typeof createCandidates>;
/** Publishes events of one kind to other systems, many in one go (webhooks.emitMany). */
export type Emit = (tx: Tx, event: 'candidate.created' | 'candidate.closed', events: { data: Record<string, unknown>; eventId?: string }[]) => Promise<unknown>;

const SYSTEM: AuditContext = { actorId: null, actorLabel: 'system:rules', requestId: null };

/**
 * PIP candidates: raised and closed by evaluating the enabled rules (all employees nightly, the
 * touched ones after each import or API batch), one open per employee and rule, with the evidence.
 * Visible to HR in scope and the person's manager chain, never to the person.
 */
export function createCandidates(deps: { db: Db; clock: Clock; audit: Audit; notify: Notify; rules: Rules; log: Logger; businessDate(at: Date): string; emit?: Emit }) {
  const { db, clock, audit, notify, rules, log } = deps;

  /** One rule in one transaction: close what no longer matches, raise what newly does. Idempotent. */
  async function evaluateRule(tx: Tx, rule: EvaluableRule, employeeIds: readonly string[] | null): Promise<{ created: { id: string; employee_id: string }[]; closed: { id: string; employee_id: string }[] }> {
    const now = clock.now();
    const today = deps.businessDate(now);
    const restrict = employeeIds ? sql`and c.employee_id = any(${pgArray(employeeIds, 'uuid')})` : sql``;
    const cycleRule = rule.params.kind !== 'negative_feedback';
    const snoozeOver: SQL = cycleRule
      ? sql`exists (select 1 from performance_cycles pc where pc.type = ${'cycleType' in rule.params ? rule.params.cycleType : ''} and pc.status = 'closed' and pc.closed_at > d.closed_at)`
      : sql`d.snooze_until <= ${today}::date`;
    const base = evidenceOf(rule, { cycles: [], feedback: [], value: null }, now.toISOString());
    // the match is a plain query of its own: PostgreSQL may run it in parallel, which it never does
    // for a statement that also writes
    const matches = await queryRows<{ employee_id: string; cycles: unknown; feedback: unknown; value: string | null; key: string }>(tx as Db, matchesSql(rule, today, employeeIds));
    const rows = await queryRows<{ created: { id: string; employee_id: string }[] | null; closed: { id: string; employee_id: string }[] | null }>(
      tx as Db,
      sql`
        with m as (
          select * from jsonb_to_recordset(${JSON.stringify(matches)}::jsonb) as x(employee_id uuid, cycles jsonb, feedback jsonb, value numeric, key text)
        ),
        closed as (
          update pip_candidates c set status = 'closed', closed_reason = 'no_longer_matching', closed_at = ${now}, updated_at = ${now}
          where c.rule_id = ${rule.id} and c.status = 'open' ${restrict} and c.employee_id not in (select employee_id from m)
          returning c.id, c.employee_id
        ),
        ins as (
          insert into pip_candidates (id, employee_id, rule_id, rule_version, status, evidence, evidence_key, created_at, updated_at)
          select gen_random_uuid(), m.employee_id, ${rule.id}, ${rule.version}, 'open',
            ${JSON.stringify(base)}::jsonb || jsonb_build_object('cycles', m.cycles, 'feedback', m.feedback, 'value', m.value), m.key, ${now}, ${now}
          from m
          where not exists (select 1 from pip_candidates o where o.rule_id = ${rule.id} and o.employee_id = m.employee_id and o.status = 'open')
            -- dismissed on the same facts, or snoozed until a later cycle closes: not raised again
            and not exists (
              select 1 from pip_candidates d where d.rule_id = ${rule.id} and d.employee_id = m.employee_id and d.status = 'dismissed'
                and (d.evidence_key = m.key or (d.snoozed and not ${snoozeOver})))
          returning id, employee_id
        )
        select (select jsonb_agg(jsonb_build_object('id', id, 'employee_id', employee_id)) from ins) as created,
               (select jsonb_agg(jsonb_build_object('id', id, 'employee_id', employee_id)) from closed) as closed`,
    );
    return { created: rows[0]?.created ?? [], closed: rows[0]?.closed ?? [] };
  }

  /**
   * Evaluates the enabled rules (or `ruleIds`) for everyone or for `employeeIds`, each rule in its
   * own transaction, and tells each HRBP and manager once about their new candidates.
   */
  async function evaluate(opts: { employeeIds?: readonly string[] | null; ruleIds?: readonly string[]; ctx?: AuditContext } = {}) {
    const ctx = opts.ctx ?? SYSTEM;
    const enabled = await db.select().from(triggerRules).where(eq(triggerRules.enabled, true));
    const chosen = opts.ruleIds ? enabled.filter((r) => opts.ruleIds!.includes(r.id)) : enabled;
    let created = 0;
    let closed = 0;
    for (const r of chosen) {
      const rule = await rules.evaluable(db, r);
      await db.transaction(async (tx) => {
        const out = await evaluateRule(tx, rule, opts.employeeIds ?? null);
        created += out.created.length;
        closed += out.closed.length;
        if (out.created.length > 0 || out.closed.length > 0) {
          await audit.appendBatch(tx, ctx, {
            action: 'candidates.evaluate',
            entityType: 'trigger_rule',
            entityId: rule.id,
            counts: { created: out.created.length, closed: out.closed.length },
            items: out.created.map((c) => c.id),
            note: { version: rule.version, incremental: opts.employeeIds ? opts.employeeIds.length : null },
          });
        }
        if (out.created.length > 0) await tellPeople(tx, ctx, rule, out.created.map((c) => c.id));
        // event ids follow the candidate: a rerun cannot publish the same change twice
        await deps.emit?.(tx, 'candidate.created', out.created.map((c) => ({ data: { candidateId: c.id, employeeId: c.employee_id, ruleId: rule.id, ruleVersion: rule.version }, eventId: c.id })));
        await deps.emit?.(tx, 'candidate.closed', out.closed.map((c) => ({ data: { candidateId: c.id, employeeId: c.employee_id, ruleId: rule.id, reason: 'no_longer_matching' } })));
      });
    }
    if (created || closed) log.info({ created, closed, rules: chosen.length, incremental: opts.employeeIds?.length ?? null }, 'rules evaluated');
    return { created, closed, rules: chosen.length };
  }

  /** The HRBPs of each person's nearest unit that has HRBPs, and the direct manager: one inbox item each. */
  async function tellPeople(tx: Tx, ctx: AuditContext, rule: EvaluableRule, ids: string[]) {
    const rows = await queryRows<{ user_id: string; names: string[]; first: string }>(
      tx as Db,
      sql`
        with c as (select pc.id, e.name, e.manager_id, e.org_path from pip_candidates pc join employees e on e.id = pc.employee_id where pc.id = any(${pgArray(ids, 'uuid')})),
        who as (
          select m.user_id, c.id, c.name from c join employees m on m.id = c.manager_id where m.user_id is not null and m.status <> 'left'
          union
          select hb.user_id, c.id, c.name from c
          cross join lateral (select u.id from org_units u where c.org_path like u.path || '%' and exists (select 1 from org_unit_hrbps h where h.unit_id = u.id) order by u.depth desc limit 1) nu
          join org_unit_hrbps h on h.unit_id = nu.id join employees hb on hb.id = h.employee_id
          where hb.user_id is not null and hb.status <> 'left'
        )
        select user_id, array_agg(name order by name) as names, min(id::text) as first from who group by user_id`,
    );
    // one notice per person told, each naming their own people: written together
    await notify.notifyMany(
      tx,
      ctx,
      rows.map((r) => {
        const n = r.names.length;
        const shown = r.names.slice(0, 5).join('、') + (n > 5 ? ' 等' : '');
        return {
          recipients: [r.user_id],
          kind: 'candidate.created',
          dedupeKey: `candidates:${rule.id}:${ids[0]}`,
          payload: {
            title: { 'zh-CN': `绩效预警：${n} 名员工触发「${rule.name}」`, 'en-US': `Performance alert: ${n} ${n === 1 ? 'employee matches' : 'employees match'} "${rule.name}"` },
            body: { 'zh-CN': `${shown}。请查看预警名单并决定后续处理。`, 'en-US': `${r.names.slice(0, 5).join(', ')}${n > 5 ? '…' : ''}. Review the candidates and decide what to do.` },
            link: n === 1 ? `/candidates/${r.first}` : `/candidates?ruleId=${rule.id}`,
          },
        };
      }),
    );
  }

  /** HR in scope, or the person's manager chain; never the person. */
  function visible(access: Access): SQL {
    const parts: SQL[] = [pathInScope(sql`e.org_path`, access.hr)];
    if (access.isManager && access.reportPath) parts.push(sql`e.report_path like ${`${access.reportPath}%`}`);
    const self = access.employeeId ? sql` and e.id <> ${access.employeeId}` : sql``;
    return sql`((${sql.join(parts, sql` or `)})${self})`;
  }

  const columns = sql`
    c.id, c.status, c.evidence, c.closed_reason, c.dismiss_reason, c.snooze_until, c.created_at, c.rule_id, c.rule_version,
    e.id as employee_id, e.employee_no, e.name, e.position, u.name as unit_name, r.name as rule_name, h.id as hrbp_id, h.name as hrbp_name`;
  const joins = sql`
    from pip_candidates c join employees e on e.id = c.employee_id join org_units u on u.id = e.unit_id
    join trigger_rules r on r.id = c.rule_id left join employees h on h.id = c.assigned_hrbp_id`;
  type Row = {
    id: string;
    status: Candidate['status'];
    evidence: Evidence;
    closed_reason: string | null;
    dismiss_reason: string | null;
    snooze_until: string | null;
    created_at: string | Date;
    rule_id: string;
    rule_version: number;
    employee_id: string;
    employee_no: string;
    name: string;
    position: string;
    unit_name: string;
    rule_name: string;
    hrbp_id: string | null;
    hrbp_name: string | null;
  };
  const toCandidate = (r: Row): Candidate => ({
    id: r.id,
    employee: { id: r.employee_id, employeeNo: r.employee_no, name: r.name, unitName: r.unit_name, position: r.position },
    rule: { id: r.rule_id, name: r.rule_name, version: r.rule_version },
    status: r.status,
    evidence: r.evidence,
    assignedHrbp: r.hrbp_id ? { id: r.hrbp_id, name: r.hrbp_name ?? '' } : null,
    closedReason: r.closed_reason,
    dismissReason: r.dismiss_reason,
    snoozeUntil: r.snooze_until,
    createdAt: new Date(r.created_at).toISOString(),
  });

  async function list(access: Access, q: { status: Candidate['status']; ruleId?: string | undefined; unitId?: string | undefined; limit: number; cursor?: string | undefined }) {
    const conds: SQL[] = [visible(access), sql`c.status = ${q.status}`];
    if (q.ruleId) conds.push(sql`c.rule_id = ${q.ruleId}`);
    if (q.unitId) conds.push(sql`e.org_path like (select path from org_units where id = ${q.unitId}) || '%'`);
    const cursor = decodeCursor(q.cursor, (v): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'));
    const where = sql.join(conds, sql` and `);
    const after = cursor ? sql` and (c.created_at, c.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : sql``;
    const rows = await queryRows<Row>(db, sql`select ${columns} ${joins} where ${where}${after} order by c.created_at desc, c.id desc limit ${q.limit + 1}`);
    const [total] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${joins} where ${where}`);
    const page = toPage(rows, q.limit, (r) => [new Date(r.created_at).toISOString(), r.id]);
    return { items: page.items.map(toCandidate), nextCursor: page.nextCursor, total: total?.n ?? 0 };
  }

  async function detail(access: Access, id: string): Promise<Candidate> {
    const [r] = await queryRows<Row>(db, sql`select ${columns} ${joins} where c.id = ${id} and ${visible(access)}`);
    if (!r) throw new AppError('NOT_FOUND', `没有这条预警：${id}`);
    return toCandidate(r);
  }

  /** For HR in the person's scope only (managers see candidates but do not act on them). */
  async function openForHr(tx: Tx, access: Access, id: string) {
    const [c] = await tx
      .select({ id: pipCandidates.id, status: pipCandidates.status, orgPath: employees.orgPath, employeeId: employees.id, ruleId: pipCandidates.ruleId })
      .from(pipCandidates)
      .innerJoin(employees, eq(employees.id, pipCandidates.employeeId))
      .where(eq(pipCandidates.id, id))
      .for('update', { of: pipCandidates });
    if (!c) throw new AppError('NOT_FOUND', `没有这条预警：${id}`);
    if (!inScope(access.hr, c.orgPath)) {
      const seen = await queryRows<{ id: string }>(tx as Db, sql`select c.id from pip_candidates c join employees e on e.id = c.employee_id where c.id = ${id} and ${visible(access)}`);
      throw seen.length > 0 ? new AppError('FORBIDDEN', '只有该员工所在范围的人力资源可以处理预警') : new AppError('NOT_FOUND', `没有这条预警：${id}`);
    }
    if (c.status !== 'open') throw new AppError('CONFLICT', `这条预警已不是待处理状态（${c.status}）`);
    return c;
  }

  async function assign(access: Access, ctx: AuditContext, id: string, hrbpId: string): Promise<Candidate> {
    await db.transaction(async (tx) => {
      const c = await openForHr(tx, access, id);
      const [h] = await tx.select({ id: employees.id, status: employees.status, userId: employees.userId, name: employees.name }).from(employees).where(eq(employees.id, hrbpId));
      if (!h || h.status === 'left') throw fieldError('body.hrbpId', '指派的 HRBP 不存在或已离职');
      await tx.update(pipCandidates).set({ assignedHrbpId: h.id, updatedAt: clock.now() }).where(eq(pipCandidates.id, id));
      await audit.append(tx, ctx, { action: 'candidate.assign', entityType: 'pip_candidate', entityId: id, after: { hrbpId: h.id } });
      if (h.userId) {
        await notify.notify(tx, ctx, {
          recipients: [h.userId],
          kind: 'candidate.assigned',
          dedupeKey: `candidate-assigned:${id}:${h.id}`,
          payload: { title: { 'zh-CN': '有一条绩效预警指派给您', 'en-US': 'A performance alert was assigned to you' }, body: { 'zh-CN': '请查看证据并决定后续处理。', 'en-US': 'Review the evidence and decide what to do.' }, link: `/candidates/${c.id}` },
        });
      }
    });
    return detail(access, id);
  }

  /** Dismissal needs a reason; with a snooze the rule stays quiet for this person until a later cycle closes. */
  async function dismiss(access: Access, ctx: AuditContext, id: string, input: { reason: string; snooze: boolean }): Promise<Candidate> {
    await db.transaction(async (tx) => {
      const c = await openForHr(tx, access, id);
      const [rule] = await tx.select().from(triggerRules).where(eq(triggerRules.id, c.ruleId));
      const now = clock.now();
      const params = rule?.params as { kind: string; days?: number } | undefined;
      // a feedback rule has no cycles: its snooze lasts its window
      const snoozeUntil = input.snooze && params?.kind === 'negative_feedback' ? deps.businessDate(new Date(now.getTime() + (params.days ?? 30) * 86_400_000)) : null;
      await tx
        .update(pipCandidates)
        .set({ status: 'dismissed', closedReason: 'dismissed', dismissReason: input.reason, snoozed: input.snooze, snoozeUntil, closedAt: now, closedBy: ctx.actorId, updatedAt: now })
        .where(and(eq(pipCandidates.id, id), eq(pipCandidates.status, 'open')));
      await audit.append(tx, ctx, { action: 'candidate.dismiss', entityType: 'pip_candidate', entityId: id, after: input });
      await deps.emit?.(tx, 'candidate.closed', [{ data: { candidateId: id, employeeId: c.employeeId, ruleId: c.ruleId, reason: 'dismissed' } }]);
    });
    return detail(access, id);
  }

  /** Candidates of one person for their performance file (null: the caller may not see candidacies). */
  async function ofEmployee(access: Access, employeeId: string): Promise<Candidate[] | null> {
    // whether the caller may see candidacies at all (null), before looking for any ([] or some)
    const [allowed] = await queryRows<{ id: string }>(db, sql`select e.id from employees e where e.id = ${employeeId} and ${visible(access)}`);
    if (!allowed) return null;
    const rows = await queryRows<Row>(db, sql`select ${columns} ${joins} where e.id = ${employeeId} order by c.created_at desc limit 100`);
    return rows.map(toCandidate);
  }

  return { evaluate, evaluateRule, list, detail, assign, dismiss, ofEmployee };
}
