import { sql } from 'drizzle-orm';
import { policySettingsSchema, type PolicySettings } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';

/** The version in force that governs a unit: the nearest owner on its org path (a subsidiary's, else the group's). */
export type PolicyInForce = {
  id: string;
  ownerUnitId: string;
  ownerPath: string;
  version: number;
  title: string;
  effectiveFrom: string | null;
  settings: PolicySettings;
};

/**
 * Finds the policy in force for the unit at `unitPath` ('/<id>/…/'), or null when no owner on
 * the path has one. The nearest owner wins: a subsidiary's policy narrows the group's, so it
 * is the one that applies to its people.
 */
export async function policyInForceFor(db: Db | Tx, unitPath: string): Promise<PolicyInForce | null> {
  const [row] = await queryRows<{ id: string; owner_unit_id: string; owner_path: string; version: number; title: string; effective_from: string | null; settings: unknown }>(
    db as Db,
    sql`
      select v.id, v.owner_unit_id, u.path as owner_path, v.version, v.title, v.effective_from::text as effective_from, v.settings
      from policy_versions v join org_units u on u.id = v.owner_unit_id
      where v.state = 'in_force' and ${unitPath} like u.path || '%'
      order by u.depth desc
      limit 1`,
  );
  if (!row) return null;
  return {
    id: row.id,
    ownerUnitId: row.owner_unit_id,
    ownerPath: row.owner_path,
    version: row.version,
    title: row.title,
    effectiveFrom: row.effective_from,
    settings: policySettingsSchema.parse(row.settings),
  };
}
