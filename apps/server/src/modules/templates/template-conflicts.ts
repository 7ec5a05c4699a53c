import { eq, sql } from 'drizzle-orm';
import { templateOverrideValuesSchema, templateParamKeys, type PolicySettings } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { orgUnits, pipTemplateOverrides } from '../../db/schema/index.ts';
import { overlay, overridesOnPath, templateForPath } from './effective-template.ts';
import { templateIssues, valueWithinPolicy } from './template-bounds.ts';

export type TemplateConflict = { templateId: string; name: string; fields: string[]; overrideUnitId: string | null };

/**
 * The template and overrides that new policy `settings` of the owner unit would invalidate,
 * each with the fields that break it — for the policies module to list before it publishes.
 * Overrides under a deeper owner with its own policy in force are that policy's business. For
 * a subsidiary's policy, the values its people inherit from the group template (or overrides
 * above the subsidiary) are checked too, attributed to where they come from.
 */
export async function templateConflicts(tx: Db | Tx, ownerUnitId: string, settings: PolicySettings): Promise<TemplateConflict[]> {
  const [owner] = await tx.select().from(orgUnits).where(eq(orgUnits.id, ownerUnitId));
  if (!owner) return [];
  const template = await templateForPath(tx, owner.path);
  if (!template) return [];
  const out: TemplateConflict[] = [];
  const add = (c: TemplateConflict) => {
    const same = out.find((x) => x.overrideUnitId === c.overrideUnitId);
    if (same) same.fields = [...new Set([...same.fields, ...c.fields])];
    else if (c.fields.length > 0) out.push(c);
  };

  if (template.ownerUnitId === owner.id) {
    add({ templateId: template.id, name: template.name, fields: templateIssues(template.settings, settings).map((i) => i.path), overrideUnitId: null });
  } else {
    // what the owner's people get at the owner unit: the template and the overrides down to it
    const { values, sources } = overlay(template.settings, await overridesOnPath(tx, template.id, owner.path));
    for (const k of templateParamKeys) {
      const fields = valueWithinPolicy(k, values[k], settings, `values.${k}`).map((i) => i.path);
      const src = sources[k];
      if (src.kind === 'template') add({ templateId: template.id, name: template.name, fields, overrideUnitId: null });
      else add({ templateId: template.id, name: `${template.name}（${src.unitName}）`, fields, overrideUnitId: src.unitId });
    }
  }

  // overrides at the owner and below, unless a deeper owner's own policy governs them
  const rows = await queryRows<{ unit_id: string; unit_name: string; values: unknown; governed_deeper: boolean }>(
    tx as Db,
    sql`
      select o.unit_id, u.name as unit_name, o.values,
        exists (select 1 from policy_versions v join org_units pu on pu.id = v.owner_unit_id
                where v.state = 'in_force' and u.path like pu.path || '%' and pu.depth > ${owner.depth}) as governed_deeper
      from ${pipTemplateOverrides} o join ${orgUnits} u on u.id = o.unit_id
      where o.template_id = ${template.id} and u.path like ${`${owner.path}%`}
      order by u.depth, u.code`,
  );
  for (const r of rows) {
    if (r.governed_deeper) continue;
    const values = templateOverrideValuesSchema.parse(r.values);
    const fields = templateParamKeys.flatMap((k) => {
      const v = values[k];
      return v === undefined || template.settings.locked.includes(k) ? [] : valueWithinPolicy(k, v, settings, `values.${k}`).map((i) => i.path);
    });
    add({ templateId: template.id, name: `${template.name}（${r.unit_name}）`, fields, overrideUnitId: r.unit_id });
  }
  return out;
}
