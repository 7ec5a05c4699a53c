import { asc, eq } from 'drizzle-orm';
import { protectedSituationLabels, type CreateProtectedSituation, type ProtectedRecord, type Retirement, type RetirementCategory, type SetRetirement } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { employees, protectedSituations, retirementDates } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import { inScope, type Access } from '../access/access.ts';
import { callerName } from '../pip/pip.queries.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { decryptSituation } from './guard.facts.ts';
import { fromNationalId, statutoryRetirement } from './retirement.ts';

export type ProtectedDeps = { db: Db; clock: Clock; audit: Audit; crypto: FieldCrypto };


/**
 * The employee, for HR whose HR scope covers them: 403 without any HR role (the employee, the
 * manager, auditors — health data is not a record auditors read, as sensitive fields stay masked
 * for them in the people module), 404 outside the scope, 403 for one's own record.
 */
async function hrEmployee(exec: Db | Tx, access: Access, id: string) {
  if (access.hr !== 'all' && access.hr.length === 0) throw new AppError('FORBIDDEN', '只有人力资源角色可以查看或登记第四十二条保护情形');
  const [e] = await exec.select().from(employees).where(eq(employees.id, id));
  if (!e || !inScope(access.hr, e.orgPath)) throw new AppError('NOT_FOUND', `没有这个员工：${id}`);
  if (e.id === access.employeeId) throw new AppError('FORBIDDEN', '不能查看或登记本人的保护情形');
  return e;
}

