import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import {
  defaultTemplateSettings,
  policySettingsSchema,
  templateOverrideValuesSchema,
  templateSettingsSchema,
  type BoundingPolicy,
  type EffectiveTemplate,
  type FieldIssue,
  type GroupTemplate,
  type GroupTemplateView,
  type OverrideView,
  type SaveOverride,
  type SaveTemplate,
  type TemplateOverride,
} from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { employees, orgUnits, pipTemplateOverrides, pipTemplates, policyVersions } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { type Access, inScope, pathInScope } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { policyInForceFor, type PolicyInForce } from '../policies/policy-in-force.ts';
import { computeEffective, overlay, overridesOnPath } from './effective-template.ts';
import { inheritedIssues, overrideIssues, templateIssues, type BoundIssue } from './template-bounds.ts';
import { templateConflicts } from './template-conflicts.ts';

export type Templates = ReturnType<typeof createTemplates>;

type TemplateRow = typeof pipTemplates.$inferSelect;
type OverrideRow = typeof pipTemplateOverrides.$inferSelect;

export const DEFAULT_TEMPLATE_NAME = '集团标准改进计划模板';

const bounding = (p: PolicyInForce | null): BoundingPolicy => (p ? { id: p.id, version: p.version, title: p.title, ownerUnitId: p.ownerUnitId } : null);

/** Bound issues as one validation failure naming each field under `prefix` (e.g. body.settings). */
function rejectIssues(issues: BoundIssue[], prefix: string): void {
  if (issues.length === 0) return;
  const list: FieldIssue[] = issues.map((i) => ({ path: `${prefix}.${i.path}`, message: i.message }));
  throw new AppError('VALIDATION_FAILED', list.map((i) => `${i.path}: ${i.message}`).join('；'), { issues: list });
}

/** A save that started from another version than the stored one would silently undo someone's change. */
function stale(base: number | null | undefined, current: number | null, what: string): void {
  if (base === undefined || base === current) return;
  throw new AppError('CONFLICT', current === null ? `${what}已被删除，请刷新后再修改` : `${what}已被他人修改为第 ${current} 版，请刷新后再修改`, { currentVersion: current });
}

const presentTemplate = (t: TemplateRow): GroupTemplate => ({ id: t.id, ownerUnitId: t.ownerUnitId, name: t.name, version: t.version, settings: templateSettingsSchema.parse(t.settings), updatedAt: t.updatedAt.toISOString() });

/**
 * The group's PIP workflow template and the units' overrides. Group HR edits the template and
 * any override; an HR head or HRBP the overrides of units in their scope; HR roles and auditors
 * read in scope. A template saved while no policy is in force is allowed and shown as "not
 * bound by a policy" (policy: null): a new group can set up its workflow before its policy;
 * the policy, once published, is checked against it first (templateConflicts).
 */
