import { createHash } from 'node:crypto';
import type { SyncDiff, SyncField, SyncMaster } from '@uplift/contract';
import type { WecomDepartment, WecomUser } from '../../integrations/wecom/wecom.schemas.ts';

/** WeCom member status 5: 已退出企业. */
const WECOM_LEFT = 5;

export type SyncMember = Pick<WecomUser, 'userid' | 'name' | 'main_department' | 'direct_leader' | 'status' | 'position' | 'mobile' | 'alias'>;
export type SyncEmployee = { id: string; no: string; name: string; unitId: string; managerId: string | null; status: string; position: string; userid: string | null; mobileBidx: string | null };
export type SyncUnit = { id: string; parentId: string | null; deptId: number | null; name: string };
export type SyncInputs = {
  departments: Pick<WecomDepartment, 'id' | 'name' | 'parentid'>[];
  /** keyed by lower-case userid */
  members: Map<string, SyncMember>;
  employees: SyncEmployee[];
  units: SyncUnit[];
  masters: Record<SyncField, SyncMaster>;
};

/** WeCom's "+86 139…" and Uplift's "139…" are the same number for the blind index. */
export const normaliseMobile = (m: string): string => m.trim().replace(/^\+?86[\s-]?/, '');

/** Fingerprint of everything a diff is computed from: a preview is current while it is unchanged. */
export function syncHash(i: SyncInputs, mode: string): string {
  const members = [...i.members.values()].sort((a, b) => a.userid.localeCompare(b.userid));
  const canonical = JSON.stringify({
    mode,
    masters: Object.entries(i.masters).sort(),
    departments: [...i.departments].sort((a, b) => a.id - b.id),
    members: members.map((m) => [m.userid, m.name, m.main_department ?? null, m.direct_leader, m.status, m.position, m.mobile ?? null, m.alias ?? null]),
    employees: [...i.employees].sort((a, b) => a.id.localeCompare(b.id)).map((e) => [e.id, e.no, e.name, e.unitId, e.managerId, e.status, e.position, e.userid, e.mobileBidx]),
    units: [...i.units].sort((a, b) => a.id.localeCompare(b.id)).map((u) => [u.id, u.parentId, u.deptId]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The contact-sync diff (pure). Links: employee number = userid (or alias), else the mobile
 * blind index, unique both ways. Linked people: WeCom-master fields become updates,
 * Uplift-master fields differences. `daily` leaves out leavers (change_contact handles them).
 */
export function computeSyncDiff(i: SyncInputs, mode: 'full' | 'daily', blindIndex: (plain: string) => string | null): SyncDiff {
  const unitById = new Map(i.units.map((u) => [u.id, u]));
  const unitOfDept = new Map(i.units.flatMap((u) => (u.deptId === null ? [] : [[u.deptId, u] as const])));
  const deptOfUnit = (unitId: string): number | null => {
    for (let cur = unitById.get(unitId), hops = 0; cur && hops < 64; cur = cur.parentId ? unitById.get(cur.parentId) : undefined, hops++) if (cur.deptId !== null) return cur.deptId;
    return null;
  };
  const diff: SyncDiff = { links: [], updates: [], differences: [], leavers: [], unmappedDepartments: [], proposals: [] };
  const useridOf = new Map(i.employees.flatMap((e) => (e.userid ? [[e.id, e.userid.toLowerCase()] as const] : [])));
  const linked = new Set(useridOf.values());

  // tier 1 and 2: employee number, then mobile; an ambiguous match links nobody
  const free = i.employees.filter((e) => !e.userid && e.status !== 'left');
  const byNo = new Map<string, SyncEmployee[]>();
  const byMobile = new Map<string, SyncEmployee[]>();
  for (const e of free) {
    byNo.set(e.no.toLowerCase(), [...(byNo.get(e.no.toLowerCase()) ?? []), e]);
    if (e.mobileBidx) byMobile.set(e.mobileBidx, [...(byMobile.get(e.mobileBidx) ?? []), e]);
  }
  const claims = new Map<string, { m: SyncMember; by: 'employee_no' | 'mobile' }[]>();
  for (const m of i.members.values()) {
    if (linked.has(m.userid) || m.status === WECOM_LEFT) continue;
    const no = [...new Set([m.userid, m.alias?.toLowerCase() ?? ''].filter(Boolean))].flatMap((k) => byNo.get(k) ?? []);
    const bidx = m.mobile ? blindIndex(normaliseMobile(m.mobile)) : null;
    const [hit, by] = no.length > 0 ? [no, 'employee_no' as const] : [bidx ? (byMobile.get(bidx) ?? []) : [], 'mobile' as const];
    if (hit.length !== 1) continue;
    claims.set(hit[0]!.id, [...(claims.get(hit[0]!.id) ?? []), { m, by }]);
  }
  for (const e of free) {
    const c = claims.get(e.id);
    if (c?.length !== 1) continue;
    diff.links.push({ employeeId: e.id, employeeNo: e.no, name: e.name, userid: c[0]!.m.userid, by: c[0]!.by });
    useridOf.set(e.id, c[0]!.m.userid);
  }
  const employeeOfUserid = new Map([...useridOf].map(([id, u]) => [u, id]));

  for (const e of [...i.employees].sort((a, b) => a.no.localeCompare(b.no))) {
    const userid = useridOf.get(e.id);
    if (!userid || e.status === 'left') continue;
    const person = { employeeId: e.id, employeeNo: e.no, name: e.name, userid };
    const m = i.members.get(userid);
    if (!m) {
      if (mode === 'full') diff.leavers.push({ ...person, reason: 'deleted' });
      continue;
    }
    const compare = (field: SyncField, uplift: string | null, wecom: string | null, to: string | null, toLabel: string | null) => {
      if (uplift === wecom) return;
      if (i.masters[field] === 'wecom') diff.updates.push({ ...person, field, from: uplift, to, toLabel });
      else diff.differences.push({ ...person, field, uplift, wecom });
    };
    if (m.status === WECOM_LEFT) {
      if (i.masters.status === 'wecom') {
        if (mode === 'full') diff.leavers.push({ ...person, reason: 'left' });
      } else diff.differences.push({ ...person, field: 'status', uplift: e.status, wecom: String(m.status) });
      continue;
    }
    if (m.name) compare('name', e.name, m.name, m.name, m.name);
    if (m.position) compare('position', e.position, m.position, m.position, m.position);
    const dept = deptOfUnit(e.unitId);
    const target = m.main_department !== undefined ? unitOfDept.get(m.main_department) : undefined;
    if (m.main_department !== undefined && dept !== m.main_department) {
      // a department no unit maps to cannot be applied: always a difference
      if (target && i.masters.unit === 'wecom') diff.updates.push({ ...person, field: 'unit', from: e.unitId, to: target.id, toLabel: target.name });
      else diff.differences.push({ ...person, field: 'unit', uplift: dept === null ? null : String(dept), wecom: String(m.main_department) });
    }
    const manager = e.managerId ? (useridOf.get(e.managerId) ?? null) : null;
    const leader = m.direct_leader[0]?.toLowerCase() ?? null;
    if (manager !== leader && !(manager && m.direct_leader.some((l) => l.toLowerCase() === manager))) {
      const leaderId = leader ? (employeeOfUserid.get(leader) ?? null) : null;
      if (i.masters.manager === 'wecom' && (leader === null || leaderId)) diff.updates.push({ ...person, field: 'manager', from: e.managerId, to: leaderId, toLabel: leader });
      else diff.differences.push({ ...person, field: 'manager', uplift: manager, wecom: leader });
    }
  }

  const mapped = new Set(unitOfDept.keys());
  diff.unmappedDepartments = i.departments.filter((d) => !mapped.has(d.id)).map((d) => ({ id: d.id, name: d.name, parentid: d.parentid })).sort((a, b) => a.id - b.id);

  // tier 3 (manual): unique name in the same department, among what is still unlinked
  const stillLinked = new Set(useridOf.values());
  const key = (name: string, dept: number | null | undefined) => `${dept ?? '-'}\u0000${name}`;
  const emps = new Map<string, SyncEmployee[]>();
  for (const e of free) if (!useridOf.has(e.id)) emps.set(key(e.name, deptOfUnit(e.unitId)), [...(emps.get(key(e.name, deptOfUnit(e.unitId))) ?? []), e]);
  const mems = new Map<string, SyncMember[]>();
  for (const m of i.members.values()) if (!stillLinked.has(m.userid) && m.status !== WECOM_LEFT) mems.set(key(m.name, m.main_department), [...(mems.get(key(m.name, m.main_department)) ?? []), m]);
  for (const [k, ms] of mems) {
    const es = emps.get(k) ?? [];
    if (ms.length === 1 && es.length === 1) diff.proposals.push({ employeeId: es[0]!.id, employeeNo: es[0]!.no, name: es[0]!.name, userid: ms[0]!.userid });
  }
  diff.proposals.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
  diff.links.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
  return diff;
}
