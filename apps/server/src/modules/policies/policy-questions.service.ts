import { eq, sql, type SQL } from 'drizzle-orm';
import type { PolicyQuestion } from '@uplift/contract';
import { queryRows, type Db } from '../../db/client.ts';
import { employees, policyQuestions } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { type Access, inScope, pathInScope } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Notify } from '../notify/notify.service.ts';
import type { Policies } from './policies.service.ts';
import type { PolicyAcks } from './policy-acks.service.ts';
import { mayReadOwner } from './policy-scope.ts';

type Row = { id: string; question: string; answer: string | null; answered_at: Date | string | null; published: boolean; created_at: Date | string; asker_employee_id: string; asker_name: string; unit_name: string; asker_path: string };

export type PolicyQuestions = ReturnType<typeof createPolicyQuestions>;

/**
 * Q&A per policy (owner). Employees in scope ask; HR whose scope holds the asker answers and may
 * publish the answer to the FAQ. The asker is shown to that HR only — never in the FAQ, never
 * to other employees (their own questions come back as `mine`, without a name).
 */
export function createPolicyQuestions(deps: { db: Db; clock: Clock; audit: Audit; notify: Notify; policies: Policies; acks: PolicyAcks }) {
  const { db, clock, audit, policies } = deps;

  const select = (where: SQL) =>
    queryRows<Row>(
      db,
      sql`select q.id, q.question, q.answer, q.answered_at, q.published, q.created_at, q.asker_employee_id, e.name as asker_name, u.name as unit_name, e.org_path as asker_path
          from policy_questions q join employees e on e.id = q.asker_employee_id join org_units u on u.id = e.unit_id
          where ${where} order by q.created_at desc, q.id desc limit 500`,
    );

  const present = (access: Access, r: Row, showAsker: boolean): PolicyQuestion => ({
    id: r.id,
    question: r.question,
    answer: r.answer,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    published: r.published,
    createdAt: new Date(r.created_at).toISOString(),
    mine: r.asker_employee_id === access.employeeId,
    asker: showAsker ? { employeeId: r.asker_employee_id, name: r.asker_name, unitName: r.unit_name } : null,
  });

  /** An owner's policy the caller has in force for them (employees) — or reads as HR/auditor. */
  async function canSee(access: Access, ownerId: string): Promise<{ hrView: boolean; inScope: boolean }> {
    const owner = await policies.ownerUnit(db, ownerId);
    const hrView = mayReadOwner(access, owner.path);
    const mine = (await deps.acks.mine(access)).some((p) => p.ownerUnitId === ownerId);
    if (!hrView && !mine) throw new AppError('NOT_FOUND', '没有适用于您的这个制度');
    return { hrView, inScope: mine };
  }

  /** HR: the questions of askers in their HR scope, with the asker; everyone else: their own, without a name. */
  async function list(access: Access, ownerId: string): Promise<PolicyQuestion[]> {
    await canSee(access, ownerId);
    const own = access.employeeId ? sql`q.asker_employee_id = ${access.employeeId}` : sql`false`;
    const rows = await select(sql`q.owner_unit_id = ${ownerId} and (${pathInScope(sql`e.org_path`, access.hr)} or ${own})`);
    // the asker is named only to HR whose scope holds them
    return rows.map((r) => present(access, r, inScope(access.hr, r.asker_path)));
  }

  /** The published FAQ: questions and answers, never the asker. */
  async function faq(access: Access, ownerId: string): Promise<PolicyQuestion[]> {
    await canSee(access, ownerId);
    const rows = await select(sql`q.owner_unit_id = ${ownerId} and q.published and q.answer is not null`);
    return rows.map((r) => ({ ...present(access, r, false), mine: false }));
  }

  async function ask(access: Access, ctx: AuditContext, ownerId: string, question: string): Promise<PolicyQuestion> {
    const { inScope: mine } = await canSee(access, ownerId);
    if (!mine || !access.employeeId) throw new AppError('FORBIDDEN', '只有制度适用范围内的员工可以提问');
    const id = await db.transaction(async (tx) => {
      const [q] = await tx.insert(policyQuestions).values({ ownerUnitId: ownerId, askerEmployeeId: access.employeeId!, askerUserId: access.userId, question, createdAt: clock.now() }).returning({ id: policyQuestions.id });
      await audit.append(tx, ctx, { action: 'policy.question.ask', entityType: 'policy_question', entityId: q!.id, after: { ownerUnitId: ownerId } });
      // the HRBPs of the asker's nearest unit that has HRBPs are told (the question only, not who)
      await deps.notify.notifyAudience(tx, ctx, {
        recipients: sql`
          select hb.user_id from employees e
          cross join lateral (select u.id from org_units u where e.org_path like u.path || '%' and exists (select 1 from org_unit_hrbps h where h.unit_id = u.id) order by u.depth desc limit 1) nu
          join org_unit_hrbps h on h.unit_id = nu.id join employees hb on hb.id = h.employee_id
          where e.id = ${access.employeeId} and hb.status <> 'left'`,
        kind: 'policy.question.asked',
        dedupeKey: `policy.question:${q!.id}`,
        payload: { title: { 'zh-CN': '有新的制度问题待答复', 'en-US': 'A new question about the policy awaits an answer' }, body: { 'zh-CN': question.slice(0, 100) }, link: `/policies/${ownerId}/qa` },
      });
      return q!.id;
    });
    const [r] = await select(sql`q.id = ${id}`);
    return present(access, r!, false);
  }

  /** HR whose scope holds the asker answers (and optionally publishes); 404 outside it. */
  async function answer(access: Access, ctx: AuditContext, id: string, input: { answer?: string; publish: boolean }): Promise<PolicyQuestion> {
    await db.transaction(async (tx) => {
      const [q] = await tx.select({ q: policyQuestions, path: employees.orgPath }).from(policyQuestions).innerJoin(employees, eq(employees.id, policyQuestions.askerEmployeeId)).where(eq(policyQuestions.id, id)).for('update');
      if (!q || !inScope(access.hr, q.path)) throw new AppError('NOT_FOUND', '没有这个问题');
      if (input.answer === undefined && !q.q.answer && input.publish) throw new AppError('CONFLICT', '先回答，再发布到常见问题');
      const now = clock.now();
      const set = input.answer !== undefined ? { answer: input.answer, answeredBy: access.userId, answeredAt: now, published: input.publish } : { published: input.publish };
      await tx.update(policyQuestions).set(set).where(eq(policyQuestions.id, id));
      await audit.append(tx, ctx, { action: input.answer !== undefined ? 'policy.question.answer' : 'policy.question.publish', entityType: 'policy_question', entityId: id, before: { answer: q.q.answer, published: q.q.published }, after: set });
      // the asker learns of the answer (each new answer once)
      if (input.answer !== undefined && q.q.askerUserId) {
        await deps.notify.notify(tx, ctx, {
          recipients: [q.q.askerUserId],
          kind: 'policy.question.answered',
          dedupeKey: `policy.answer:${id}:${now.getTime()}`,
          payload: { title: { 'zh-CN': '您的制度问题已有答复', 'en-US': 'Your question about the policy was answered' }, body: { 'zh-CN': q.q.question.slice(0, 100) }, link: `/policies/${q.q.ownerUnitId}/qa` },
        });
      }
    });
    const [r] = await select(sql`q.id = ${id}`);
    return present(access, r!, true);
  }

  return { list, faq, ask, answer };
}
