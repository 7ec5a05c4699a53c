import { inArray, sql, type SQL } from 'drizzle-orm';
import type { PolicySettings } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits } from '../../db/schema/index.ts';
import { type Access, type PathScope } from '../access/access.ts';
import { pgArray } from '../performance/rules.match.ts';

/** A version's scope resolved to paths: what the SQL and the in-memory check need. */
export type ResolvedScope = { ownerPath: string; unitPaths: string[]; settings: PolicySettings };

/** Paths of the given units (unknown ids are left out). */
export async function unitPaths(exec: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await exec.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.path]));
}

export async function resolveScope(exec: Db | Tx, ownerPath: string, settings: PolicySettings): Promise<ResolvedScope> {
  const paths = await unitPaths(exec, settings.scope.unitIds);
  return { ownerPath, unitPaths: [...paths.values()], settings };
}

/**
 * SQL over employees `e`: the people a version applies to — inside the owner (and its scope
 * units, when listed), of the listed positions and grades, not in an excluded status, not left.
 */
export function inScopeSql(s: ResolvedScope): SQL {
  const c = s.settings.scope;
  const conds: SQL[] = [sql`e.status <> 'left'`, sql`e.org_path like ${`${s.ownerPath}%`}`];
  if (c.unitIds.length) conds.push(s.unitPaths.length ? sql`(${sql.join(s.unitPaths.map((p) => sql`e.org_path like ${`${p}%`}`), sql` or `)})` : sql`false`);
  if (c.positions.length) conds.push(sql`e.position = any(${pgArray(c.positions, 'text')})`);
  if (c.grades.length) conds.push(sql`e.grade = any(${pgArray(c.grades, 'text')})`);
  if (c.excludedStatuses.length) conds.push(sql`e.status <> all(${pgArray(c.excludedStatuses, 'text')})`);
  return sql`(${sql.join(conds, sql` and `)})`;
}

/** The same test for one employee in memory. */
export function employeeInScope(s: ResolvedScope, e: { orgPath: string; position: string; grade: string; status: string }): boolean {
  const c = s.settings.scope;
  if (e.status === 'left' || !e.orgPath.startsWith(s.ownerPath)) return false;
  if (c.unitIds.length && !s.unitPaths.some((p) => e.orgPath.startsWith(p))) return false;
  if (c.positions.length && !c.positions.includes(e.position)) return false;
  if (c.grades.length && !c.grades.includes(e.grade)) return false;
  return !(c.excludedStatuses as readonly string[]).includes(e.status);
}

/** Policies are read by HR roles and auditors whose scope overlaps the owner's subtree (its ancestors' policies bind them too). */
export function mayReadOwner(access: Access, ownerPath: string): boolean {
  return overlaps(access.records, ownerPath);
}

export function overlaps(scope: PathScope, ownerPath: string): boolean {
  return scope === 'all' || scope.some((p) => p.startsWith(ownerPath) || ownerPath.startsWith(p));
}