/** 第四十二条 records (HR-only, encrypted at rest) and the statutory retirement date; nothing deleted, every change audited. */
export function createProtectedRecords(deps: ProtectedDeps) {
  const { db, clock, audit, crypto } = deps;

  async function present(exec: Db | Tx, e: typeof employees.$inferSelect): Promise<ProtectedRecord> {
    const rows = await exec.select().from(protectedSituations).where(eq(protectedSituations.employeeId, e.id)).orderBy(asc(protectedSituations.fromDate), asc(protectedSituations.recordedAt));
    const [r] = await exec.select().from(retirementDates).where(eq(retirementDates.employeeId, e.id));
    return {
      employeeId: e.id,
      serviceStartDate: e.serviceStartDate,
      situations: rows
        .map((row) => decryptSituation(crypto, row))
        .map((s) => ({
          id: s.id,
          kind: s.kind,
          label: protectedSituationLabels[s.kind],
          from: s.fromDate,
          to: s.toDate,
          note: s.note,
          recorded: { name: s.recordedByName, at: s.recordedAt.toISOString() },
          ended: s.endedAt && s.endedByName ? { name: s.endedByName, at: s.endedAt.toISOString() } : null,
        })),
      retirement: r
        ? { date: r.date, source: r.source as 'entered' | 'computed', basis: (r.basis as Retirement['basis']) ?? null, note: crypto.decrypt(r.noteEnc) ?? '', recorded: { name: r.recordedByName, at: r.recordedAt.toISOString() } }
        : null,
    };
  }

  /** HR reads an employee's protected record; the view is audited like other sensitive fields. */
  async function read(access: Access, ctx: AuditContext, employeeId: string): Promise<ProtectedRecord> {
    const e = await hrEmployee(db, access, employeeId);
    await db.transaction((tx) => audit.append(tx, ctx, { action: 'protected.view', entityType: 'employee', entityId: e.id }));
    return present(db, e);
  }

  async function add(access: Access, ctx: AuditContext, employeeId: string, input: CreateProtectedSituation): Promise<string> {
    if (input.to !== null && input.to < input.from) throw fieldError('body.to', '结束日期不能早于开始日期');
    return db.transaction(async (tx) => {
      const e = await hrEmployee(tx, access, employeeId);
      const [row] = await tx
        .insert(protectedSituations)
        .values({ employeeId: e.id, kindEnc: crypto.encrypt(input.kind)!, fromDate: input.from, toDate: input.to, noteEnc: crypto.encrypt(input.note), recordedBy: access.userId, recordedByName: await callerName(tx, access), recordedAt: clock.now() })
        .returning({ id: protectedSituations.id });
      // the audit trail names the record and its dates, not the health data
      await audit.append(tx, ctx, { action: 'protected.add', entityType: 'protected_situation', entityId: row!.id, after: { employeeId: e.id, from: input.from, to: input.to } });
      return row!.id;
    });
  }

  /** Ends (or shortens) a situation: its end date is set, the record stays. */
  async function end(access: Access, ctx: AuditContext, employeeId: string, situationId: string, to: string): Promise<ProtectedRecord> {
    return db.transaction(async (tx) => {
      const e = await hrEmployee(tx, access, employeeId);
      const [s] = await tx.select().from(protectedSituations).where(eq(protectedSituations.id, situationId)).for('update');
      if (!s || s.employeeId !== e.id) throw new AppError('NOT_FOUND', `没有这条保护情形记录：${situationId}`);
      if (to < s.fromDate) throw fieldError('body.to', `结束日期不能早于开始日期 ${s.fromDate}`);
      if (s.toDate !== null && s.toDate <= to) throw new AppError('CONFLICT', `该情形已于 ${s.toDate} 结束`, { reason: 'situation_ended' });
      await tx.update(protectedSituations).set({ toDate: to, endedByName: await callerName(tx, access), endedAt: clock.now() }).where(eq(protectedSituations.id, s.id));
      await audit.append(tx, ctx, { action: 'protected.end', entityType: 'protected_situation', entityId: s.id, before: { to: s.toDate }, after: { to } });
      return present(tx, e);
    });
  }

  /** The statutory retirement date, entered by HR or computed from birth date, gender and (women) category. */
  async function setRetirement(access: Access, ctx: AuditContext, employeeId: string, input: SetRetirement): Promise<ProtectedRecord> {
    return db.transaction(async (tx) => {
      const e = await hrEmployee(tx, access, employeeId);
      let date: string;
      let basis: Record<string, unknown> | null = null;
      if (input.source === 'entered') date = input.date;
      else {
        const fromId = fromNationalId(crypto.decrypt(e.nationalIdEnc));
        const birthDate = e.birthDate ?? fromId?.birthDate ?? null;
        if (!birthDate) throw new AppError('CONFLICT', '员工档案没有出生日期，身份证号也无法读出：请录入法定退休日期', { reason: 'birth_date_unknown' });
        const category: RetirementCategory = e.gender === 'male' ? 'male_60' : (input.category ?? 'male_60');
        if (e.gender === 'male' && input.category && input.category !== 'male_60') throw fieldError('body.category', '男职工的原法定退休年龄为 60 岁');
        if (e.gender !== 'male' && (!input.category || input.category === 'male_60')) throw fieldError('body.category', '女职工请选择原法定退休年龄：50 岁（female_50）或 55 岁（female_55）');
        const r = statutoryRetirement(birthDate, category);
        date = r.date;
        basis = { birthDate, category, originalAge: r.originalAge, delayMonths: r.delayMonths, ageYears: r.ageYears, ageMonths: r.ageMonths };
      }
      const [before] = await tx.select().from(retirementDates).where(eq(retirementDates.employeeId, e.id)).for('update');
      const row = { date, source: input.source, basis, noteEnc: crypto.encrypt(input.note), recordedBy: access.userId, recordedByName: await callerName(tx, access), recordedAt: clock.now() };
      await tx.insert(retirementDates).values({ employeeId: e.id, ...row }).onConflictDoUpdate({ target: retirementDates.employeeId, set: row });
      await audit.append(tx, ctx, { action: 'protected.retirement', entityType: 'employee', entityId: e.id, before: before ? { date: before.date, source: before.source } : null, after: { date, source: input.source, basis } });
      return present(tx, e);
    });
  }

  return { read, add, end, setRetirement };
}

export type ProtectedRecords = ReturnType<typeof createProtectedRecords>;
