import { eq, sql } from 'drizzle-orm';
import type { PipFollowUp, PipState } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { acknowledgments, employees, pipApprovalSteps, pipEvents, pipGoals, pipOutcomes, pipPlans, pipTrainings, users } from '../../db/schema/index.ts';
import { OUTCOME_ACK } from '../outcomes/outcomes.queries.ts';
import { outcomeReceipt } from '../outcomes/outcomes.content.ts';
import { addDays } from '../calendar/working-days.ts';
import { effectiveTemplate, snapshotHash } from '../templates/template-snapshot.ts';
import { PIP_ACK_SUBJECT } from './pip.acknowledgment.ts';

const DEMO_STATES: PipState[] = ['draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review', 'follow_up', 'closed', 'archived', 'cancelled'];
const after = (s: PipState, ...states: PipState[]) => states.includes(s);
const demoOutcomes: Partial<Record<PipState, { outcome: 'passed' | 'not_passed'; followUps: string[]; note: string }>> = {
  follow_up: { outcome: 'not_passed', followUps: ['training', 'reassessment'], note: '两项目标均未达成，先安排专项培训，培训后按原标准再评估' },
  closed: { outcome: 'passed', followUps: [], note: '目标均已达成' },
  archived: { outcome: 'passed', followUps: [], note: '目标均已达成' },
};

/**
 * One plan in every state for reports of the demo `manager` (then others with a manager), so a
 * newcomer sees the product alive. The `employee` account keeps no plan: its journey starts one.
 */
