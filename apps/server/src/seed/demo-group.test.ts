import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { manualClock } from '../lib/clock.ts';
import { createFieldCrypto } from '../lib/field-crypto.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { loadDemoGroup, type DemoGroupSummary } from './demo-group.ts';

const clock = manualClock('2026-01-05T01:00:00.000Z');
const crypto = createFieldCrypto('demo-group-test-secret-0123456789abcdef');
let passwordHash: string;
let tdb: TestDatabase;
let summary: DemoGroupSummary;
let loadMs: number;

const q = <T = Record<string, unknown>>(query: SQL) => queryRows<T>(tdb.database.db, query);
const load = (t: TestDatabase, options: { employees?: number } = {}) =>
  t.database.db.transaction((tx) => loadDemoGroup(tx, { clock, crypto, passwordHash, seed: 42, ...options }));
const roster = (t: TestDatabase) =>
  queryRows<{ employee_no: string; name: string; code: string; manager_no: string | null }>(
    t.database.db,
    sql`select e.employee_no, e.name, u.code, m.employee_no as manager_no
        from employees e join org_units u on u.id = e.unit_id left join employees m on m.id = e.manager_id
        order by e.employee_no`,
  );

beforeAll(async () => {
  passwordHash = await hashPassword('Uplift#2026');
  tdb = await createTestDatabase();
  const started = performance.now();
  summary = await load(tdb);
  loadMs = performance.now() - started;
});
afterAll(async () => {
  await tdb.destroy();
});

