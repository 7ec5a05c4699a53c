import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { employees, orgUnits } from '../db/schema/index.ts';
import type { SimDepartment, SimState, SimUser } from './sim.state.ts';

/**
 * Mirrors the org into the simulated corp: units with a WeCom dept id become departments
 * (under the nearest ancestor that has one, else the root 1), employees with a WeCom userid
 * become members of their unit's department, with their manager as direct leader.
 */
export async function seedFromDatabase(s: SimState, db: Db): Promise<{ departments: number; users: number }> {
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name, nameEn: orgUnits.nameEn, parentId: orgUnits.parentId, order: orgUnits.sortOrder, deptId: orgUnits.wecomDeptId, leaderId: orgUnits.leaderId })
    .from(orgUnits)
    .where(eq(orgUnits.active, true));
  const people = await db
    .select({ id: employees.id, no: employees.employeeNo, name: employees.name, gender: employees.gender, position: employees.position, unitId: employees.unitId, managerId: employees.managerId, status: employees.status, userid: employees.wecomUserId })
    .from(employees);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const deptOf = (unitId: string | null): number => {
    for (let cur = unitId ? unitById.get(unitId) : undefined, hops = 0; cur && hops < 64; cur = cur.parentId ? unitById.get(cur.parentId) : undefined, hops++) {
      if (cur.deptId !== null) return cur.deptId;
    }
    return 1;
  };
  const useridOf = new Map(people.filter((p) => p.userid).map((p) => [p.id, p.userid!.toLowerCase()]));

  const departments = new Map<number, SimDepartment>([[1, { id: 1, name: '企业', name_en: 'Corp', parentid: 0, order: 0, department_leader: [] }]]);
  for (const u of units) {
    if (u.deptId === null) continue;
    const leader = u.leaderId ? useridOf.get(u.leaderId) : undefined;
    departments.set(u.deptId, {
      id: u.deptId,
      name: u.name,
      name_en: u.nameEn ?? '',
      parentid: u.deptId === 1 ? 0 : deptOf(u.parentId),
      // WeCom sorts larger first
      order: 100_000_000 - u.order,
      department_leader: leader ? [leader] : [],
    });
  }
  const users = new Map<string, SimUser>();
  for (const p of people) {
    if (!p.userid) continue;
    const dept = deptOf(p.unitId);
    const unit = unitById.get(p.unitId);
    const manager = p.managerId ? useridOf.get(p.managerId) : undefined;
    const digits = p.no.replace(/\D/g, '').padStart(8, '0').slice(-8);
    users.set(p.userid.toLowerCase(), {
      userid: p.userid.toLowerCase(),
      name: p.name,
      department: [dept],
      main_department: dept,
      is_leader_in_dept: [unit?.leaderId === p.id ? 1 : 0],
      direct_leader: manager ? [manager] : [],
      position: p.position,
      status: p.status === 'left' ? 5 : 1,
      mobile: `139${digits}`,
      email: `${p.userid.toLowerCase()}@example.com`,
      gender: p.gender === 'male' ? '1' : p.gender === 'female' ? '2' : '0',
    });
  }
  s.departments = departments;
  s.users = users;
  s.seeded = true;
  return { departments: departments.size, users: users.size };
}