export async function loadDemoPlans(tx: Tx, deps: { now: Date; today: string }): Promise<number> {
  const { now, today } = deps;
  const [mgr] = await queryRows<{ id: string; user_id: string }>(tx as Db, sql`select e.id, e.user_id from employees e join users u on u.id = e.user_id where u.username = 'manager'`);
  const [hr] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'hr'));
  if (!mgr) return 0;
  const people = await queryRows<{ id: string }>(
    tx as Db,
    sql`select e.id from employees e where e.status = 'active' and e.user_id is null and e.manager_id is not null
        order by (e.manager_id = ${mgr.id}) desc, e.employee_no limit ${DEMO_STATES.length * 2}`,
  );
  let made = 0;
  for (const p of people) {
    const state = DEMO_STATES[made];
    if (!state) break;
    const snap = await effectiveTemplate(tx, p.id, now);
    if (!snap.content.chainComplete || snap.content.policyIssues.length > 0) continue;
    const chain = snap.content.approvalChain.filter((n) => n.status === 'resolved' && n.person);
    const running = after(state, 'in_progress', 'paused', 'final_review', 'follow_up', 'closed', 'archived');
    const start = addDays(today, running ? -40 - made * 5 : 7);
    const end = after(state, 'final_review', 'follow_up', 'closed', 'archived') ? addDays(today, after(state, 'follow_up') ? -20 : -1) : addDays(start, 59);
    const approved = !after(state, 'draft', 'pending_approval', 'cancelled');
    const [e] = await queryRows<{ manager_id: string; hrbp: string | null }>(
      tx as Db,
      sql`select e.manager_id, (select h.employee_id from org_units u join org_unit_hrbps h on h.unit_id = u.id where e.org_path like u.path || '%' order by u.depth desc limit 1) as hrbp from employees e where e.id = ${p.id}`,
    );
    const [plan] = await tx
      .insert(pipPlans)
      .values({
        employeeId: p.id,
        problemType: made % 4 === 3 ? 'conduct' : 'performance',
        reasonText: made % 4 === 3 ? '重大违规但可整改' : '连续绩效未达标',
        violation: made % 4 === 3 ? { description: '多次未按流程提交客户合同审批', occurredOn: addDays(today, -50), evidence: '法务合规记录 LC-2026-017' } : null,
        initiatorUserId: mgr.user_id,
        initiatorName: '演示：直属上级',
        managerId: e!.manager_id,
        hrbpId: e!.hrbp,
        policyVersionId: snap.policyVersionId,
        policyVersion: snap.policyVersion,
        snapshotId: snap.id,
        plannedStart: start,
        plannedEnd: end,
        state,
        pauseReason: state === 'paused' ? 'absence' : null,
        pausedAt: state === 'paused' ? now : null,
        goalsVersion: approved ? 1 : 0,
        goalsFinalisedAt: running ? now : null,
        approvedAt: approved ? now : null,
        outcome: null,
        cancelReason: state === 'cancelled' ? '员工转岗，另行安排' : null,
        closedReason: after(state, 'closed', 'archived') ? 'outcome' : null,
        closedAt: after(state, 'closed', 'archived', 'cancelled') ? now : null,
        createdAt: new Date(now.getTime() - (DEMO_STATES.length - made) * 60_000),
        updatedAt: now,
      })
      .returning({ id: pipPlans.id });
    const id = plan!.id;
    if (state !== 'draft' && state !== 'cancelled') {
      await tx.insert(pipApprovalSteps).values(
        chain.map((n, i) => {
          const status = state === 'pending_approval' ? (i === 0 ? 'approved' : i === 1 ? 'pending' : 'waiting') : 'approved';
          return { planId: id, round: 1, seq: i + 1, nodeKey: n.key, kind: n.kind, approverId: n.person!.id, status, comment: status === 'approved' ? '同意' : null, requestedAt: status === 'waiting' ? null : now, decidedAt: status === 'approved' ? now : null };
        }),
      );
    }
    if (approved) {
      await tx.insert(pipGoals).values([
        { planId: id, position: 1, title: '季度销售额达成', description: '回到团队平均水平', metric: '销售额达成率', baseline: '62', target: '90', unit: '%', weight: 60, dueDate: addDays(end, -5), support: '每周一次一对一辅导', draftedBy: 'manager' },
        { planId: id, position: 2, title: '客户拜访质量', description: '拜访记录完整、跟进及时', metric: '有效拜访数', baseline: '8', target: '15', unit: '次/月', weight: 40, dueDate: addDays(end, -5), support: '销售技巧培训（两次）', draftedBy: 'manager' },
      ]);
    }
    const decided = demoOutcomes[state];
    if (decided) {
      // the final review's outcome as the outcome service leaves it: proposed, confirmed, received
      const [o] = await tx
        .insert(pipOutcomes)
        .values({ planId: id, round: 1, outcome: decided.outcome, note: decided.note, followUps: decided.followUps, previousEnd: end, status: 'confirmed', proposedByName: '演示：直属上级', proposedAt: now, confirmedByName: '演示：HRBP', confirmedAt: now })
        .returning({ id: pipOutcomes.id });
      const [who] = await tx.select({ name: employees.name, employeeNo: employees.employeeNo }).from(employees).where(eq(employees.id, p.id));
      const receipt = outcomeReceipt({ planId: id, outcomeId: o!.id, employee: who!, plannedStart: start, plannedEnd: end, outcome: decided.outcome, note: decided.note, followUps: decided.followUps as PipFollowUp[], confirmedOn: today });
      await tx.update(pipOutcomes).set({ receiptText: receipt.text, receiptSha256: receipt.sha256 }).where(eq(pipOutcomes.id, o!.id));
      await tx.update(pipPlans).set({ outcome: { outcomeId: o!.id, ...decided, acknowledged: true, concluded: null } }).where(eq(pipPlans.id, id));
      await tx.insert(acknowledgments).values({ subjectType: OUTCOME_ACK, subjectId: o!.id, subjectVersion: 1, employeeId: p.id, status: 'confirmed', contentSha256: receipt.sha256, channel: 'web', at: now });
      if (state === 'follow_up') {
        const [goal] = await tx.select({ id: pipGoals.id }).from(pipGoals).where(eq(pipGoals.planId, id)).orderBy(pipGoals.position).limit(1);
        await tx.insert(pipTrainings).values({ planId: id, topic: '大客户回款技巧专项培训', gap: '季度销售额达成率仅 62%，回款跟进方法欠缺', goalIds: goal ? [goal.id] : [], startsOn: addDays(today, 3), endsOn: addDays(today, 4), trainer: '销售学院 王老师', createdByName: '演示：HRBP', createdAt: now, updatedAt: now });
      }
    }
    if (running) {
      await tx.insert(acknowledgments).values({ subjectType: PIP_ACK_SUBJECT, subjectId: id, subjectVersion: 1, employeeId: p.id, status: 'confirmed', contentSha256: snapshotHash({ demo: id, version: 1 }), channel: 'web', at: now });
    }
    await tx.insert(pipEvents).values([
      { planId: id, at: now, kind: 'create', actorId: mgr.user_id, actorLabel: 'manager', toState: 'draft', data: { demo: true } },
      ...(state === 'draft' ? [] : [{ planId: id, at: now, kind: 'demo', actorId: hr?.id ?? null, actorLabel: 'system:demo', fromState: 'draft', toState: state, data: { demo: true } }]),
    ]);
    made++;
  }
  return made;
}
