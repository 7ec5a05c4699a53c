import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '@uplift/contract';
import { queryRows, type Db } from '../../db/client.ts';
import { employees } from '../../db/schema/index.ts';
import type { Actor } from '../auth/auth.service.ts';

/** A set of org subtrees, by path prefix; 'all' is the whole group. */
export type PathScope = 'all' | string[];

/**
 * What the caller may see and change, resolved once per request from their grants and their
 * own employee record. Every list, count, read and write applies it inside its SQL.
 */
export type Access = {
  userId: string;
  username: string;
  roles: Set<Role>;
  employeeId: string | null;
  /** The caller's own reporting-line path: their reports at any depth lie under it. */
  reportPath: string | null;
  /** HR rights (group_hr, hr_head, hrbp): read unmasked, write people. */
  hr: PathScope;
  /** Read-only records (HR roles and auditors). */
  records: PathScope;
  /** Aggregates only (executives, and everyone who may read records). */
  aggregates: PathScope;
  /** Organisation writes (group_hr everywhere, hr_head in their subsidiary). */
  orgWrite: PathScope;
  isManager: boolean;
};

const union = (a: PathScope, b: PathScope): PathScope => (a === 'all' || b === 'all' ? 'all' : [...new Set([...a, ...b])]);

/** Loads the caller's grants (with their units' paths) and employee record: one round trip per request. */
export async function loadAccess(db: Db, actor: Actor): Promise<Access> {
  const [row] = await queryRows<{ grants: { role: string; path: string | null }[]; employee_id: string | null; report_path: string | null; is_manager: boolean }>(
    db,
    sql`
      select
        coalesce((select json_agg(json_build_object('role', g.role, 'path', u.path))
                  from role_grants g left join org_units u on u.id = g.unit_id where g.user_id = ${actor.id}), '[]'::json) as grants,
        e.id as employee_id, e.report_path,
        coalesce(exists (select 1 from employees r where r.manager_id = e.id and r.status <> 'left'), false) as is_manager
      from (select 1) as one left join employees e on e.user_id = ${actor.id}`,
  );
  const grants = row?.grants ?? [];
  const scopeOf = (...names: Role[]): PathScope => {
    let s: PathScope = [];
    for (const g of grants) if (names.includes(g.role as Role)) s = union(s, g.path === null ? 'all' : [g.path]);
    return s;
  };
  const self = row?.employee_id ? { id: row.employee_id, reportPath: row.report_path ?? '' } : null;
  const hr = scopeOf('group_hr', 'hr_head', 'hrbp');
  const records = union(hr, scopeOf('auditor'));
  return {
    userId: actor.id,
    username: actor.username,
    roles: new Set(grants.map((g) => g.role as Role).concat(actor.roles)),
    employeeId: self?.id ?? null,
    reportPath: self?.reportPath || null,
    hr,
    records,
    aggregates: union(records, scopeOf('executive')),
    orgWrite: union(scopeOf('group_hr'), scopeOf('hr_head')),
    isManager: row?.is_manager ?? false,
  };
}

/** True when `path` lies inside the scope. */
export function inScope(scope: PathScope, path: string): boolean {
  return scope === 'all' || scope.some((p) => path.startsWith(p));
}

/** SQL: the path column lies inside the scope (false for an empty scope). */
export function pathInScope(column: SQL | typeof employees.orgPath, scope: PathScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return sql`(${sql.join(scope.map((p) => sql`${column} like ${`${p}%`}`), sql` or `)})`;
}

/**
 * SQL: the employee row `e` is visible to the caller — inside their records scope, their own
 * record, or one of their (indirect) reports.
 */
export function employeeVisible(access: Access): SQL {
  if (access.records === 'all') return sql`true`;
  const parts: SQL[] = [pathInScope(employees.orgPath, access.records)];
  if (access.employeeId) {
    // self and, for a manager, everyone below on the reporting line: one index range
    if (access.isManager && access.reportPath) parts.push(sql`${employees.reportPath} like ${`${access.reportPath}%`}`);
    else parts.push(sql`${employees.id} = ${access.employeeId}`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}
