import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, lt, notInArray } from 'drizzle-orm';
import {
  policyDocument,
  policySectionsSchema,
  policySettingsSchema,
  saveAdoptionSchema,
  type PolicyDiff,
  type PolicyOwner,
  type PolicySettings,
  type PolicyState,
  type PolicyVersion,
  type SaveAdoption,
  type SavePolicyVersion,
} from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits, policyVersions } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { type Access, inScope } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Files } from '../files/files.service.ts';
import type { FileMeta } from '../files/storage.ts';
import { policyDiff } from './policy-diff.ts';
import { policyInForceFor } from './policy-in-force.ts';
import { narrowingIssues, type NarrowingIssue } from './policy-narrowing.ts';
import { mayReadOwner, unitPaths } from './policy-scope.ts';
import type { PolicyPublishing } from './policy-publishing.ts';

export type VersionRow = typeof policyVersions.$inferSelect;
export type TemplateConflicts = (tx: Tx, ownerUnitId: string, settings: PolicySettings) => Promise<{ templateId: string; name: string; fields: string[] }[]>;
export const FILE_OWNER = 'policy_version';

/** SHA-256 of the document an employee reads (title and the six sections). */
export const contentSha256 = (v: { title: string; sections: unknown }) => createHash('sha256').update(policyDocument(v.title, policySectionsSchema.parse(v.sections))).digest('hex');

export type Policies = ReturnType<typeof createPolicies>;

/**
 * PIP policies (制度): versions per owner (the group or a subsidiary) moving draft → in_review →
 * scheduled → in_force → superseded. A subsidiary's version must narrow the group's (checked on
 * save, submit and publish against the parent's version in force and its scheduled one, if any);
 * publishing needs the adoption record with evidence and no conflicting templates.
 */
