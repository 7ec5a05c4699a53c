import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ChangeEmployee, CreateEmployee, EmployeeDetail, EmployeeRow, PeopleQuery } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { likeEscape } from '../../db/sql-helpers.ts';
import { employees, jobHistory, laborContracts, orgUnitHrbps, orgUnits, sessions, users } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { type FieldCrypto, maskEmail, maskMobile, maskNationalId } from '../../lib/field-crypto.ts';
import { type Access, employeeVisible, inScope } from '../access/access.ts';
import { moveReportingLine, reportPathUnder } from './reporting-line.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';

const managers = alias(employees, 'mgr');
const isCursor = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const notFound = (id: string) => new AppError('NOT_FOUND', `没有这名员工：${id}`);

export type People = ReturnType<typeof createPeople>;

/** Employees, their contracts and job history; every query is limited to the caller's scope in SQL. */
export function createPeople(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  crypto: FieldCrypto;
  /** publishes 'employee.updated' to other systems (webhooks), in the change's transaction */
  emit?: (tx: Tx, event: 'employee.updated', data: Record<string, unknown>) => Promise<unknown>;
  /** other modules' part of a leave (an open PIP closes), in the change's transaction */
  onLeave?: (tx: Tx, ctx: AuditContext, employeeId: string) => Promise<void>;
  /** other modules' part of a handover of reports (open PIPs follow the new manager) */
  onReportsMoved?: (tx: Tx, ctx: AuditContext, fromManagerId: string, toManagerId: string, employeeIds: readonly string[]) => Promise<unknown>;
}) {
  const { db, clock, audit, crypto } = deps;

  /** Keyset page of the people the caller may see, with the total under the same filters. */
  async function list(access: Access, q: PeopleQuery) {
    const conds: SQL[] = [employeeVisible(access)];
    if (q.unitId) {
      const [u] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, q.unitId));
      if (!u) throw fieldError('querystring.unitId', '组织单元不存在');
      conds.push(sql`${employees.orgPath} like ${`${u.path}%`}`);
    }
    if (q.status) conds.push(eq(employees.status, q.status));
    if (q.grade) conds.push(eq(employees.grade, q.grade));
    if (q.position) conds.push(eq(employees.position, q.position));
    if (q.q) conds.push(or(ilike(employees.name, `%${likeEscape(q.q)}%`), ilike(employees.employeeNo, `${likeEscape(q.q)}%`))!);
    const where = and(...conds);
    const sortCol = q.sort === 'name' ? employees.name : q.sort === 'hireDate' ? employees.hireDate : null;
    const keyLength = sortCol ? 2 : 1;
    // a cursor only fits the sort it came from
    const cursor = decodeCursor(q.cursor, (v): v is string[] => isCursor(v) && v.length === keyLength);
    const after = cursor ? (sortCol ? sql`(${sortCol}, ${employees.employeeNo}) > (${cursor[0]}, ${cursor[1]})` : sql`${employees.employeeNo} > ${cursor[0]}`) : undefined;
    // the app's busiest read, written as one statement: the select builder cost more than the query
    const order = sortCol ? sql`order by ${sortCol}, ${employees.employeeNo}` : sql`order by ${employees.employeeNo}`;
    const rows = await queryRows<EmployeeRow>(
      db,
      sql`select ${employees.id}, ${employees.employeeNo} as "employeeNo", ${employees.name}, ${employees.unitId} as "unitId", ${orgUnits.name} as "unitName",
                 ${employees.position}, ${employees.grade}, ${employees.status}, ${managers.name} as "managerName", ${employees.hireDate}::text as "hireDate"
          from ${employees} join ${orgUnits} on ${orgUnits.id} = ${employees.unitId} left join ${employees} ${managers} on ${managers.id} = ${employees.managerId}
          where ${and(where, after)} ${order} limit ${q.limit + 1}`,
    );
    // the total is counted for the first page only: a deep page must not pay for counting everyone
    const [total] = cursor ? [null] : await db.select({ n: sql<number>`count(*)::int` }).from(employees).where(where);
    const key = (r: EmployeeRow) => (q.sort === 'name' ? [r.name, r.employeeNo] : q.sort === 'hireDate' ? [r.hireDate, r.employeeNo] : [r.employeeNo]);
    return { ...toPage(rows as EmployeeRow[], q.limit, key), total: total ? total.n : null };
  }

  /** One visible employee row or 404 (never "exists but forbidden": that would leak existence). */
  async function visibleOr404(exec: Db | Tx, access: Access, id: string) {
    const [e] = await exec.select().from(employees).where(and(eq(employees.id, id), employeeVisible(access)));
    if (!e) throw notFound(id);
    return e;
  }

  /** Detail with history and contracts; sensitive fields unmasked only for HR in scope, and that view is audited. */
  async function detail(access: Access, ctx: AuditContext, id: string): Promise<EmployeeDetail> {
    const e = await visibleOr404(db, access, id);
    const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, e.unitId));
    const ancestorIds = unit!.path.split('/').filter(Boolean);
    const path = await db.select({ id: orgUnits.id, name: orgUnits.name, depth: orgUnits.depth }).from(orgUnits).where(inArray(orgUnits.id, ancestorIds)).orderBy(asc(orgUnits.depth));
    const [mgr] = e.managerId ? await db.select({ name: employees.name }).from(employees).where(eq(employees.id, e.managerId)) : [];
    const contracts = await db
      .select({ id: laborContracts.id, employerId: laborContracts.employerId, employerName: orgUnits.name, type: laborContracts.type, startDate: laborContracts.startDate, endDate: laborContracts.endDate })
      .from(laborContracts)
      .innerJoin(orgUnits, eq(orgUnits.id, laborContracts.employerId))
      .where(eq(laborContracts.employeeId, id))
      .orderBy(asc(laborContracts.startDate));
    const history = await db.select().from(jobHistory).where(eq(jobHistory.employeeId, id)).orderBy(asc(jobHistory.effectiveDate), asc(jobHistory.createdAt));
    const unmasked = inScope(access.hr, e.orgPath);
    const [account] = e.userId ? await db.select({ username: users.username, disabled: users.disabled }).from(users).where(eq(users.id, e.userId)) : [];
    const email = crypto.decrypt(e.emailEnc);
    const mobile = crypto.decrypt(e.mobileEnc);
    const nationalId = crypto.decrypt(e.nationalIdEnc);
    if (unmasked && (email || mobile || nationalId)) {
      await db.transaction((tx) => audit.append(tx, ctx, { action: 'employee.view_sensitive', entityType: 'employee', entityId: id, after: { fields: ['email', 'mobile', 'nationalId'] } }));
    }
    return {
      id: e.id,
      employeeNo: e.employeeNo,
      name: e.name,
      unitId: e.unitId,
      unitName: unit!.name,
      position: e.position,
      grade: e.grade,
      status: e.status as EmployeeDetail['status'],
      managerName: mgr?.name ?? null,
      hireDate: e.hireDate,
      gender: e.gender as EmployeeDetail['gender'],
      birthDate: e.birthDate,
      orgPath: path.map(({ id: pid, name }) => ({ id: pid, name })),
      managerId: e.managerId,
      serviceStartDate: e.serviceStartDate,
      leaveDate: e.leaveDate,
      leaveReason: e.leaveReason,
      email: unmasked ? email : maskEmail(email),
      mobile: unmasked ? mobile : maskMobile(mobile),
      nationalId: unmasked ? nationalId : maskNationalId(nationalId),
      masked: !unmasked,
      canManage: unmasked,
      account: account ? { username: unmasked ? account.username : null, disabled: account.disabled } : null,
      wecomUserId: e.wecomUserId,
      contracts: contracts.map((c) => ({ ...c, type: c.type as EmployeeDetail['contracts'][number]['type'] })),
      history: history.map((h) => ({ id: h.id, effectiveDate: h.effectiveDate, changes: h.changes as Record<string, { from: unknown; to: unknown }>, reason: h.reason })),
    };
  }

  async function unitInHrScope(tx: Tx, access: Access, unitId: string, field: string) {
    const [u] = await tx.select().from(orgUnits).where(eq(orgUnits.id, unitId));
    if (!u || !inScope(access.hr, u.path)) throw fieldError(field, '组织单元不存在或不在您的管理范围内');
    if (!u.active) throw fieldError(field, '组织单元已停用');
    return u;
  }

  async function managerCheck(tx: Tx, managerId: string, employeeId: string | null) {
    const [m] = await tx.select({ id: employees.id, status: employees.status }).from(employees).where(eq(employees.id, managerId));
    if (!m || m.status === 'left') throw fieldError('body.managerId', '上级不存在或已离职');
    if (employeeId) {
      if (managerId === employeeId) throw fieldError('body.managerId', '不能把自己设为上级');
      // the new manager must not report to this employee: that would close a loop
      const [mgr] = await tx.select({ reportPath: employees.reportPath }).from(employees).where(eq(employees.id, managerId));
      if (mgr?.reportPath.includes(`/${employeeId}/`)) throw fieldError('body.managerId', '汇报关系不能形成环');
    }
  }

  /** Creates an employee with the initial job history entry (and contract), HR in scope only. */
  async function create(access: Access, ctx: AuditContext, input: CreateEmployee): Promise<string> {
    if (access.hr !== 'all' && access.hr.length === 0) throw new AppError('FORBIDDEN', '只有人力资源角色可以新增员工');
    return db.transaction(async (tx) => {
      const unit = await unitInHrScope(tx, access, input.unitId, 'body.unitId');
      const [dup] = await tx.select({ id: employees.id }).from(employees).where(eq(employees.employeeNo, input.employeeNo));
      if (dup) throw new AppError('CONFLICT', `工号 ${input.employeeNo} 已存在`, { issues: [{ path: 'body.employeeNo', message: '已存在' }] });
      if (input.managerId) await managerCheck(tx, input.managerId, null);
      if (input.contract) {
        const [employer] = await tx.select({ type: orgUnits.type }).from(orgUnits).where(eq(orgUnits.id, input.contract.employerId));
        if (!employer || (employer.type !== 'subsidiary' && employer.type !== 'group')) throw fieldError('body.contract.employerId', '用人单位必须是子公司或集团');
      }
      const now = clock.now();
      const id = globalThis.crypto.randomUUID();
      const row = {
        id,
        employeeNo: input.employeeNo,
        name: input.name,
        gender: input.gender,
        birthDate: input.birthDate ?? null,
        unitId: unit.id,
        orgPath: unit.path,
        position: input.position,
        grade: input.grade,
        managerId: input.managerId ?? null,
        reportPath: await reportPathUnder(tx, id, input.managerId ?? null),
        hireDate: input.hireDate,
        serviceStartDate: input.serviceStartDate ?? input.hireDate,
        status: input.status,
        emailEnc: crypto.encrypt(input.email ?? null),
        emailBidx: crypto.blindIndex(input.email ?? null),
        mobileEnc: crypto.encrypt(input.mobile ?? null),
        mobileBidx: crypto.blindIndex(input.mobile ?? null),
        nationalIdEnc: crypto.encrypt(input.nationalId ?? null),
        nationalIdBidx: crypto.blindIndex(input.nationalId ?? null),
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(employees).values(row);
      await tx.insert(jobHistory).values({
        employeeId: id,
        effectiveDate: input.hireDate,
        changes: { unitId: { from: null, to: unit.id }, managerId: { from: null, to: row.managerId }, position: { from: null, to: row.position }, grade: { from: null, to: row.grade }, status: { from: null, to: row.status } },
        reason: '入职',
        actorId: ctx.actorId,
        createdAt: now,
      });
      if (input.contract) {
        await tx.insert(laborContracts).values({ employeeId: id, employerId: input.contract.employerId, type: input.contract.type, startDate: input.contract.startDate, endDate: input.contract.endDate ?? null, createdAt: now });
      }
      await audit.append(tx, ctx, { action: 'employee.create', entityType: 'employee', entityId: id, after: { ...row, email: input.email ?? null, mobile: input.mobile ?? null, nationalId: input.nationalId ?? null } });
      return id;
    });
  }

  /** What a leaver leaves behind for HR to hand over. */
  async function openWork(exec: Db | Tx, id: string) {
    const reports = await exec.select({ id: employees.id, name: employees.name, employeeNo: employees.employeeNo }).from(employees).where(and(eq(employees.managerId, id), sql`${employees.status} <> 'left'`));
    const leads = await exec.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(or(eq(orgUnits.leaderId, id), eq(orgUnits.hrHeadId, id)));
    const hrbpOf = await exec.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnitHrbps).innerJoin(orgUnits, eq(orgUnits.id, orgUnitHrbps.unitId)).where(eq(orgUnitHrbps.employeeId, id));
    return { reports, leads, hrbpOf };
  }

  /**
   * A job change effective on a date: unit, manager, position, grade, status. Recorded in the job
   * history; leaving ends the person's sessions and disables their account.
   */
  async function change(access: Access, ctx: AuditContext, id: string, input: ChangeEmployee) {
    return db.transaction((tx) => changeIn(tx, access, ctx, id, input));
  }

  /** `change` inside the caller's transaction (the WeCom sync treats a deleted member as a leaver this way). */
  async function changeIn(tx: Tx, access: Access, ctx: AuditContext, id: string, input: ChangeEmployee) {
    {
      const before = await visibleOr404(tx, access, id);
      if (!inScope(access.hr, before.orgPath)) throw new AppError('FORBIDDEN', '只有该员工所在范围的人力资源角色可以调整');
      const patch: Partial<typeof employees.$inferInsert> = {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.unitId && input.unitId !== before.unitId) {
        const unit = await unitInHrScope(tx, access, input.unitId, 'body.unitId');
        patch.unitId = unit.id;
        patch.orgPath = unit.path;
        changes.unitId = { from: before.unitId, to: unit.id };
      }
      if (input.managerId !== undefined && input.managerId !== before.managerId) {
        if (input.managerId) await managerCheck(tx, input.managerId, id);
        await moveReportingLine(tx, id, input.managerId);
        changes.managerId = { from: before.managerId, to: input.managerId };
      }
      for (const f of ['position', 'grade', 'status'] as const) {
        if (input[f] !== undefined && input[f] !== before[f]) {
          patch[f] = input[f];
          changes[f] = { from: before[f], to: input[f] };
        }
      }
      if (Object.keys(changes).length === 0) throw new AppError('VALIDATION_FAILED', '没有任何变化', { issues: [{ path: 'body', message: '没有任何变化' }] });
      const leaving = patch.status === 'left';
      if (leaving) {
        patch.leaveDate = input.effectiveDate;
        patch.leaveReason = input.leaveReason ?? input.reason;
      }
      const now = clock.now();
      await tx.update(employees).set({ ...patch, updatedAt: now }).where(eq(employees.id, id));
      await tx.insert(jobHistory).values({ employeeId: id, effectiveDate: input.effectiveDate, changes, reason: input.reason, actorId: ctx.actorId, createdAt: now });
      if (leaving && before.userId) {
        await tx.delete(sessions).where(eq(sessions.userId, before.userId));
        await tx.update(users).set({ disabled: true, updatedAt: now }).where(eq(users.id, before.userId));
      }
      await audit.append(tx, ctx, { action: leaving ? 'employee.leave' : 'employee.change', entityType: 'employee', entityId: id, before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.from])), after: { ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])), effectiveDate: input.effectiveDate, reason: input.reason } });
      await deps.emit?.(tx, 'employee.updated', { employeeId: id, employeeNo: before.employeeNo, changes, effectiveDate: input.effectiveDate, reason: input.reason });
      if (leaving) await deps.onLeave?.(tx, ctx, id);
      return { openWork: leaving ? await openWork(tx, id) : null };
    }
  }

  /** Open work of a person (reports, units led, HRBP duties) for handover; HR in scope. */
  async function handover(access: Access, id: string) {
    const e = await visibleOr404(db, access, id);
    if (!inScope(access.hr, e.orgPath)) throw new AppError('FORBIDDEN', '只有人力资源角色可以查看交接事项');
    return openWork(db, id);
  }

  /** Moves all of a person's reports to a new manager, each with its history entry. */
  async function reassignReports(access: Access, ctx: AuditContext, id: string, input: { newManagerId: string; effectiveDate: string; reason: string }) {
    return db.transaction(async (tx) => {
      const e = await visibleOr404(tx, access, id);
      if (!inScope(access.hr, e.orgPath)) throw new AppError('FORBIDDEN', '只有人力资源角色可以办理交接');
      await managerCheck(tx, input.newManagerId, null);
      const reports = await tx.select({ id: employees.id }).from(employees).where(and(eq(employees.managerId, id), sql`${employees.status} <> 'left'`));
      const ids = reports.map((r) => r.id).filter((r) => r !== input.newManagerId);
      if (ids.length === 0) return { moved: 0 };
      const now = clock.now();
      for (const rid of ids) await moveReportingLine(tx, rid, input.newManagerId);
      await tx.update(employees).set({ updatedAt: now }).where(inArray(employees.id, ids));
      await tx.insert(jobHistory).values(ids.map((rid) => ({ employeeId: rid, effectiveDate: input.effectiveDate, changes: { managerId: { from: id, to: input.newManagerId } }, reason: input.reason, actorId: ctx.actorId, createdAt: now })));
      await deps.onReportsMoved?.(tx, ctx, id, input.newManagerId, ids);
      await audit.appendBatch(tx, ctx, { action: 'employee.reassign_reports', entityType: 'employee', entityId: id, counts: { moved: ids.length }, items: ids, note: { newManagerId: input.newManagerId } });
      return { moved: ids.length };
    });
  }

  return { list, detail, create, change, changeIn, handover, reassignReports };
}
