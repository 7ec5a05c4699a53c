import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { employees, jobHistory, laborContracts, orgUnitHrbps, orgUnits, roleGrants, users } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import type { FieldCrypto } from '../lib/field-crypto.ts';
import {
  addYears,
  createRng,
  creditCode,
  dayIso,
  GROUP,
  HQ_DEPARTMENTS,
  KINDS,
  LEAVE_REASONS,
  ON_LEAVE_REASONS,
  personIdentity,
  SUBSIDIARIES,
  type DeptKind,
  type DeptSpec,
  type Names,
  type Rng,
} from './demo-data.ts';
import { insertUnnest } from './bulk-insert.ts';

export type DemoGroupSummary = { units: number; employees: number; contracts: number; accounts: Record<string, string> /* username → employee name */ };

type UnitType = 'group' | 'subsidiary' | 'business_unit' | 'department' | 'team';
type Status = 'probation' | 'active' | 'on_leave' | 'left';
type Unit = {
  id: string;
  code: string;
  names: Names;
  type: UnitType;
  parent: Unit | null;
  path: string;
  depth: number;
  sortOrder: number;
  kind: DeptKind | null;
  /** the 用人单位: the subsidiary above, or the group for HQ */
  employer: Unit;
  region: string;
  city: string;
  areaCode: string;
  legal: { legalName: string; creditCode: string; unionContact: string } | null;
  staffWeight: number;
  minStaff: number;
  leader: Person | null;
  hrHead: Person | null;
};
type Change = Record<string, { from: unknown; to: unknown }>;
type Person = {
  id: string;
  unit: Unit;
  leads: Unit | null;
  /** the first staff member of a unit: never leaves, so every leader keeps a report */
  anchor: boolean;
  /** a demo account or an HRBP: active, past probation, never transferred */
  pinned: boolean;
  gender: 'male' | 'female';
  name: string;
  position: string;
  grade: string;
  status: Status;
  hire: number;
  history: { date: number; changes: Change; reason: string }[];
};

const CHUNK = 500;

