import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { employees } from '../../db/schema/index.ts';

/** Recomputes every reporting-line path from the managers, set-based (after a bulk load). */
export async function rebuildReportPaths(tx: Db | Tx): Promise<void> {
  await tx.execute(sql`
    with recursive line(id, p) as (
      select id, '/' || id::text || '/' from employees where manager_id is null
      union all
      select e.id, line.p || e.id::text || '/' from employees e join line on e.manager_id = line.id
    )
    update employees set report_path = line.p from line where employees.id = line.id and employees.report_path is distinct from line.p`);
}

/** The reporting-line path a person gets under `managerId` (null: top of the line). */
export async function reportPathUnder(tx: Tx, employeeId: string, managerId: string | null): Promise<string> {
  if (!managerId) return `/${employeeId}/`;
  const [m] = await tx.select({ reportPath: employees.reportPath }).from(employees).where(eq(employees.id, managerId));
  return `${m?.reportPath ?? `/${managerId}/`}${employeeId}/`;
}

/** Re-hangs a person, and everyone below them, under a new manager: one prefix rewrite. */
export async function moveReportingLine(tx: Tx, employeeId: string, newManagerId: string | null): Promise<void> {
  const [e] = await tx.select({ reportPath: employees.reportPath }).from(employees).where(eq(employees.id, employeeId));
  if (!e) return;
  const oldPath = e.reportPath || `/${employeeId}/`;
  const newPath = await reportPathUnder(tx, employeeId, newManagerId);
  await tx.execute(sql`update employees set report_path = ${newPath} || substr(report_path, ${oldPath.length + 1}) where report_path like ${`${oldPath}%`}`);
  await tx.update(employees).set({ managerId: newManagerId }).where(eq(employees.id, employeeId));
}
