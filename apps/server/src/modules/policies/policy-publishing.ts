import { and, desc, eq, lte, ne, sql } from 'drizzle-orm';
import { policySectionsSchema, policySettingsSchema } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits, policyVersions } from '../../db/schema/index.ts';
import { DAY, type Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Notify } from '../notify/notify.service.ts';
import { changeSummary, policyDiff } from './policy-diff.ts';
import { inScopeSql, resolveScope } from './policy-scope.ts';

const SYSTEM: AuditContext = { actorId: null, actorLabel: 'system:policies', requestId: null };
/** Acknowledgment subject type of a policy version. */
export const ACK_SUBJECT = 'policy_version';

export type PolicyPublishing = ReturnType<typeof createPolicyPublishing>;

/**
 * Taking force and reminding, on the injected clock: a scheduled version goes in force on its
 * effective date (driven by the tick job), the previous one is superseded in the same
 * transaction and everyone in scope is notified; those who have not confirmed are reminded
 * once per configured step. Every step is idempotent.
 */
export function createPolicyPublishing(deps: { db: Db; clock: Clock; audit: Audit; notify: Notify; log: Logger; businessDate(at: Date): string }) {
  const { db, clock, audit, notify, log } = deps;

  async function loadScope(tx: Db | Tx, v: typeof policyVersions.$inferSelect) {
    const [owner] = await tx.select({ path: orgUnits.path, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, v.ownerUnitId));
    return { owner: owner!, scope: await resolveScope(tx, owner!.path, policySettingsSchema.parse(v.settings)) };
  }

  /** scheduled → in_force (and the previous in force → superseded), then notifies everyone in scope. No-op unless scheduled. */
  async function putInForce(tx: Tx, ctx: AuditContext, id: string): Promise<boolean> {
    const [found] = await tx.select({ ownerUnitId: policyVersions.ownerUnitId }).from(policyVersions).where(eq(policyVersions.id, id));
    if (!found) return false;
    // one owner's versions change state one transaction at a time (the tick and a publisher)
    await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, found.ownerUnitId)).for('update');
    const [v] = await tx.select().from(policyVersions).where(eq(policyVersions.id, id)).for('update');
    if (!v || v.state !== 'scheduled') return false;
    const now = clock.now();
    const [prev] = await tx.select().from(policyVersions).where(and(eq(policyVersions.ownerUnitId, v.ownerUnitId), eq(policyVersions.state, 'in_force'))).for('update');
    if (prev) await tx.update(policyVersions).set({ state: 'superseded', supersededAt: now, updatedAt: now }).where(eq(policyVersions.id, prev.id));
    await tx.update(policyVersions).set({ state: 'in_force', inForceAt: now, updatedAt: now }).where(eq(policyVersions.id, id));
    await audit.append(tx, ctx, { action: 'policy.in_force', entityType: 'policy_version', entityId: id, before: { state: 'scheduled', superseded: prev?.id ?? null }, after: { state: 'in_force', effectiveFrom: v.effectiveFrom } });

    const content = (r: typeof v) => ({ title: r.title, sections: policySectionsSchema.parse(r.sections), settings: policySettingsSchema.parse(r.settings) });
    const [previous] = prev ? [prev] : await tx.select().from(policyVersions).where(and(eq(policyVersions.ownerUnitId, v.ownerUnitId), eq(policyVersions.state, 'superseded'), ne(policyVersions.id, id))).orderBy(desc(policyVersions.version)).limit(1);
    const changes = previous ? changeSummary(policyDiff(content(previous), content(v))) : null;
    const { owner, scope } = await loadScope(tx, v);
    const n = await notify.notifyAudience(tx, ctx, {
      recipients: sql`select e.user_id from employees e where ${inScopeSql(scope)}`,
      kind: 'policy.published',
      dedupeKey: `policy.publish:${id}`,
      payload: {
        title: { 'zh-CN': `制度发布：${v.title}（第 ${v.version} 版）`, 'en-US': `Policy published: ${v.title} (version ${v.version})` },
        body: {
          'zh-CN': `${owner.name}的制度自 ${v.effectiveFrom} 起生效。${changes ? changes['zh-CN'] : ''}请阅读并确认。`,
          'en-US': `${owner.name}'s policy is in force from ${v.effectiveFrom}. ${changes ? changes['en-US'] : ''} Please read and confirm.`,
        },
        link: `/my/policies/${id}`,
        subject: { type: ACK_SUBJECT, id },
      },
      actions: [{ key: 'read', label: { 'zh-CN': '阅读并确认', 'en-US': 'Read and confirm' }, link: `/my/policies/${id}` }],
    });
    log.info({ versionId: id, notified: n }, 'policy in force');
    return true;
  }

  /** Puts every scheduled version whose effective date has come in force, each in its own transaction. */
  async function activateDue(): Promise<number> {
    const today = deps.businessDate(clock.now());
    const due = await db.select({ id: policyVersions.id }).from(policyVersions).where(and(eq(policyVersions.state, 'scheduled'), lte(policyVersions.effectiveFrom, today))).orderBy(policyVersions.effectiveFrom);
    let n = 0;
    for (const d of due) if (await db.transaction((tx) => putInForce(tx, SYSTEM, d.id))) n++;
    return n;
  }

  /**
   * Reminds those in scope who have neither confirmed nor refused, N days after the version took
   * force, once per step: the step is recorded, and the dedupe key holds even if a rerun races.
   */
  async function remindDue(): Promise<number> {
    const now = clock.now();
    const versions = await db.select().from(policyVersions).where(eq(policyVersions.state, 'in_force'));
    let sent = 0;
    for (const v of versions) {
      const done = v.remindedSteps as number[];
      const steps = (v.reminderDays as number[]).filter((d) => !done.includes(d) && v.inForceAt && v.inForceAt.getTime() + d * DAY <= now.getTime());
      for (const step of steps) {
        sent += await db.transaction(async (tx) => {
          const [locked] = await tx.select().from(policyVersions).where(eq(policyVersions.id, v.id)).for('update');
          if (!locked || locked.state !== 'in_force' || (locked.remindedSteps as number[]).includes(step)) return 0;
          const { scope } = await loadScope(tx, locked);
          const n = await notify.notifyAudience(tx, SYSTEM, {
            recipients: sql`select e.user_id from employees e where ${inScopeSql(scope)}
              and not exists (select 1 from acknowledgments a where a.subject_type = ${ACK_SUBJECT} and a.subject_id = ${v.id} and a.subject_version = ${v.version} and a.employee_id = e.id)`,
            kind: 'policy.reminder',
            dedupeKey: `policy.remind:${v.id}:${step}`,
            payload: {
              title: { 'zh-CN': `请确认制度：${v.title}`, 'en-US': `Please confirm the policy: ${v.title}` },
              body: { 'zh-CN': `制度已生效 ${step} 天，您尚未阅读确认。`, 'en-US': `The policy has been in force for ${step} days and you have not confirmed it yet.` },
              link: `/my/policies/${v.id}`,
              subject: { type: ACK_SUBJECT, id: v.id },
            },
          });
          await tx.update(policyVersions).set({ remindedSteps: [...(locked.remindedSteps as number[]), step] }).where(eq(policyVersions.id, v.id));
          await audit.append(tx, SYSTEM, { action: 'policy.remind', entityType: 'policy_version', entityId: v.id, after: { step, reminded: n } });
          return n;
        });
      }
    }
    return sent;
  }

  /** The tick's work: take force, then remind. */
  async function tick() {
    const activated = await activateDue();
    const reminded = await remindDue();
    return { activated, reminded };
  }

  return { putInForce, activateDue, remindDue, tick };
}
