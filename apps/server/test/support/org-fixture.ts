import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { employees, orgUnitHrbps, orgUnits, roleGrants, users } from '../../src/db/schema/index.ts';
import type { FieldCrypto } from '../../src/lib/field-crypto.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';
import { rebuildReportPaths } from '../../src/modules/people/reporting-line.ts';

export const FIXTURE_PASSWORD = 'Passw0rd-123';

type Unit = { id: string; path: string; code: string };
type Person = { id: string; employeeNo: string; userId: string | null; username: string | null };

/**
 * A small group for scope tests, built with its parents:
 *   G (group) ─ A (subsidiary, Shanghai) ─ A1 (department) ─ A1T (team)
 *             │                        └ A2 (department)
 *             └ B (subsidiary, Shenzhen) ─ B1 (department)
 * People: ceo (G), aLead (A, manages A1 lead), a1Lead (A1, manager of a1Dev and a1TLead), a1TLead (A1T) → a1TDev,
 * a2Dev (A2), bLead (B), b1Dev (B1). Accounts: admin-like roles are granted to the named users.
 */
export async function buildOrgFixture(db: Db, crypto: FieldCrypto) {
  const now = new Date('2026-03-01T00:00:00Z');
  const unit = (code: string, type: string, parent: Unit | null, city: string): Unit & { row: typeof orgUnits.$inferInsert } => {
    const id = randomUUID();
    const path = `${parent?.path ?? '/'}${id}/`;
    return { id, path, code, row: { id, code, name: `单元${code}`, type, parentId: parent?.id ?? null, path, depth: path.split('/').filter(Boolean).length - 1, city, createdAt: now, updatedAt: now } };
  };
  const G = unit('G', 'group', null, '上海');
  const A = unit('A', 'subsidiary', G, '上海');
  const A1 = unit('A1', 'department', A, '上海');
  const A1T = unit('A1T', 'team', A1, '上海');
  const A2 = unit('A2', 'department', A, '上海');
  const B = unit('B', 'subsidiary', G, '深圳');
  const B1 = unit('B1', 'department', B, '深圳');
  const units = { G, A, A1, A1T, A2, B, B1 };
  await db.insert(orgUnits).values(Object.values(units).map((u) => u.row));

  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const people: Record<string, Person> = {};
  let n = 0;
  const person = async (key: string, u: Unit, managerKey: string | null, username: string | null) => {
    n++;
    const id = randomUUID();
    let userId: string | null = null;
    if (username) {
      userId = randomUUID();
      await db.insert(users).values({ id: userId, username, displayName: key, passwordHash, roles: [], createdAt: now, updatedAt: now });
    }
    const employeeNo = `T${String(n).padStart(4, '0')}`;
    const mobile = `138${String(10000000 + n).slice(-8)}`;
    await db.insert(employees).values({
      id,
      employeeNo,
      name: `员工${key}`,
      gender: n % 2 ? 'male' : 'female',
      unitId: u.id,
      orgPath: u.path,
      position: '工程师',
      grade: 'P5',
      managerId: managerKey ? people[managerKey]!.id : null,
      hireDate: '2024-01-01',
      serviceStartDate: '2024-01-01',
      status: 'active',
      mobileEnc: crypto.encrypt(mobile),
      mobileBidx: crypto.blindIndex(mobile),
      nationalIdEnc: crypto.encrypt(`11010119900101${String(1000 + n)}`),
      createdAt: now,
      updatedAt: now,
      userId,
    });
    people[key] = { id, employeeNo, userId, username };
  };
  await person('ceo', G, null, 'f-ceo');
  await person('aLead', A, 'ceo', null);
  await person('a1Lead', A1, 'aLead', 'f-manager');
  await person('a1Dev', A1, 'a1Lead', 'f-employee');
  await person('a1TLead', A1T, 'a1Lead', null);
  await person('a1TDev', A1T, 'a1TLead', null);
  await person('a2Dev', A2, 'aLead', null);
  await person('aHr', A, 'aLead', 'f-hrhead');
  await person('a1Hrbp', A, 'aHr', 'f-hrbp');
  await person('groupHr', G, 'ceo', 'f-grouphr');
  await person('auditor', G, 'ceo', 'f-auditor');
  await person('bLead', B, 'ceo', 'f-bhrbp');
  await person('b1Dev', B1, 'bLead', null);
  await db.insert(orgUnitHrbps).values({ unitId: A1.id, employeeId: people.a1Hrbp!.id });
  await db.transaction((tx) => rebuildReportPaths(tx));

  const grant = async (key: string, role: string, u: Unit | null) => {
    await db.insert(roleGrants).values({ userId: people[key]!.userId!, role, unitId: u?.id ?? null, createdAt: now });
  };
  await grant('groupHr', 'group_hr', null);
  await grant('aHr', 'hr_head', A);
  await grant('a1Hrbp', 'hrbp', A1);
  await grant('bLead', 'hrbp', B);
  await grant('auditor', 'auditor', null);
  await grant('ceo', 'executive', null);
  return { units, people };
}

export type OrgFixture = Awaited<ReturnType<typeof buildOrgFixture>>;