export function createPolicies(deps: { db: Db; clock: Clock; audit: Audit; files: Files; publishing: PolicyPublishing; businessDate(at: Date): string; templateConflicts?: TemplateConflicts }) {
  const { db, clock, audit, files, publishing } = deps;

  async function ownerUnit(exec: Db | Tx, id: string) {
    const [u] = await exec.select().from(orgUnits).where(eq(orgUnits.id, id));
    if (!u || (u.type !== 'group' && u.type !== 'subsidiary')) throw new AppError('NOT_FOUND', '制度只属于集团或子公司');
    return u;
  }

  async function readable(exec: Db | Tx, access: Access, id: string, lock = false) {
    const q = exec.select().from(policyVersions).where(eq(policyVersions.id, id));
    const [v] = lock ? await q.for('update') : await q;
    if (!v) throw new AppError('NOT_FOUND', '没有这个制度版本');
    const owner = await ownerUnit(exec, v.ownerUnitId);
    if (!mayReadOwner(access, owner.path)) throw new AppError('NOT_FOUND', '没有这个制度版本');
    return { v, owner };
  }

  async function writable(tx: Tx, access: Access, id: string, states: PolicyState[]) {
    const r = await readable(tx, access, id, true);
    if (!inScope(access.orgWrite, r.owner.path)) throw new AppError('FORBIDDEN', '您不能修改这个单位的制度');
    if (!states.includes(r.v.state as PolicyState)) throw new AppError('CONFLICT', `当前状态（${r.v.state}）不能执行此操作`);
    return r;
  }

  /** The parent versions a subsidiary must narrow: in force and scheduled; null for the group. */
  async function parentsOf(exec: Db | Tx, owner: { path: string; type: string }): Promise<VersionRow[] | null> {
    if (owner.type === 'group') return null;
    const parentPath = owner.path.replace(/[^/]+\/$/, '');
    const inForce = await policyInForceFor(exec, parentPath);
    if (!inForce) return [];
    return exec.select().from(policyVersions).where(and(eq(policyVersions.ownerUnitId, inForce.ownerUnitId), inArray(policyVersions.state, ['in_force', 'scheduled'])));
  }

  /** Where `settings` go beyond the parents' (the version in force and the scheduled one), field by field. */
  async function issuesAgainst(exec: Db | Tx, owner: { id: string; path: string }, settings: PolicySettings, parents: VersionRow[]): Promise<NarrowingIssue[]> {
    const ids = [owner.id, ...settings.scope.unitIds, ...parents.flatMap((p) => [p.ownerUnitId, ...policySettingsSchema.parse(p.settings).scope.unitIds])];
    const paths = await unitPaths(exec, ids);
    const outside = settings.scope.unitIds.filter((u) => !paths.get(u)?.startsWith(owner.path));
    const issues: NarrowingIssue[] = outside.length ? [{ path: 'settings.scope.unitIds', message: '适用范围中的组织必须在本单位之内', messages: { 'zh-CN': '适用范围中的组织必须在本单位之内', 'en-US': 'Scope units must lie inside the owner' } }] : [];
    for (const p of parents) {
      for (const i of narrowingIssues(policySettingsSchema.parse(p.settings), settings, { parentOwnerId: p.ownerUnitId, childOwnerId: owner.id }, paths)) {
        if (!issues.some((x) => x.path === i.path)) issues.push(i);
      }
    }
    return issues;
  }

  /** Refuses settings that widen the parent's, naming each field; `strict` also refuses when there is no parent in force. */
  async function checkNarrowing(exec: Db | Tx, owner: { id: string; path: string; type: string }, settings: PolicySettings, strict: boolean) {
    const parents = await parentsOf(exec, owner);
    if (parents === null) return;
    if (parents.length === 0) {
      if (strict) throw new AppError('CONFLICT', '集团制度尚未生效：子公司制度须在集团制度范围内收窄，请先发布集团制度');
      return;
    }
    const issues = await issuesAgainst(exec, owner, settings, parents);
    if (issues.length) {
      const withBody = issues.map((i) => ({ ...i, path: `body.${i.path}` }));
      throw new AppError('VALIDATION_FAILED', `超出集团制度的范围：${withBody.map((i) => `${i.path}: ${i.message}`).join('；')}`, { issues: withBody });
    }
  }

  /**
   * A subsidiary's version in force that no longer narrows the group's (the group tightened
   * after it was published): shown on the owner list so HR drafts a new version. Never blocks
   * the group, which could otherwise deadlock on fields that must be equal (the rating scale).
   */
  async function boundsIssues(owner: { id: string; path: string; type: string }, inForce: VersionRow | undefined): Promise<NarrowingIssue[]> {
    if (!inForce || owner.type === 'group') return [];
    const parents = await parentsOf(db, owner);
    return parents?.length ? issuesAgainst(db, owner, policySettingsSchema.parse(inForce.settings), parents) : [];
  }

  async function present(access: Access, v: VersionRow, owner: { name: string; path: string }, exec: Db | Tx = db): Promise<PolicyVersion> {
    const attachments = (await files.list(exec, { type: FILE_OWNER, id: v.id })).map(({ owner: _o, ...f }: FileMeta) => f);
    const adoption = v.adoption ? saveAdoptionSchema.parse(v.adoption) : null;
    return {
      id: v.id,
      ownerUnitId: v.ownerUnitId,
      ownerUnitName: owner.name,
      version: v.version,
      title: v.title,
      state: v.state as PolicyState,
      sections: policySectionsSchema.parse(v.sections),
      settings: policySettingsSchema.parse(v.settings),
      reminderDays: v.reminderDays as number[],
      effectiveFrom: v.effectiveFrom,
      contentSha256: v.contentSha256,
      adoption: adoption ? { ...adoption, attachments } : null,
      attachments,
      reviewNote: v.reviewNote,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      inForceAt: v.inForceAt?.toISOString() ?? null,
      supersededAt: v.supersededAt?.toISOString() ?? null,
      updatedAt: v.updatedAt.toISOString(),
      canWrite: inScope(access.orgWrite, owner.path),
    };
  }

  const summary = (v: VersionRow) => ({ id: v.id, version: v.version, title: v.title, state: v.state as PolicyState, effectiveFrom: v.effectiveFrom, publishedAt: v.publishedAt?.toISOString() ?? null, updatedAt: v.updatedAt.toISOString() });

  /** The owners (group and subsidiaries) the caller may read, each with its versions. */
  async function owners(access: Access): Promise<PolicyOwner[]> {
    if (access.records !== 'all' && access.records.length === 0) throw new AppError('FORBIDDEN', '只有人力资源角色和审计可以管理制度');
    const units = (await db.select().from(orgUnits).where(and(inArray(orgUnits.type, ['group', 'subsidiary']), eq(orgUnits.active, true))).orderBy(orgUnits.depth, orgUnits.sortOrder, orgUnits.code)).filter((u) =>
      mayReadOwner(access, u.path),
    );
    if (units.length === 0) return [];
    const versions = await db.select().from(policyVersions).where(inArray(policyVersions.ownerUnitId, units.map((u) => u.id))).orderBy(desc(policyVersions.version));
    return Promise.all(
      units.map(async (u) => {
        const mine = versions.filter((v) => v.ownerUnitId === u.id);
        const inForce = mine.find((v) => v.state === 'in_force');
        const issues = (await boundsIssues(u, inForce)).map((i) => ({ path: i.path, message: i.message, messages: i.messages }));
        return { unitId: u.id, unitName: u.name, unitType: u.type, inForce: inForce ? summary(inForce) : null, versions: mine.map(summary), canWrite: inScope(access.orgWrite, u.path), boundsIssues: issues };
      }),
    );
  }

  async function get(access: Access, id: string): Promise<PolicyVersion> {
    const { v, owner } = await readable(db, access, id);
    return present(access, v, owner);
  }

  /** A new draft; one open (draft or in review) version per owner at a time. */
  async function create(access: Access, ctx: AuditContext, ownerId: string, input: SavePolicyVersion): Promise<PolicyVersion> {
    const id = await db.transaction(async (tx) => {
      const owner = await ownerUnit(tx, ownerId);
      if (!inScope(access.orgWrite, owner.path)) throw new AppError('FORBIDDEN', '您不能为这个单位起草制度');
      // serialise drafting per owner: the owner row lock
      await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, owner.id)).for('update');
      const all = await tx.select({ version: policyVersions.version, state: policyVersions.state }).from(policyVersions).where(eq(policyVersions.ownerUnitId, owner.id));
      if (all.some((v) => v.state === 'draft' || v.state === 'in_review')) throw new AppError('CONFLICT', '这个单位已有未发布的草稿或待审版本，请在其上继续修改');
      await checkNarrowing(tx, owner, input.settings, false);
      const now = clock.now();
      const version = Math.max(0, ...all.map((v) => v.version)) + 1;
      const [row] = await tx
        .insert(policyVersions)
        .values({ ownerUnitId: owner.id, version, title: input.title, state: 'draft', sections: input.sections, settings: input.settings, reminderDays: input.reminderDays, createdBy: ctx.actorId, createdAt: now, updatedAt: now })
        .returning();
      await audit.append(tx, ctx, { action: 'policy.create', entityType: 'policy_version', entityId: row!.id, after: { ownerUnitId: owner.id, version, ...input } });
      return row!.id;
    });
    return get(access, id);
  }

  async function update(access: Access, ctx: AuditContext, id: string, input: SavePolicyVersion): Promise<PolicyVersion> {
    await db.transaction(async (tx) => {
      const { v, owner } = await writable(tx, access, id, ['draft']);
      await checkNarrowing(tx, owner, input.settings, false);
      await tx.update(policyVersions).set({ title: input.title, sections: input.sections, settings: input.settings, reminderDays: input.reminderDays, updatedAt: clock.now() }).where(eq(policyVersions.id, id));
      await audit.append(tx, ctx, { action: 'policy.update', entityType: 'policy_version', entityId: id, before: { title: v.title, sections: v.sections, settings: v.settings, reminderDays: v.reminderDays }, after: input });
    });
    return get(access, id);
  }

  async function saveAdoption(access: Access, ctx: AuditContext, id: string, input: SaveAdoption): Promise<PolicyVersion> {
    await db.transaction(async (tx) => {
      const { v } = await writable(tx, access, id, ['draft', 'in_review']);
      await tx.update(policyVersions).set({ adoption: input, updatedAt: clock.now() }).where(eq(policyVersions.id, id));
      await audit.append(tx, ctx, { action: 'policy.adoption', entityType: 'policy_version', entityId: id, before: v.adoption, after: input });
    });
    return get(access, id);
  }

  /** draft → in_review: the content is fixed (its SHA-256 recorded) and checked against the group's. */
  async function submit(access: Access, ctx: AuditContext, id: string): Promise<PolicyVersion> {
    await db.transaction(async (tx) => {
      const { v, owner } = await writable(tx, access, id, ['draft']);
      await checkNarrowing(tx, owner, policySettingsSchema.parse(v.settings), true);
      const hash = contentSha256(v);
      await tx.update(policyVersions).set({ state: 'in_review', contentSha256: hash, reviewNote: null, updatedAt: clock.now() }).where(eq(policyVersions.id, id));
      await audit.append(tx, ctx, { action: 'policy.submit', entityType: 'policy_version', entityId: id, before: { state: 'draft' }, after: { state: 'in_review', contentSha256: hash } });
    });
    return get(access, id);
  }

  /** in_review → draft, with the reviewer's note. */
  async function sendBack(access: Access, ctx: AuditContext, id: string, note: string): Promise<PolicyVersion> {
    await db.transaction(async (tx) => {
      await writable(tx, access, id, ['in_review']);
      await tx.update(policyVersions).set({ state: 'draft', contentSha256: null, reviewNote: note, updatedAt: clock.now() }).where(eq(policyVersions.id, id));
      await audit.append(tx, ctx, { action: 'policy.return', entityType: 'policy_version', entityId: id, before: { state: 'in_review' }, after: { state: 'draft', note } });
    });
    return get(access, id);
  }

  /**
   * Approves and publishes: scheduled when the effective date is in the future, else in force at
   * once (superseding the previous version and notifying everyone in scope, in this transaction).
   */
  async function publish(access: Access, ctx: AuditContext, id: string, effectiveFrom: string): Promise<PolicyVersion> {
    await db.transaction(async (tx) => {
      const { v, owner } = await writable(tx, access, id, ['in_review']);
      // serialised with the tick and other publishers of this owner (putInForce takes the same lock)
      await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, owner.id)).for('update');
      const adoption = v.adoption ? saveAdoptionSchema.parse(v.adoption) : null;
      const evidence = await files.list(tx, { type: FILE_OWNER, id });
      if (!adoption || evidence.length === 0)
        throw new AppError('CONFLICT', '发布前须记录民主程序（程序、日期）并上传证明材料（劳动合同法第四条）', { issues: [{ path: 'adoption', message: adoption ? '请上传证明材料' : '请记录民主程序' }] });
      const settings = policySettingsSchema.parse(v.settings);
      await checkNarrowing(tx, owner, settings, true);
      const conflicts = (await deps.templateConflicts?.(tx, owner.id, settings)) ?? [];
      if (conflicts.length)
        throw new AppError('CONFLICT', `以下流程模板超出新制度的范围，请先调整：${conflicts.map((c) => c.name).join('、')}`, { reason: 'TEMPLATE_CONFLICTS', templates: conflicts });
      const scheduled = await tx.select({ id: policyVersions.id }).from(policyVersions).where(and(eq(policyVersions.ownerUnitId, owner.id), eq(policyVersions.state, 'scheduled')));
      if (scheduled.length) throw new AppError('CONFLICT', '这个单位已有一个待生效的版本');
      const now = clock.now();
      const today = deps.businessDate(now);
      await tx.update(policyVersions).set({ state: 'scheduled', effectiveFrom, publishedAt: now, publishedBy: ctx.actorId, updatedAt: now }).where(eq(policyVersions.id, id));
      await audit.append(tx, ctx, { action: 'policy.publish', entityType: 'policy_version', entityId: id, before: { state: 'in_review' }, after: { state: effectiveFrom <= today ? 'in_force' : 'scheduled', effectiveFrom, adoption, evidence: evidence.map((f) => ({ id: f.id, sha256: f.sha256 })) } });
      if (effectiveFrom <= today) await publishing.putInForce(tx, ctx, id);
    });
    return get(access, id);
  }

  /** The diff to the previous published version of the same owner. */
  async function diff(access: Access, id: string): Promise<PolicyDiff> {
    const { v } = await readable(db, access, id);
    const [prev] = await db
      .select()
      .from(policyVersions)
      .where(and(eq(policyVersions.ownerUnitId, v.ownerUnitId), lt(policyVersions.version, v.version), notInArray(policyVersions.state, ['draft', 'in_review'])))
      .orderBy(desc(policyVersions.version))
      .limit(1);
    const content = (r: VersionRow) => ({ title: r.title, sections: policySectionsSchema.parse(r.sections), settings: policySettingsSchema.parse(r.settings) });
    return { previous: prev ? summary(prev) : null, ...policyDiff(prev ? content(prev) : null, content(v)) };
  }

  return { owners, get, create, update, saveAdoption, submit, sendBack, publish, diff, readable, ownerUnit };
}
