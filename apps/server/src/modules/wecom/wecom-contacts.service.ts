import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employees, orgUnits } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import type { WecomClient } from '../../integrations/wecom/wecom.client.ts';
import { WeComApiError } from '../../integrations/wecom/wecom.errors.ts';
import type { EventRegistry } from '../../integrations/wecom/wecom.events.ts';
import type { WecomUser } from '../../integrations/wecom/wecom.schemas.ts';
import type { ContactsReport } from '@uplift/contract';
import type { Audit, AuditContext } from '../audit/audit.service.ts';

/** How many rows of each list a report shows (the totals are always exact). */
export const REPORT_LIMIT = 500;

export type { ContactsReport };

type Member = Pick<WecomUser, 'userid' | 'name' | 'main_department' | 'direct_leader' | 'status' | 'department'>;

/**
 * Reconciles the WeCom directory with the org (对账): what is linked, what could be linked
 * safely, what differs. Linking writes the employee's WeCom account; WeCom renames and
 * deletions (change_contact, in wecom-sync.service.ts) keep the links current.
 */
export function createWecomContacts(deps: { db: Db; client: WecomClient; audit: Audit; events: EventRegistry }) {
  const { db, client, audit } = deps;

  /** The whole directory through the contact secret: departments, then each department's members. */
  async function directory() {
    const departments = (await client.listDepartments()).department;
    const members = new Map<string, Member>();
    for (const d of departments) {
      for (const u of (await client.listUsers(d.id)).userlist) members.set(u.userid.toLowerCase(), { ...u, userid: u.userid.toLowerCase() });
    }
    return { departments, members };
  }

  async function reconcile(): Promise<ContactsReport> {
    const { departments, members } = await directory();
    const units = await db.select({ id: orgUnits.id, parentId: orgUnits.parentId, deptId: orgUnits.wecomDeptId }).from(orgUnits).where(eq(orgUnits.active, true));
    const people = await db
      .select({ id: employees.id, no: employees.employeeNo, name: employees.name, unitId: employees.unitId, managerId: employees.managerId, status: employees.status, userid: employees.wecomUserId })
      .from(employees);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const deptOfUnit = (unitId: string): number | null => {
      for (let cur = unitById.get(unitId), hops = 0; cur && hops < 64; cur = cur.parentId ? unitById.get(cur.parentId) : undefined, hops++) if (cur.deptId !== null) return cur.deptId;
      return null;
    };
    const linkedDepts = new Set(units.flatMap((u) => (u.deptId === null ? [] : [u.deptId])));
    const unlinkedDepts = departments.filter((d) => !linkedDepts.has(d.id)).map((d) => ({ id: d.id, name: d.name, parentid: d.parentid }));
    const useridOf = new Map(people.flatMap((p) => (p.userid ? [[p.id, p.userid.toLowerCase()] as const] : [])));
    const linkedUserids = new Set(useridOf.values());

    const differences: ContactsReport['differences'] = [];
    for (const p of people) {
      const userid = useridOf.get(p.id);
      if (!userid) continue;
      const m = members.get(userid);
      const diff = (field: ContactsReport['differences'][number]['field'], uplift: string | null, wecom: string | null) => differences.push({ employeeId: p.id, employeeNo: p.no, userid, field, uplift, wecom });
      if (!m) {
        if (p.status !== 'left') diff('account', userid, null);
        continue;
      }
      const dept = deptOfUnit(p.unitId);
      if (dept !== null && m.main_department !== undefined && dept !== m.main_department) diff('department', String(dept), String(m.main_department));
      const manager = p.managerId ? (useridOf.get(p.managerId) ?? null) : null;
      const leader = m.direct_leader[0] ?? null;
      if (manager !== leader && !(manager && m.direct_leader.includes(manager))) diff('manager', manager, leader);
      if ((p.status === 'left') !== (m.status === 5)) diff('status', p.status, String(m.status));
    }

    // unique name + department matches between unlinked members and unlinked employees
    const key = (name: string, dept: number | null | undefined) => `${dept ?? '-'}\u0000${name}`;
    const freeEmployees = new Map<string, typeof people>();
    for (const p of people) {
      if (p.userid || p.status === 'left') continue;
      const k = key(p.name, deptOfUnit(p.unitId));
      freeEmployees.set(k, [...(freeEmployees.get(k) ?? []), p]);
    }
    const unmatched = [...members.values()].filter((m) => !linkedUserids.has(m.userid));
    const freeMembers = new Map<string, Member[]>();
    for (const m of unmatched) {
      const k = key(m.name, m.main_department);
      freeMembers.set(k, [...(freeMembers.get(k) ?? []), m]);
    }
    const proposals: ContactsReport['proposals'] = [];
    for (const [k, ms] of freeMembers) {
      const es = freeEmployees.get(k) ?? [];
      if (ms.length === 1 && es.length === 1) proposals.push({ employeeId: es[0]!.id, employeeNo: es[0]!.no, name: es[0]!.name, userid: ms[0]!.userid });
    }
    return {
      departments: { wecom: departments.length, linked: departments.length - unlinkedDepts.length, unlinked: unlinkedDepts.slice(0, REPORT_LIMIT), unlinkedTotal: unlinkedDepts.length },
      members: {
        wecom: members.size,
        linked: members.size - unmatched.length,
        unmatched: unmatched.slice(0, REPORT_LIMIT).map((m) => ({ userid: m.userid, name: m.name, department: m.main_department ?? null })),
        unmatchedTotal: unmatched.length,
        employeesWithoutWecom: people.filter((p) => !p.userid && p.status !== 'left').length,
      },
      proposals: proposals.slice(0, REPORT_LIMIT),
      differences: differences.slice(0, REPORT_LIMIT),
      differencesTotal: differences.length,
    };
  }

  /** Links employees to WeCom accounts that exist in WeCom and belong to nobody yet; one audit record. */
  async function link(ctx: AuditContext, links: { employeeId: string; userid: string }[]): Promise<{ linked: number }> {
    const wanted = links.map((l) => ({ employeeId: l.employeeId, userid: l.userid.toLowerCase() }));
    if (new Set(wanted.map((l) => l.userid)).size !== wanted.length || new Set(wanted.map((l) => l.employeeId)).size !== wanted.length) {
      throw new AppError('VALIDATION_FAILED', '同一员工或同一企业微信账号在请求中出现了两次');
    }
    for (const l of wanted) {
      try {
        await client.getUser(l.userid);
      } catch (e) {
        if (e instanceof WeComApiError) throw new AppError('VALIDATION_FAILED', `企业微信中没有账号 ${l.userid}（${e.errcode}）`, { userid: l.userid });
        throw e;
      }
    }
    return db.transaction(async (tx) => {
      const taken = await tx.select({ userid: employees.wecomUserId }).from(employees).where(inArray(sql`lower(${employees.wecomUserId})`, wanted.map((l) => l.userid)));
      if (taken.length > 0) throw new AppError('CONFLICT', `企业微信账号已关联其他员工：${taken.map((t) => t.userid).join(', ')}`);
      for (const l of wanted) {
        const updated = await tx.update(employees).set({ wecomUserId: l.userid }).where(and(eq(employees.id, l.employeeId), isNull(employees.wecomUserId))).returning({ id: employees.id });
        if (updated.length === 0) throw new AppError('CONFLICT', `员工 ${l.employeeId} 不存在或已关联企业微信账号`);
      }
      await audit.appendBatch(tx, ctx, { action: 'wecom.contacts_link', entityType: 'employee', counts: { linked: wanted.length }, items: wanted });
      return { linked: wanted.length };
    });
  }

  return { reconcile, link };
}

export type WecomContacts = ReturnType<typeof createWecomContacts>;