describe('demo group (星河集团)', () => {
  it('loads about 2,000 employees in one transaction, quickly', async () => {
    const [counts] = await q<{ units: number; employees: number; contracts: number }>(
      sql`select (select count(*)::int from org_units) as units, (select count(*)::int from employees) as employees, (select count(*)::int from labor_contracts) as contracts`,
    );
    expect(counts).toEqual({ units: summary.units, employees: 2000, contracts: summary.contracts });
    expect(summary.employees).toBe(2000);
    expect(summary.contracts).toBeGreaterThanOrEqual(2000);
    expect(loadMs).toBeLessThan(15_000);
  });

  it('has subsidiaries in at least four cities, each a legal employer with an HR head', async () => {
    const subs = await q<{ name: string; city: string; legal_name: string | null; credit_code: string | null; hr_dept: string | null }>(
      sql`select s.name, s.city, s.legal_name, s.credit_code, hr.code as hr_dept
          from org_units s left join employees h on h.id = s.hr_head_id left join org_units hr on hr.id = h.unit_id
          where s.type = 'subsidiary'`,
    );
    expect(subs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(subs.map((s) => s.city)).size).toBeGreaterThanOrEqual(4);
    for (const s of subs) {
      expect(s.legal_name).toMatch(/有限公司$/);
      expect(s.credit_code).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      expect(s.hr_dept, `${s.name} has an HR head in its HR department`).toMatch(/-HR$/);
    }
  });

  it('keeps paths consistent: every employee sits at its unit path, under the root', async () => {
    const [root] = await q<{ id: string; path: string }>(sql`select id, path from org_units where parent_id is null`);
    expect(root!.path).toBe(`/${root!.id}/`);
    const badUnits = await q(sql`select c.code from org_units c join org_units p on p.id = c.parent_id where c.path <> p.path || c.id::text || '/' or c.depth <> p.depth + 1`);
    expect(badUnits).toEqual([]);
    const badPeople = await q(
      sql`select e.employee_no from employees e join org_units u on u.id = e.unit_id where e.org_path <> u.path or e.org_path not like ${`${root!.path}%`}`,
    );
    expect(badPeople).toEqual([]);
  });

  it('gives every unit a manager-grade leader working in it, and every HRBP assignment an HR employee', async () => {
    const bad = await q(
      sql`select u.code from org_units u left join employees l on l.id = u.leader_id where l.id is null or l.unit_id <> u.id or l.grade not like 'M%' or l.status <> 'active'`,
    );
    expect(bad).toEqual([]);
    const hrbps = await q<{ position: string; code: string }>(
      sql`select e.position, u.code from org_unit_hrbps h join employees e on e.id = h.employee_id join org_units u on u.id = e.unit_id`,
    );
    expect(hrbps.length).toBeGreaterThanOrEqual(8);
    for (const h of hrbps) expect(h).toMatchObject({ position: 'HRBP', code: expect.stringMatching(/-HR$/) });
  });

  it('has one reporting tree: only the CEO lacks a manager and there is no cycle', async () => {
    const top = await q<{ position: string; grade: string }>(sql`select position, grade from employees where manager_id is null`);
    expect(top).toEqual([{ position: '首席执行官', grade: 'M6' }]);
    const [reach] = await q<{ n: number }>(
      sql`with recursive chain(id, depth) as (
            select id, 0 from employees where manager_id is null
            union all select e.id, c.depth + 1 from employees e join chain c on e.manager_id = c.id where c.depth < 50
          ) select count(distinct id)::int as n from chain`,
    );
    // every employee is reached from the CEO; a cycle would leave its members unreachable
    expect(reach!.n).toBe(2000);
    const statuses = await q<{ status: string; n: number; with_leave: number }>(
      sql`select status, count(*)::int as n, count(leave_date)::int as with_leave from employees group by status`,
    );
    const by = Object.fromEntries(statuses.map((s) => [s.status, s]));
    expect(by.active!.n).toBeGreaterThan(1700);
    expect(by.left!.n).toBe(by.left!.with_leave);
    for (const s of ['probation', 'on_leave', 'left']) expect(by[s]!.n).toBeGreaterThan(10);
  });

  it('creates the seven demo accounts, linked to fitting employees, with their grants', async () => {
    const rows = await q<{ username: string; roles: string[]; password_hash: string; name: string; position: string; unit: string; unit_type: string; grants: string | null }>(
      sql`select u.username, u.roles, u.password_hash, e.name, e.position, eu.code as unit, eu.type as unit_type,
            (select string_agg(g.role || '@' || coalesce(gu.code, '*'), ',') from role_grants g left join org_units gu on gu.id = g.unit_id where g.user_id = u.id) as grants
          from users u join employees e on e.user_id = u.id join org_units eu on eu.id = e.unit_id order by u.username`,
    );
    const a = Object.fromEntries(rows.map((r) => [r.username, r]));
    expect(Object.keys(a).sort()).toEqual(['auditor', 'employee', 'exec', 'hr', 'hrbp', 'hrhead', 'manager']);
    for (const r of rows) {
      expect(r.password_hash).toBe(passwordHash);
      expect(summary.accounts[r.username]).toBe(r.name);
    }
    expect(a.hr).toMatchObject({ roles: ['group_hr'], grants: 'group_hr@*', unit: 'XH-HR' });
    expect(a.hrhead).toMatchObject({ roles: ['hr_head'], grants: 'hr_head@XH-TECH', unit: 'XH-TECH-HR' });
    expect(a.hrbp).toMatchObject({ roles: ['hrbp'], position: 'HRBP', unit: 'XH-TECH-HR' });
    expect(a.hrbp!.grants).toMatch(/^hrbp@XH-TECH-[A-Z]+$/);
    expect(a.exec).toMatchObject({ roles: ['executive'], grants: 'executive@*', unit: 'XH-CEO', position: '集团副总裁' });
    expect(a.auditor).toMatchObject({ roles: ['auditor'], grants: 'auditor@*', unit: 'XH-AUD' });
    expect(a.manager).toMatchObject({ roles: [], grants: null, unit_type: 'department' });
    expect(a.manager!.unit).toMatch(/^XH-TECH-/);
    expect(a.employee).toMatchObject({ roles: [], grants: null, unit: a.manager!.unit });

    const [hrbpUnit] = await q<{ ok: boolean }>(
      sql`select exists (select 1 from org_unit_hrbps h join employees e on e.id = h.employee_id join users u on u.id = e.user_id
            join role_grants g on g.user_id = u.id and g.unit_id = h.unit_id where u.username = 'hrbp') as ok`,
    );
    expect(hrbpUnit!.ok).toBe(true);
    const [hrhead] = await q<{ ok: boolean }>(
      sql`select exists (select 1 from org_units s join employees e on e.id = s.hr_head_id join users u on u.id = e.user_id where u.username = 'hrhead' and s.code = 'XH-TECH') as ok`,
    );
    expect(hrhead!.ok).toBe(true);
  });

  it('gives `manager` reports two levels deep, with `employee` an active direct report', async () => {
    const levels = await q<{ level: number; n: number }>(
      sql`with recursive r(id, level) as (
            select e.id, 1 from employees e join employees m on m.id = e.manager_id join users u on u.id = m.user_id where u.username = 'manager'
            union all select e.id, r.level + 1 from employees e join r on e.manager_id = r.id
          ) select level, count(*)::int as n from r group by level order by level`,
    );
    expect(levels.map((l) => l.level)).toEqual([1, 2]);
    const [employee] = await q<{ status: string; manager: string }>(
      sql`select e.status, mu.username as manager from employees e join users u on u.id = e.user_id
          join employees m on m.id = e.manager_id join users mu on mu.id = m.user_id where u.username = 'employee'`,
    );
    expect(employee).toEqual({ status: 'active', manager: 'manager' });
  });

  it('stores contact data encrypted, with blind indexes and a birth date that matches the national id', async () => {
    const rows = await q<{ mobile_enc: string; mobile_bidx: string; national_id_enc: string; email_enc: string; email_bidx: string; employee_no: string; birth_date: string; gender: string }>(
      sql`select mobile_enc, mobile_bidx, national_id_enc, email_enc, email_bidx, employee_no, to_char(birth_date, 'YYYYMMDD') as birth_date, gender from employees order by employee_no limit 50`,
    );
    for (const r of rows) {
      const mobile = crypto.decrypt(r.mobile_enc)!;
      expect(mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(r.mobile_enc).not.toContain(mobile);
      expect(r.mobile_bidx).toBe(crypto.blindIndex(mobile));
      const nationalId = crypto.decrypt(r.national_id_enc)!;
      expect(nationalId).toMatch(/^\d{17}[\dX]$/);
      expect(nationalId.slice(6, 14)).toBe(r.birth_date);
      expect(Number(nationalId[16]) % 2).toBe(r.gender === 'male' ? 1 : 0);
      const email = crypto.decrypt(r.email_enc);
      expect(email).toBe(`${r.employee_no.toLowerCase()}@xinghe-group.cn`);
      expect(r.email_bidx).toBe(crypto.blindIndex(email));
    }
  });

  it('records a hire entry for everyone and open-ended contracts only after long service', async () => {
    const [missing] = await q<{ n: number }>(
      sql`select count(*)::int as n from employees e where not exists (
            select 1 from job_history h where h.employee_id = e.id and h.reason = '入职' and h.effective_date = e.hire_date and h.changes -> 'unitId' ->> 'from' is null)`,
    );
    expect(missing!.n).toBe(0);
    const [early] = await q<{ n: number }>(
      sql`select count(*)::int as n from labor_contracts c join employees e on e.id = c.employee_id where c.type = 'open_ended' and c.start_date < e.hire_date + 365 * 6`,
    );
    expect(early!.n).toBe(0);
    const [badEmployer] = await q<{ n: number }>(
      sql`select count(*)::int as n from labor_contracts c join org_units u on u.id = c.employer_id join employees e on e.id = c.employee_id
          where u.type not in ('group', 'subsidiary') or e.org_path not like u.path || '%'`,
    );
    expect(badEmployer!.n).toBe(0);
  });

  it('refuses to load twice', async () => {
    await expect(load(tdb)).rejects.toThrow(/empty organisation/);
  });

  it('is deterministic: the same seed gives the same people, units and managers', async () => {
    const second = await createTestDatabase();
    try {
      await load(second);
      expect(await roster(second)).toEqual(await roster(tdb));
    } finally {
      await second.destroy();
    }
  });

  it('scales down for small test databases', async () => {
    const small = await createTestDatabase();
    try {
      const s = await load(small, { employees: 300 });
      expect(s.employees).toBe(300);
      expect(Object.keys(s.accounts)).toHaveLength(7);
    } finally {
      await small.destroy();
    }
  });
});