/** Loads 星河集团 into an empty database in one transaction; same seed → same data. */
export async function loadDemoGroup(tx: Tx, deps: { clock: Clock; crypto: FieldCrypto; passwordHash: string; seed?: number; employees?: number }): Promise<DemoGroupSummary> {
  const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(orgUnits);
  if ((existing?.n ?? 0) > 0) throw new Error('loadDemoGroup needs an empty organisation: org_units already has rows');
  const rng = createRng(deps.seed ?? 20_260_105);
  const nowTs = deps.clock.now();
  const today = Math.floor(nowTs.getTime() / 86_400_000);

  const units = buildUnits(rng);
  const people = staffUnits(rng, units, deps.employees ?? 2000);
  const root = units[0]!;
  const tech = units.find((u) => u.code === 'XH-TECH')!;
  const childOf = (parent: Unit, code: string) => units.find((u) => u.parent === parent && u.code === `${parent.code}-${code}`)!;
  const staffOf = (u: Unit) => people.filter((p) => p.unit === u && !p.leads);
  const pin = (p: Person | undefined, position?: string) => {
    if (!p) throw new Error('demo group layout has no one for a demo account');
    p.pinned = true;
    if (position) p.position = position;
    return p;
  };

  // HR heads lead their subsidiary's HR department; the first staff there are the BUs' HRBPs
  const hrbps: { unit: Unit; person: Person }[] = [];
  for (const sub of units.filter((u) => u.type === 'subsidiary')) {
    const hrDept = childOf(sub, 'HR');
    sub.hrHead = hrDept.leader;
    const staff = staffOf(hrDept);
    units.filter((u) => u.parent === sub && u.type === 'business_unit').forEach((bu, i) => hrbps.push({ unit: bu, person: pin(staff[i], 'HRBP') }));
  }
  const techBu = units.find((u) => u.parent === tech && u.type === 'business_unit')!;
  const managerDept = units.find((u) => u.employer === tech && u.type === 'department' && units.filter((t) => t.parent === u).length >= 2)!;
  const accounts: { username: string; roles: string[]; grantUnit: Unit | null; person: Person }[] = [
    { username: 'hr', roles: ['group_hr'], grantUnit: null, person: pin(staffOf(childOf(root, 'HR'))[0], '人事经理') },
    { username: 'hrhead', roles: ['hr_head'], grantUnit: tech, person: pin(tech.hrHead!) },
    { username: 'hrbp', roles: ['hrbp'], grantUnit: techBu, person: hrbps.find((h) => h.unit === techBu)!.person },
    { username: 'manager', roles: [], grantUnit: null, person: pin(managerDept.leader!) },
    { username: 'employee', roles: [], grantUnit: null, person: pin(staffOf(managerDept)[0]) },
    // an executive without reports: the role shows aggregates only (the CEO would see everyone as a manager)
    { username: 'exec', roles: ['executive'], grantUnit: null, person: pin(staffOf(childOf(root, 'CEO'))[0], '集团副总裁') },
    { username: 'auditor', roles: ['auditor'], grantUnit: null, person: pin(staffOf(childOf(root, 'AUD'))[0], '内审经理') },
  ];

  const leafsByEmployer = new Map<Unit, Unit[]>();
  for (const u of units) if (u.staffWeight > 0) leafsByEmployer.set(u.employer, [...(leafsByEmployer.get(u.employer) ?? []), u]);
  const extra = new Map<Person, { birth: number; serviceStart: number; leave: number | null; leaveReason: string | null; managerId: string | null }>();
  for (const p of people) extra.set(p, timeline(rng, p, today, leafsByEmployer.get(p.unit.employer) ?? []));

  // employee numbers follow seniority, the CEO first
  const ordered = [...people].sort((a, b) => (a === root.leader ? -1 : b === root.leader ? 1 : a.hire - b.hire));
  const numbers = new Map(ordered.map((p, i) => [p, `XH${String(i + 1).padStart(6, '0')}`]));
  const identities = new Set<string>();
  const userIds = new Map(accounts.map((a) => [a.person, rng.uuid()]));

  const stamp = { createdAt: nowTs, updatedAt: nowTs };
  await insertChunked(
    accounts.map((a) => ({ id: userIds.get(a.person)!, username: a.username, displayName: a.person.name, passwordHash: deps.passwordHash, roles: a.roles, ...stamp })),
    (rows) => tx.insert(users).values(rows),
  );
  await insertChunked(
    units.map((u, i) => ({
      id: u.id,
      code: u.code,
      name: u.names[0],
      nameEn: u.names[1],
      type: u.type,
      parentId: u.parent?.id ?? null,
      path: u.path,
      depth: u.depth,
      region: u.region,
      city: u.city,
      leaderId: u.leader?.id ?? null,
      hrHeadId: u.hrHead?.id ?? null,
      sortOrder: u.sortOrder,
      legalName: u.legal?.legalName ?? null,
      creditCode: u.legal?.creditCode ?? null,
      unionContact: u.legal?.unionContact ?? null,
      // the group is WeCom's root department 1; the rest follow in tree order
      wecomDeptId: i + 1,
      ...stamp,
    })),
    (rows) => tx.insert(orgUnits).values(rows),
  );
  // the reporting line, computed here rather than by a recursive update of every row afterwards
  const reportPaths = new Map<string, string>();
  const managerOf = new Map(people.map((p) => [p.id, extra.get(p)!.managerId]));
  const reportPath = (id: string): string => {
    let path = reportPaths.get(id);
    if (path === undefined) {
      const managerId = managerOf.get(id) ?? null;
      path = `${managerId ? reportPath(managerId) : '/'}${id}/`;
      reportPaths.set(id, path);
    }
    return path;
  };
  await insertUnnest(
    tx,
    employees,
    ordered.map((p) => {
      const x = extra.get(p)!;
      const no = numbers.get(p)!;
      const { mobile, nationalId } = personIdentity(rng, identities, x.birth, p.gender, rng.chance(0.5) ? p.unit.areaCode : null);
      const email = `${no.toLowerCase()}@xinghe-group.cn`;
      const c = deps.crypto;
      return {
        id: p.id,
        employeeNo: no,
        name: p.name,
        gender: p.gender,
        birthDate: dayIso(x.birth),
        unitId: p.unit.id,
        orgPath: p.unit.path,
        position: p.position,
        grade: p.grade,
        managerId: x.managerId,
        reportPath: reportPath(p.id),
        hireDate: dayIso(p.hire),
        serviceStartDate: dayIso(x.serviceStart),
        status: p.status,
        leaveDate: x.leave === null ? null : dayIso(x.leave),
        leaveReason: x.leaveReason,
        emailEnc: c.encrypt(email),
        emailBidx: c.blindIndex(email),
        mobileEnc: c.encrypt(mobile),
        mobileBidx: c.blindIndex(mobile),
        nationalIdEnc: c.encrypt(nationalId),
        nationalIdBidx: c.blindIndex(nationalId),
        // WeCom userids are case-insensitive and answered lower-cased: store them so
        wecomUserId: no.toLowerCase(),
        userId: userIds.get(p) ?? null,
        ...stamp,
      };
    }),
  );
  await insertChunked(
    hrbps.map((h) => ({ unitId: h.unit.id, employeeId: h.person.id })),
    (rows) => tx.insert(orgUnitHrbps).values(rows),
  );
  const contracts = ordered.flatMap((p) => contractsOf(rng, p, extra.get(p)!.leave ?? today, nowTs));
  await insertUnnest(tx, laborContracts, contracts);
  await insertUnnest(
    tx,
    jobHistory,
    ordered.flatMap((p) =>
      p.history.sort((a, b) => a.date - b.date).map((h) => ({ id: rng.uuid(), employeeId: p.id, effectiveDate: dayIso(h.date), changes: h.changes, reason: h.reason, createdAt: nowTs })),
    ),
  );
  await insertChunked(
    accounts.flatMap((a) => a.roles.map((role) => ({ id: rng.uuid(), userId: userIds.get(a.person)!, role, unitId: a.grantUnit?.id ?? null, createdAt: nowTs }))),
    (rows) => tx.insert(roleGrants).values(rows),
  );
  return { units: units.length, employees: people.length, contracts: contracts.length, accounts: Object.fromEntries(accounts.map((a) => [a.username, a.person.name])) };
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** The unit tree, parents before children, ids drawn from the PRNG. */
function buildUnits(rng: Rng): Unit[] {
  const units: Unit[] = [];
  const add = (parent: Unit | null, code: string, names: Names, type: UnitType, kind: DeptKind | null, sortOrder: number, own?: Partial<Unit>): Unit => {
    const id = rng.uuid();
    const u: Unit = {
      id,
      code: parent ? `${parent.code}-${code}` : code,
      names,
      type,
      parent,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      sortOrder,
      kind,
      // a group or subsidiary employs its own staff: set just below
      employer: parent?.employer as Unit,
      region: parent?.region ?? GROUP.region,
      city: parent?.city ?? GROUP.city,
      areaCode: parent?.areaCode ?? GROUP.areaCode,
      legal: null,
      staffWeight: 0,
      minStaff: 0,
      leader: null,
      hrHead: null,
      ...own,
    };
    if (type === 'group' || type === 'subsidiary') u.employer = u;
    units.push(u);
    return u;
  };
  const addDept = (parent: Unit, spec: DeptSpec, sortOrder: number, minStaff = 1) => {
    const d = add(parent, spec.code, spec.names, 'department', spec.kind, sortOrder, { minStaff, staffWeight: spec.teams.length > 0 ? 0.25 : KINDS[spec.kind].weight });
    spec.teams.forEach((t, i) => add(d, String(i + 1).padStart(2, '0'), t, 'team', spec.kind, i, { minStaff: 1, staffWeight: KINDS[spec.kind].weight }));
  };
  const root = add(null, GROUP.code, GROUP.names, 'group', null, 0, { legal: { legalName: GROUP.legalName, creditCode: creditCode(GROUP.creditBase), unionContact: GROUP.unionContact } });
  HQ_DEPARTMENTS.forEach((d, i) => addDept(root, d, i));
  SUBSIDIARIES.forEach((s, i) => {
    const legal = { legalName: s.legalName, creditCode: creditCode(s.creditBase), unionContact: s.unionContact };
    const sub = add(root, s.code, s.names, 'subsidiary', null, HQ_DEPARTMENTS.length + i, { legal, region: s.region, city: s.city, areaCode: s.areaCode });
    // enough HR staff for one HRBP per business unit, plus a generalist
    s.functions.forEach((f, j) => addDept(sub, f, j, f.kind === 'hr' ? s.businessUnits.length + 1 : 1));
    s.businessUnits.forEach((b, j) => {
      const bu = add(sub, b.code, b.names, 'business_unit', null, s.functions.length + j);
      b.departments.forEach((d, k) => addDept(bu, d, k));
    });
  });
  return units;
}

const LEADER_GRADE: Record<UnitType, string> = { group: 'M6', subsidiary: 'M5', business_unit: 'M4', department: 'M3', team: 'M1' };
const MALE_SHARE: Partial<Record<DeptKind, number>> = { engineering: 0.72, production: 0.7, equipment: 0.85, warehouse: 0.75, transport: 0.85, fleet: 0.85, hr: 0.3, service: 0.3, store: 0.35, ecommerce: 0.4 };

/** A leader for every unit, then the remaining head count spread over the staffed units by weight. */
function staffUnits(rng: Rng, units: Unit[], total: number): Person[] {
  const minimum = units.length + units.reduce((n, u) => n + u.minStaff, 0);
  if (total < minimum) throw new Error(`the demo group needs at least ${minimum} employees`);
  const counts = new Map(units.map((u) => [u, u.minStaff]));
  const weighted = units.filter((u) => u.staffWeight > 0).map((u) => ({ u, w: u.staffWeight * (0.6 + 0.8 * rng.next()) }));
  const sum = weighted.reduce((n, x) => n + x.w, 0);
  for (let i = minimum; i < total; i++) {
    let r = rng.next() * sum;
    const hit = weighted.find((x) => (r -= x.w) < 0) ?? weighted.at(-1)!;
    counts.set(hit.u, (counts.get(hit.u) ?? 0) + 1);
  }
  const person = (unit: Unit, leads: Unit | null, anchor: boolean): Person => {
    const gender = rng.chance(leads ? 0.62 : (MALE_SHARE[unit.kind ?? 'office'] ?? 0.5)) ? 'male' : 'female';
    return { id: rng.uuid(), unit, leads, anchor, pinned: false, gender, name: rng.name(gender), position: '', grade: '', status: 'active', hire: 0, history: [] };
  };
  const people: Person[] = [];
  for (const u of units) {
    u.leader = person(u, u, false);
    u.leader.grade = u.type === 'department' && u.parent?.type === 'group' ? 'M4' : LEADER_GRADE[u.type];
    if (u.type === 'team' && rng.chance(0.4)) u.leader.grade = 'M2';
    u.leader.position = u.type === 'group' ? '首席执行官' : u.type === 'subsidiary' ? '总经理' : u.type === 'business_unit' ? '事业部总经理' : u.type === 'department' ? KINDS[u.kind!].head : KINDS[u.kind!].lead;
    people.push(u.leader);
  }
  for (const u of units) {
    for (let i = 0; i < (counts.get(u) ?? 0); i++) {
      const p = person(u, null, i === 0);
      const staff = KINDS[u.kind!].staff;
      p.position = rng.chance(0.4) ? staff[0]! : rng.pick(staff);
      people.push(p);
    }
  }
  return people;
}

const YEAR = 365;
/** years in the company, by the type of unit a leader leads */
const LEADER_TENURE: Record<UnitType, [number, number]> = { group: [11.9, 12], subsidiary: [6, 11.8], business_unit: [4, 11], department: [3, 11], team: [2, 10] };
const professional = (level: number) => `P${level}`;

/** Hire, birth and service dates, status, grade, and the job history that leads to today. */
function timeline(rng: Rng, person: Person, today: number, leafs: Unit[]) {
  const { unit, leads } = person;
  const frontLine = KINDS[unit.kind ?? 'office'].frontLine === true;
  const managerId = leads ? (unit.parent?.leader?.id ?? null) : unit.leader!.id;
  let tenure: number;
  if (leads) {
    const [min, max] = LEADER_TENURE[unit.type];
    tenure = rng.int(Math.round(min * YEAR), Math.round(max * YEAR));
  } else {
    const r = rng.next();
    person.status = person.pinned ? 'active' : r < 0.042 ? 'probation' : r < 0.063 ? 'on_leave' : r < 0.094 && !person.anchor ? 'left' : 'active';
    // recent hires outnumber veterans; nobody predates the CEO
    tenure = person.status === 'probation' ? rng.int(10, 170) : Math.max(person.pinned ? 400 : person.status === 'left' ? 500 : 200, Math.floor(11.5 * YEAR * rng.next() ** 1.5));
  }
  const hire = today - tenure;
  person.hire = hire;
  const depthAge = leads ? [40, 36, 33, 29, 25][unit.depth] ?? 28 : 21;
  const ageAtHire = Math.min(depthAge + Math.floor((leads ? 8 : 17) * rng.next() ** 1.4), 58 - Math.ceil(tenure / YEAR));
  const birth = hire - Math.floor(ageAtHire * 365.25) - rng.int(0, 364);
  const serviceStart = ageAtHire >= 25 && rng.chance(0.6) ? hire - rng.int(90, (ageAtHire - 22) * YEAR) : hire;

  // executives down to business-unit heads were hired into their role; the others were promoted
  const direct = leads !== null && (unit.depth <= 1 || unit.type === 'business_unit');
  const converted = hire + (frontLine ? 90 : 180);
  let leave: number | null = null;
  let leaveReason: string | null = null;
  const end = () => leave ?? today;
  const state: { unitId: string; managerId: string | null; position: string; grade: string } = { unitId: unit.id, managerId, position: person.position, grade: person.grade };
  const event = (date: number, reason: string, changes: Change) => person.history.push({ date, reason, changes });

  if (person.status === 'left') {
    leave = today - rng.int(1, Math.min(730, tenure - 400));
    leaveReason = rng.pick(LEAVE_REASONS);
    event(leave, '离职', { status: { from: 'active', to: 'left' } });
  } else if (person.status === 'on_leave') {
    event(rng.int(Math.max(converted + 1, today - 150), today - 5), rng.pick(ON_LEAVE_REASONS[person.gender]), { status: { from: 'active', to: 'on_leave' } });
  }
  if (leads) {
    if (!direct) {
      const before = { position: rng.pick(KINDS[unit.kind!].staff), grade: professional(rng.int(5, 7)) };
      event(hire + Math.floor(tenure * (0.4 + 0.45 * rng.next())), '晋升任命', { position: { from: before.position, to: state.position }, grade: { from: before.grade, to: state.grade } });
      Object.assign(state, before);
    }
  } else {
    const years = (today - serviceStart) / YEAR;
    const senior = /高级|架构师|经理/.test(person.position) ? 5 : 1;
    const raw = 1 + Math.floor(years / (frontLine ? 3.5 : 2.5)) + rng.int(-1, 1);
    // front-line roles top out at P4; P9 (principal expert) stays rare
    const level = frontLine ? Math.min(4, Math.max(1, raw)) : Math.max(senior, Math.min(raw, 8) + (raw >= 8 && rng.chance(0.25) ? 1 : 0));
    person.grade = state.grade = professional(level);
    const span = end() - 30 - (hire + YEAR);
    if (level > 1 && span > YEAR && rng.chance(0.25)) {
      event(hire + YEAR + rng.int(0, span), '年度晋升', { grade: { from: professional(level - 1), to: state.grade } });
      state.grade = professional(level - 1);
    }
    // transfers stay within the employer and the line of work (another team, another BU)
    const others = leafs.filter((u) => u !== unit && u.kind === unit.kind);
    if (!person.pinned && span > YEAR && others.length > 0 && rng.chance(0.08)) {
      const from = rng.pick(others);
      event(hire + YEAR + rng.int(0, span), '内部调动', { unitId: { from: from.id, to: unit.id }, managerId: { from: from.leader!.id, to: managerId } });
      Object.assign(state, { unitId: from.id, managerId: from.leader!.id });
    }
  }
  if (!direct && person.status !== 'probation') event(converted, '转正', { status: { from: 'probation', to: 'active' } });
  event(hire, '入职', {
    unitId: { from: null, to: state.unitId },
    managerId: { from: null, to: state.managerId },
    position: { from: null, to: state.position },
    grade: { from: null, to: state.grade },
    status: { from: null, to: direct ? 'active' : 'probation' },
  });
  return { birth, serviceStart, leave, leaveReason, managerId };
}

/** Three-year fixed terms, renewed once, then open-ended (劳动合同法 §14); a few recent hires on project contracts. */
function contractsOf(rng: Rng, person: Person, until: number, createdAt: Date) {
  const row = (type: string, start: number, end: number | null) => ({ id: rng.uuid(), employeeId: person.id, employerId: person.unit.employer.id, type, startDate: dayIso(start), endDate: end === null ? null : dayIso(end), createdAt });
  if (!person.leads && !person.pinned && until - person.hire < YEAR && rng.chance(0.05)) return [row('project', person.hire, addYears(person.hire, 2) - 1)];
  const rows: ReturnType<typeof row>[] = [];
  let start = person.hire;
  for (let term = 0; start <= until; term++) {
    if (term === 2) {
      rows.push(row('open_ended', start, null));
      break;
    }
    const end = addYears(start, 3) - 1;
    rows.push(row('fixed_term', start, end));
    start = end + 1;
  }
  return rows;
}