export function createTemplates(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  const mayRead = (access: Access) => access.records === 'all' || access.records.length > 0;
  const isGroupHr = (access: Access) => access.roles.has('group_hr');

  async function groupRoot(exec: Db | Tx) {
    const [g] = await exec.select().from(orgUnits).where(isNull(orgUnits.parentId)).orderBy(asc(orgUnits.createdAt)).limit(1);
    if (!g) throw new AppError('CONFLICT', '还没有组织架构：请先建立集团');
    return g;
  }

  async function getGroup(access: Access): Promise<GroupTemplateView> {
    if (!mayRead(access)) throw new AppError('FORBIDDEN', '只有人力资源角色和审计可以查看流程模板');
    const root = await groupRoot(db);
    const [t] = await db.select().from(pipTemplates).where(eq(pipTemplates.ownerUnitId, root.id));
    return { template: t ? presentTemplate(t) : null, policy: bounding(await policyInForceFor(db, root.path)), canWrite: isGroupHr(access) };
  }

  /** Creates or changes the group template (a new version), after checking it and every existing override against it. */
  async function saveGroup(access: Access, ctx: AuditContext, input: SaveTemplate): Promise<GroupTemplateView> {
    if (!isGroupHr(access)) throw new AppError('FORBIDDEN', '只有集团 HR 可以修改集团流程模板');
    await db.transaction(async (tx) => {
      const root = await groupRoot(tx);
      const policy = await policyInForceFor(tx, root.path);
      rejectIssues(templateIssues(input.settings, policy?.settings ?? null), 'body.settings');
      const [before] = await tx.select().from(pipTemplates).where(eq(pipTemplates.ownerUnitId, root.id)).for('update');
      stale(input.baseVersion, before?.version ?? null, '模板');
      if (before) await checkOverridesStillFit(tx, before.id, input);
      const now = clock.now();
      const version = (before?.version ?? 0) + 1;
      const [row] = before
        ? await tx.update(pipTemplates).set({ name: input.name, settings: input.settings, version, updatedBy: ctx.actorId, updatedAt: now }).where(eq(pipTemplates.id, before.id)).returning()
        : await tx.insert(pipTemplates).values({ ownerUnitId: root.id, name: input.name, settings: input.settings, version, updatedBy: ctx.actorId, createdAt: now, updatedAt: now }).onConflictDoNothing().returning();
      if (!row) throw new AppError('CONFLICT', '模板刚被他人创建，请刷新后再修改');
      await audit.append(tx, ctx, {
        action: before ? 'template.update' : 'template.create',
        entityType: 'pip_template',
        entityId: row!.id,
        before: before ? { name: before.name, version: before.version, settings: before.settings } : null,
        after: { name: input.name, version, settings: input.settings, policy: bounding(policy) },
      });
      // after the write, so the check sees the new values (a refusal rolls it back)
      await checkSubsidiaryPolicies(tx, root.id);
    });
    return getGroup(access);
  }

  /** A template change must not strand an override: locking or narrowing a parameter a unit overrides is refused, naming the units. */
  async function checkOverridesStillFit(tx: Tx, templateId: string, input: SaveTemplate) {
    const rows = await tx.select({ unitId: orgUnits.id, unitName: orgUnits.name, path: orgUnits.path, values: pipTemplateOverrides.values }).from(pipTemplateOverrides).innerJoin(orgUnits, eq(orgUnits.id, pipTemplateOverrides.unitId)).where(eq(pipTemplateOverrides.templateId, templateId));
    const broken: { unitId: string; unitName: string; fields: string[] }[] = [];
    for (const r of rows) {
      const issues = overrideIssues(templateOverrideValuesSchema.parse(r.values), input.settings, null);
      if (issues.length > 0) broken.push({ unitId: r.unitId, unitName: r.unitName, fields: issues.map((i) => i.path) });
    }
    if (broken.length > 0) {
      throw new AppError('CONFLICT', `以下单位的覆盖将超出新的锁定或范围，请先调整或删除：${broken.map((b) => `${b.unitName}（${b.fields.join('、')}）`).join('；')}`, { overrides: broken });
    }
  }

  function presentOverride(o: OverrideRow, unit: { name: string; type: string }): TemplateOverride {
    return { id: o.id, unitId: o.unitId, unitName: unit.name, unitType: unit.type, version: o.version, values: templateOverrideValuesSchema.parse(o.values), updatedAt: o.updatedAt.toISOString() };
  }

  async function listOverrides(access: Access): Promise<TemplateOverride[]> {
    if (!mayRead(access)) throw new AppError('FORBIDDEN', '只有人力资源角色和审计可以查看流程模板');
    const rows = await db.select({ o: pipTemplateOverrides, unit: orgUnits }).from(pipTemplateOverrides).innerJoin(orgUnits, eq(orgUnits.id, pipTemplateOverrides.unitId)).where(pathInScope(sql`${orgUnits.path}`, access.records)).orderBy(asc(orgUnits.path));
    return rows.map((r) => presentOverride(r.o, r.unit));
  }

  /** A unit the caller may see (404 outside their records scope, like every scoped read). */
  async function visibleUnit(exec: Db | Tx, access: Access, unitId: string) {
    const [u] = await exec.select().from(orgUnits).where(eq(orgUnits.id, unitId));
    if (!u || !inScope(access.records, u.path)) throw new AppError('NOT_FOUND', `没有这个组织单元：${unitId}`);
    return u;
  }

  async function getOverride(access: Access, unitId: string): Promise<OverrideView> {
    if (!mayRead(access)) throw new AppError('FORBIDDEN', '只有人力资源角色和审计可以查看流程模板');
    const unit = await visibleUnit(db, access, unitId);
    const root = await groupRoot(db);
    const [t] = await db.select().from(pipTemplates).where(eq(pipTemplates.ownerUnitId, root.id));
    const [o] = t ? await db.select().from(pipTemplateOverrides).where(and(eq(pipTemplateOverrides.templateId, t.id), eq(pipTemplateOverrides.unitId, unit.id))) : [];
    const above = t ? (await overridesOnPath(db, t.id, unit.path)).filter((x) => x.unitId !== unit.id) : [];
    return {
      unitId: unit.id,
      unitName: unit.name,
      template: t ? presentTemplate(t) : null,
      override: o ? presentOverride(o, unit) : null,
      inherited: t ? overlay(templateSettingsSchema.parse(t.settings), above) : null,
      policy: bounding(await policyInForceFor(db, unit.path)),
      canWrite: unit.parentId !== null && inScope(access.hr, unit.path),
    };
  }

  async function writableUnit(tx: Tx, access: Access, unitId: string) {
    if (!mayRead(access)) throw new AppError('FORBIDDEN', '只有集团 HR，或该单位范围内的 HR 负责人、HRBP 可以修改它的模板覆盖');
    const unit = await visibleUnit(tx, access, unitId);
    if (!inScope(access.hr, unit.path)) throw new AppError('FORBIDDEN', '只有集团 HR，或该单位范围内的 HR 负责人、HRBP 可以修改它的模板覆盖');
    if (unit.parentId === null) throw new AppError('VALIDATION_FAILED', '集团本身使用集团模板，不能设置覆盖', { issues: [{ path: 'params.unitId', message: '集团本身使用集团模板，不能设置覆盖' }] });
    const root = await groupRoot(tx);
    const [t] = await tx.select().from(pipTemplates).where(eq(pipTemplates.ownerUnitId, root.id)).for('update');
    if (!t) throw new AppError('CONFLICT', '集团尚未设置改进计划模板：请集团 HR 先保存模板');
    return { unit, template: t };
  }

  /** Saves a unit's override: only unlocked parameters, within the template's bounds and the policy in force for the unit. */
  async function saveOverride(access: Access, ctx: AuditContext, unitId: string, input: SaveOverride): Promise<OverrideView> {
    await db.transaction(async (tx) => {
      const { unit, template } = await writableUnit(tx, access, unitId);
      const policy = await policyInForceFor(tx, unit.path);
      const settings = templateSettingsSchema.parse(template.settings);
      const issues = overrideIssues(input.values, settings, policy?.settings ?? null);
      if (policy) issues.push(...inheritedIssues(await inheritedAt(tx, template.id, settings, unit), input.values, settings.locked, policy.settings));
      rejectIssues(issues, 'body');
      const [before] = await tx.select().from(pipTemplateOverrides).where(and(eq(pipTemplateOverrides.templateId, template.id), eq(pipTemplateOverrides.unitId, unit.id))).for('update');
      stale(input.baseVersion, before?.version ?? null, '该单位的覆盖');
      const now = clock.now();
      const version = (before?.version ?? 0) + 1;
      const [row] = before
        ? await tx.update(pipTemplateOverrides).set({ values: input.values, version, updatedBy: ctx.actorId, updatedAt: now }).where(eq(pipTemplateOverrides.id, before.id)).returning()
        : await tx.insert(pipTemplateOverrides).values({ templateId: template.id, unitId: unit.id, values: input.values, version, updatedBy: ctx.actorId, createdAt: now, updatedAt: now }).returning();
      await audit.append(tx, ctx, {
        action: before ? 'template_override.update' : 'template_override.create',
        entityType: 'pip_template_override',
        entityId: row!.id,
        before: before ? { unitId: unit.id, version: before.version, values: before.values } : null,
        after: { unitId: unit.id, version, values: input.values, templateVersion: template.version, policy: bounding(policy) },
      });
    });
    return getOverride(access, unitId);
  }

  async function deleteOverride(access: Access, ctx: AuditContext, unitId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const { unit, template } = await writableUnit(tx, access, unitId);
      const [before] = await tx.delete(pipTemplateOverrides).where(and(eq(pipTemplateOverrides.templateId, template.id), eq(pipTemplateOverrides.unitId, unit.id))).returning();
      if (!before) throw new AppError('NOT_FOUND', '这个单位没有模板覆盖');
      // without the override the unit inherits again: what it would inherit must fit its policy
      const policy = await policyInForceFor(tx, unit.path);
      const settings = templateSettingsSchema.parse(template.settings);
      const broken = policy ? inheritedIssues(await inheritedAt(tx, template.id, settings, unit), {}, settings.locked, policy.settings) : [];
      if (broken.length > 0) throw new AppError('CONFLICT', `删除后本单位沿用的值不符合其适用的制度：${broken.map((b) => b.message).join('；')}`, { issues: broken });
      await audit.append(tx, ctx, { action: 'template_override.delete', entityType: 'pip_template_override', entityId: before.id, before: { unitId: unit.id, version: before.version, values: before.values }, after: null });
    });
  }

  /** What a unit gets from the template and the overrides above it (its own left out). */
  async function inheritedAt(tx: Tx, templateId: string, settings: SaveTemplate['settings'], unit: { id: string; path: string }) {
    const above = (await overridesOnPath(tx, templateId, unit.path)).filter((o) => o.unitId !== unit.id);
    return overlay(settings, above).values;
  }

  /**
   * A subsidiary with its own policy in force gets the group template's values where it does not
   * override them: a template change must fit those policies too (named by the subsidiary).
   */
  async function checkSubsidiaryPolicies(tx: Tx, rootId: string) {
    const owners = await tx
      .select({ unitId: orgUnits.id, unitName: orgUnits.name, version: policyVersions.version, settings: policyVersions.settings })
      .from(policyVersions)
      .innerJoin(orgUnits, eq(orgUnits.id, policyVersions.ownerUnitId))
      .where(and(eq(policyVersions.state, 'in_force'), ne(policyVersions.ownerUnitId, rootId)))
      .orderBy(asc(orgUnits.path));
    const issues: BoundIssue[] = [];
    for (const o of owners) {
      const conflicts = await templateConflicts(tx, o.unitId, policySettingsSchema.parse(o.settings));
      for (const c of conflicts.filter((x) => x.overrideUnitId === null)) {
        for (const f of c.fields) issues.push({ path: f, message: `不符合「${o.unitName}」的制度（第 ${o.version} 版）：该单位沿用此值，请先为它设置覆盖或调整此值` });
      }
    }
    rejectIssues(issues, 'body.settings');
  }

  /** The effective template for an employee (not stored): HR and auditors in scope, and the employee's manager chain. */
  async function effective(access: Access, employeeId: string): Promise<EffectiveTemplate> {
    const [e] = await db.select({ id: employees.id, orgPath: employees.orgPath, reportPath: employees.reportPath }).from(employees).where(eq(employees.id, employeeId));
    const managerChain = e !== undefined && access.reportPath !== null && e.id !== access.employeeId && e.reportPath.startsWith(access.reportPath);
    if (!e || !(inScope(access.records, e.orgPath) || managerChain)) throw new AppError('NOT_FOUND', `没有这名员工：${employeeId}`);
    const { overrides: _overrides, ...view } = await computeEffective(db, employeeId);
    return view;
  }

  /**
   * First start with demo data: a default template inside the group's policy, when one is in
   * force and no template exists yet (otherwise group HR creates it in the UI).
   */
  async function ensureDefault(tx: Tx, ctx: AuditContext): Promise<boolean> {
    const [root] = await tx.select().from(orgUnits).where(isNull(orgUnits.parentId)).orderBy(asc(orgUnits.createdAt)).limit(1);
    if (!root) return false;
    const policy = await policyInForceFor(tx, root.path);
    if (!policy || policy.ownerUnitId !== root.id) return false;
    const [existing] = await tx.select({ id: pipTemplates.id }).from(pipTemplates).where(eq(pipTemplates.ownerUnitId, root.id));
    if (existing) return false;
    const settings = defaultTemplateSettings(policy.settings);
    const now = clock.now();
    const [row] = await tx.insert(pipTemplates).values({ ownerUnitId: root.id, name: DEFAULT_TEMPLATE_NAME, settings, version: 1, createdAt: now, updatedAt: now }).returning();
    await audit.append(tx, ctx, { action: 'template.create', entityType: 'pip_template', entityId: row!.id, after: { name: DEFAULT_TEMPLATE_NAME, version: 1, settings, policy: bounding(policy) } });
    return true;
  }

  return { getGroup, saveGroup, listOverrides, getOverride, saveOverride, deleteOverride, effective, ensureDefault };
}
