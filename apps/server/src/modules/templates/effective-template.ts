import { and, eq, sql } from 'drizzle-orm';
import {
  templateOverrideValuesSchema,
  templateParamKeys,
  templateSettingsSchema,
  type BoundingPolicy,
  type EffectiveTemplate,
  type TemplateOverrideValues,
  type TemplateParamKey,
  type TemplateSettings,
  type TemplateValues,
  type ValueSource,
} from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { employees, orgUnits, pipTemplateOverrides, pipTemplates } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import { policyInForceFor } from '../policies/policy-in-force.ts';
import { loadApprovers, resolveChain } from './approval-chain.ts';
import { valueWithinPolicy } from './template-bounds.ts';

export type PathOverride = { id: string; unitId: string; unitName: string; depth: number; version: number; values: TemplateOverrideValues };
export type TemplateRow = { id: string; ownerUnitId: string; name: string; version: number; settings: TemplateSettings };

/**
 * The template overlaid by the overrides on a path, pure: the nearest unit (deepest) wins, a
 * locked parameter always keeps the template's value. Each value names where it came from.
 */
export function overlay(template: TemplateSettings, overrides: readonly PathOverride[]): { values: TemplateValues; sources: Record<TemplateParamKey, ValueSource> } {
  const values: TemplateValues = { ...template.values };
  const sources = Object.fromEntries(templateParamKeys.map((k) => [k, { kind: 'template' }])) as Record<TemplateParamKey, ValueSource>;
  for (const o of [...overrides].sort((a, b) => a.depth - b.depth)) {
    for (const k of templateParamKeys) {
      const v = o.values[k];
      if (v === undefined || template.locked.includes(k)) continue;
      (values as Record<TemplateParamKey, unknown>)[k] = v;
      sources[k] = { kind: 'override', unitId: o.unitId, unitName: o.unitName };
    }
  }
  return { values, sources };
}

/** The group template that governs a path: the one owned by the path's root unit (null when none yet). */
export async function templateForPath(exec: Db | Tx, path: string): Promise<TemplateRow | null> {
  const rootId = path.split('/').filter(Boolean)[0];
  if (!rootId) return null;
  const [t] = await exec.select().from(pipTemplates).where(eq(pipTemplates.ownerUnitId, rootId));
  return t ? { id: t.id, ownerUnitId: t.ownerUnitId, name: t.name, version: t.version, settings: templateSettingsSchema.parse(t.settings) } : null;
}

/** The overrides of a template on the units of `path` (the unit itself and its ancestors). */
export async function overridesOnPath(exec: Db | Tx, templateId: string, path: string): Promise<PathOverride[]> {
  const rows = await exec
    .select({ id: pipTemplateOverrides.id, unitId: orgUnits.id, unitName: orgUnits.name, depth: orgUnits.depth, version: pipTemplateOverrides.version, values: pipTemplateOverrides.values })
    .from(pipTemplateOverrides)
    .innerJoin(orgUnits, eq(orgUnits.id, pipTemplateOverrides.unitId))
    .where(and(eq(pipTemplateOverrides.templateId, templateId), sql`${path} like ${orgUnits.path} || '%'`))
    .orderBy(orgUnits.depth);
  return rows.map((r) => ({ ...r, values: templateOverrideValuesSchema.parse(r.values) }));
}

export type EffectiveResult = EffectiveTemplate & { overrides: { unitId: string; version: number }[] };

/** The effective template for one employee now: values with their sources and the approval chain resolved to people. */
export async function computeEffective(exec: Db | Tx, employeeId: string): Promise<EffectiveResult> {
  const [e] = await exec
    .select({ id: employees.id, name: employees.name, employeeNo: employees.employeeNo, grade: employees.grade, orgPath: employees.orgPath, managerId: employees.managerId, unitName: orgUnits.name })
    .from(employees)
    .innerJoin(orgUnits, eq(orgUnits.id, employees.unitId))
    .where(eq(employees.id, employeeId));
  if (!e) throw new AppError('NOT_FOUND', `没有这名员工：${employeeId}`);
  const template = await templateForPath(exec, e.orgPath);
  if (!template) throw new AppError('CONFLICT', '集团尚未设置改进计划模板：请集团 HR 先在「流程模板」中保存模板');
  const overrides = await overridesOnPath(exec, template.id, e.orgPath);
  const policy = await policyInForceFor(exec, e.orgPath);
  const { values, sources } = overlay(template.settings, overrides);
  const chain = resolveChain(values.approvalChain.nodes, e.grade, await loadApprovers(exec, e));
  const bounding: BoundingPolicy = policy ? { id: policy.id, version: policy.version, title: policy.title, ownerUnitId: policy.ownerUnitId } : null;
  return {
    employee: { id: e.id, name: e.name, employeeNo: e.employeeNo, grade: e.grade, unitName: e.unitName },
    templateId: template.id,
    templateVersion: template.version,
    policy: bounding,
    values,
    sources,
    locked: template.settings.locked,
    approvalChain: chain.nodes,
    chainComplete: chain.complete,
    policyIssues: policy ? templateParamKeys.flatMap((k) => valueWithinPolicy(k, values[k], policy.settings, `values.${k}`)) : [],
    overrides: overrides.filter((o) => templateParamKeys.some((k) => o.values[k] !== undefined)).map((o) => ({ unitId: o.unitId, version: o.version })),
  };
}
