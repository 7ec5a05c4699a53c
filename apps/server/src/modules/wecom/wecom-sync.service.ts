import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { syncFieldSchema, type SyncDiff, type SyncField, type SyncMaster, type SyncRun, type SyncStatus } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { employees, orgUnits, wecomSyncFields, wecomSyncRuns } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import type { WecomClient } from '../../integrations/wecom/wecom.client.ts';
import type { EventRegistry, WecomEvent } from '../../integrations/wecom/wecom.events.ts';
import { xmlText } from '../../integrations/wecom/wecom.xml.ts';
import type { Access } from '../access/access.ts';
import { systemActor, type Audit, type AuditContext } from '../audit/audit.service.ts';
import type { People } from '../people/people.service.ts';
import { computeSyncDiff, normaliseMobile, syncHash, type SyncInputs, type SyncMember } from './wecom-sync.diff.ts';

type Mode = 'full' | 'daily';
type Handover = NonNullable<SyncRun['result']>['handover'][number];
const REASON = '企业微信通讯录同步';

/** The sync writes as HR everywhere once the route has checked the caller (group HR or sys_admin). */
const syncAccess = (actorId: string | null): Access => ({ userId: actorId ?? '00000000-0000-0000-0000-000000000000', username: 'system:wecom-sync', roles: new Set(), employeeId: null, reportPath: null, hr: 'all', records: 'all', aggregates: 'all', orgWrite: 'all', isManager: false });

const counts = (d: SyncDiff) => ({ links: d.links.length, updates: d.updates.length, differences: d.differences.length, leavers: d.leavers.length, unmappedDepartments: d.unmappedDepartments.length, proposals: d.proposals.length });

/**
 * Contact sync (通讯录同步): Uplift is master unless a field is set to WeCom. A preview stores
 * the diff and the fingerprint of its inputs; apply recomputes both inside one transaction and
 * refuses a preview the directory, the org or the settings have moved past.
 */
export function createWecomSync(deps: { db: Db; client: WecomClient; audit: Audit; clock: Clock; crypto: FieldCrypto; people: People; events: EventRegistry; businessDate: (at: Date) => string }) {
  const { db, client, audit, clock, crypto, people } = deps;

  async function masters(exec: Db | Tx): Promise<Record<SyncField, SyncMaster>> {
    const rows = await exec.select().from(wecomSyncFields);
    const set = new Map(rows.map((r) => [r.field, r.master as SyncMaster]));
    return Object.fromEntries(syncFieldSchema.options.map((f) => [f, set.get(f) ?? 'uplift'])) as Record<SyncField, SyncMaster>;
  }

  /** Sets the master of some fields; audited with before and after. */
  async function setMasters(ctx: AuditContext, fields: Partial<Record<SyncField, SyncMaster>>) {
    return db.transaction(async (tx) => {
      const before = await masters(tx);
      const now = clock.now();
      for (const [field, master] of Object.entries(fields)) {
        await tx.insert(wecomSyncFields).values({ field, master, updatedBy: ctx.actorId, updatedAt: now }).onConflictDoUpdate({ target: wecomSyncFields.field, set: { master, updatedBy: ctx.actorId, updatedAt: now } });
      }
      const after = await masters(tx);
      await audit.append(tx, ctx, { action: 'wecom.sync_settings', entityType: 'wecom_sync', entityId: null, before, after });
      return { fields: after };
    });
  }

  /** The directory through the contact secret (it returns mobile; the app secret's user/get does not). Outside any transaction. */
  async function directory(): Promise<Pick<SyncInputs, 'departments' | 'members'>> {
    const departments = (await client.listDepartments()).department;
    const members = new Map<string, SyncMember>();
    for (const d of departments) for (const u of (await client.listUsers(d.id)).userlist) members.set(u.userid.toLowerCase(), { ...u, userid: u.userid.toLowerCase() });
    return { departments, members };
  }

  async function inputs(exec: Db | Tx, dir: Pick<SyncInputs, 'departments' | 'members'>): Promise<SyncInputs> {
    const units = await exec.select({ id: orgUnits.id, parentId: orgUnits.parentId, deptId: orgUnits.wecomDeptId, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.active, true));
    const emps = await exec
      .select({ id: employees.id, no: employees.employeeNo, name: employees.name, unitId: employees.unitId, managerId: employees.managerId, status: employees.status, position: employees.position, userid: employees.wecomUserId, mobileBidx: employees.mobileBidx })
      .from(employees);
    return { ...dir, units, employees: emps, masters: await masters(exec) };
  }

  const blind = (m: string) => crypto.blindIndex(m);
  const present = (r: typeof wecomSyncRuns.$inferSelect): SyncRun => {
    const diff = r.diff as SyncDiff;
    return { id: r.id, mode: r.mode as Mode, status: r.status as SyncRun['status'], hash: r.hash, counts: counts(diff), diff, result: (r.result as SyncRun['result']) ?? null, createdAt: r.createdAt.toISOString(), appliedAt: r.appliedAt?.toISOString() ?? null };
  };

  /** Computes and stores a diff (nothing else changes). */
  async function preview(ctx: AuditContext, mode: Mode): Promise<SyncRun> {
    const dir = await directory();
    const i = await inputs(db, dir);
    const diff = computeSyncDiff(i, mode, blind);
    const [row] = await db.insert(wecomSyncRuns).values({ mode, hash: syncHash(i, mode), diff, status: 'preview', createdBy: ctx.actorId, createdAt: clock.now() }).returning();
    return present(row!);
  }

  /** Applies a stored preview, all or nothing; 409 when it is no longer current or already applied. */
  async function apply(ctx: AuditContext, previewId: string): Promise<SyncRun> {
    const [run] = await db.select().from(wecomSyncRuns).where(eq(wecomSyncRuns.id, previewId));
    if (!run) throw new AppError('NOT_FOUND', `没有这个同步预览：${previewId}`);
    if (run.status !== 'preview') throw new AppError('CONFLICT', `同步预览已${run.status === 'applied' ? '应用' : '过期'}，请重新预览`, { status: run.status });
    const dir = await directory();
    try {
      const row = await db.transaction(async (tx) => {
        // one apply at a time: the fingerprint check and the writes see the same org
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('wecom-contact-sync'))`);
        const i = await inputs(tx, dir);
        if (syncHash(i, run.mode) !== run.hash) throw new AppError('CONFLICT', '预览之后企业微信通讯录、组织或字段设置已变化，请重新预览', { previewId });
        const diff = computeSyncDiff(i, run.mode as Mode, blind);
        const result = await applyDiff(tx, ctx, diff);
        const [done] = await tx.update(wecomSyncRuns).set({ status: 'applied', result, appliedAt: clock.now() }).where(and(eq(wecomSyncRuns.id, run.id), eq(wecomSyncRuns.status, 'preview'))).returning();
        if (!done) throw new AppError('CONFLICT', '同步预览已被其他人应用', { previewId });
        await audit.append(tx, ctx, { action: 'wecom.sync_apply', entityType: 'wecom_sync', entityId: run.id, after: { mode: run.mode, ...result, counts: counts(diff) } });
        return done;
      });
      return present(row);
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT') await db.update(wecomSyncRuns).set({ status: 'stale' }).where(and(eq(wecomSyncRuns.id, run.id), eq(wecomSyncRuns.status, 'preview')));
      throw e;
    }
  }

  async function applyDiff(tx: Tx, ctx: AuditContext, diff: SyncDiff) {
    const access = syncAccess(ctx.actorId);
    const effectiveDate = deps.businessDate(clock.now());
    for (const l of diff.links) {
      const done = await tx.update(employees).set({ wecomUserId: l.userid }).where(and(eq(employees.id, l.employeeId), isNull(employees.wecomUserId))).returning({ id: employees.id });
      if (done.length === 0) throw new AppError('CONFLICT', `员工 ${l.employeeNo} 已关联企业微信账号`);
    }
    if (diff.links.length > 0) await audit.appendBatch(tx, ctx, { action: 'wecom.contacts_link', entityType: 'employee', counts: { linked: diff.links.length }, items: diff.links.map((l) => ({ employeeId: l.employeeId, userid: l.userid, by: l.by })) });
    const byEmployee = new Map<string, SyncDiff['updates']>();
    for (const u of diff.updates) byEmployee.set(u.employeeId, [...(byEmployee.get(u.employeeId) ?? []), u]);
    for (const [id, us] of byEmployee) await updateFields(tx, ctx, access, id, us, effectiveDate);
    const handover: Handover[] = [];
    for (const l of diff.leavers) {
      const work = await leave(tx, ctx, access, l.employeeId, l.reason, effectiveDate);
      if (work && work.reports.length + work.leads.length + work.hrbpOf.length > 0) handover.push({ employeeId: l.employeeId, employeeNo: l.employeeNo, name: l.name, reports: work.reports.length, leads: work.leads.length, hrbpOf: work.hrbpOf.length });
    }
    return { linked: diff.links.length, updated: diff.updates.length, leavers: diff.leavers.length, handover };
  }

  async function updateFields(tx: Tx, ctx: AuditContext, access: Access, id: string, us: { field: SyncField; from: string | null; to: string | null }[], effectiveDate: string) {
    const change: { unitId?: string; managerId?: string | null; position?: string } = {};
    for (const u of us) {
      switch (u.field) {
        case 'name': {
          await tx.update(employees).set({ name: u.to ?? '', updatedAt: clock.now() }).where(eq(employees.id, id));
          await audit.append(tx, ctx, { action: 'employee.change', entityType: 'employee', entityId: id, before: { name: u.from }, after: { name: u.to, reason: REASON } });
          break;
        }
        case 'unit':
          if (u.to) change.unitId = u.to;
          break;
        case 'manager':
          change.managerId = u.to;
          break;
        case 'position':
          if (u.to) change.position = u.to;
          break;
        case 'status':
          break; // leaving is a leaver, not an update
        default: {
          const never: never = u.field;
          throw new Error(`unknown field ${String(never)}`);
        }
      }
    }
    if (Object.keys(change).length > 0) await people.changeIn(tx, access, ctx, id, { ...change, effectiveDate, reason: REASON });
  }

  /** The people module's leaver path (ends sessions, disables the account, job history, audit). */
  async function leave(tx: Tx, ctx: AuditContext, access: Access, id: string, why: 'deleted' | 'left', effectiveDate: string) {
    const { openWork } = await people.changeIn(tx, access, ctx, id, { status: 'left', effectiveDate, reason: REASON, leaveReason: why === 'deleted' ? '企业微信中已删除该成员' : '企业微信中该成员已退出企业' });
    return openWork;
  }

  /** The daily job: links and WeCom-master fields only, applied straight away; idempotent (an empty diff stores nothing). */
  async function daily(): Promise<SyncRun | null> {
    const ctx = systemActor('wecom-sync');
    // previews nobody applied are kept a month, for the record
    await db.delete(wecomSyncRuns).where(and(inArray(wecomSyncRuns.status, ['preview', 'stale']), lt(wecomSyncRuns.createdAt, new Date(clock.now().getTime() - 30 * 86_400_000))));
    const run = await preview(ctx, 'daily');
    if (run.counts.links + run.counts.updates === 0) {
      await db.update(wecomSyncRuns).set({ status: 'applied', result: { linked: 0, updated: 0, leavers: 0, handover: [] }, appliedAt: clock.now() }).where(eq(wecomSyncRuns.id, run.id));
      return { ...run, status: 'applied', result: { linked: 0, updated: 0, leavers: 0, handover: [] } };
    }
    return apply(ctx, run.id);
  }

  async function status(): Promise<SyncStatus> {
    const last = async (cond: ReturnType<typeof eq>) => {
      const [r] = await db.select().from(wecomSyncRuns).where(cond).orderBy(desc(wecomSyncRuns.seq)).limit(1);
      if (!r) return null;
      const { diff: _diff, ...rest } = present(r);
      return rest;
    };
    return { settings: { fields: await masters(db) }, lastApplied: await last(eq(wecomSyncRuns.status, 'applied')), lastDaily: await last(eq(wecomSyncRuns.mode, 'daily')) };
  }

  async function getRun(id: string): Promise<SyncRun> {
    const [r] = await db.select().from(wecomSyncRuns).where(eq(wecomSyncRuns.id, id));
    if (!r) throw new AppError('NOT_FOUND', `没有这个同步预览：${id}`);
    return present(r);
  }

  /**
   * change_contact, inside the callback's transaction (no WeCom calls): a renamed userid follows
   * the employee; a deleted member who is linked leaves (the people module's path) and is
   * unlinked; update_user applies the WeCom-master fields it carries; a deleted department unmaps its unit.
   */
  async function onContactChange(tx: Tx, e: WecomEvent): Promise<void> {
    const ctx = systemActor('wecom');
    if (e.changeType === 'delete_party') {
      const id = Number(xmlText(e.fields, 'Id'));
      const rows = Number.isInteger(id) ? await tx.update(orgUnits).set({ wecomDeptId: null }).where(eq(orgUnits.wecomDeptId, id)).returning({ id: orgUnits.id }) : [];
      for (const r of rows) await audit.append(tx, ctx, { action: 'wecom.department_removed', entityType: 'org_unit', entityId: r.id, before: { wecomDeptId: id }, after: { wecomDeptId: null } });
      return;
    }
    const userid = xmlText(e.fields, 'UserID')?.toLowerCase();
    if (!userid) return;
    if (e.changeType === 'create_user') return linkNewMember(tx, ctx, userid, xmlText(e.fields, 'Alias'), xmlText(e.fields, 'Mobile'));
    if (e.changeType !== 'update_user' && e.changeType !== 'delete_user') return;
    const [emp] = await tx.select().from(employees).where(sql`lower(${employees.wecomUserId}) = ${userid}`);
    if (!emp) return;
    const access = syncAccess(null);
    const effectiveDate = deps.businessDate(clock.now());
    if (e.changeType === 'delete_user') {
      if (emp.status !== 'left') await leave(tx, ctx, access, emp.id, 'deleted', effectiveDate);
      await tx.update(employees).set({ wecomUserId: null }).where(eq(employees.id, emp.id));
      await audit.append(tx, ctx, { action: 'wecom.account_removed', entityType: 'employee', entityId: emp.id, before: { wecomUserId: userid }, after: { wecomUserId: null } });
      return;
    }
    const renamed = xmlText(e.fields, 'NewUserID')?.toLowerCase();
    if (renamed && renamed !== userid) {
      await tx.update(employees).set({ wecomUserId: renamed }).where(eq(employees.id, emp.id));
      await audit.append(tx, ctx, { action: 'wecom.account_renamed', entityType: 'employee', entityId: emp.id, before: { wecomUserId: userid }, after: { wecomUserId: renamed } });
    }
    if (emp.status === 'left') return;
    const m = await masters(tx);
    const us: { field: SyncField; from: string | null; to: string | null }[] = [];
    const name = xmlText(e.fields, 'Name');
    if (m.name === 'wecom' && name && name !== emp.name) us.push({ field: 'name', from: emp.name, to: name });
    const position = xmlText(e.fields, 'Position');
    if (m.position === 'wecom' && position && position !== emp.position) us.push({ field: 'position', from: emp.position, to: position });
    const dept = Number(xmlText(e.fields, 'MainDepartment') ?? NaN);
    if (m.unit === 'wecom' && Number.isInteger(dept)) {
      const [unit] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.wecomDeptId, dept), eq(orgUnits.active, true)));
      if (unit && unit.id !== emp.unitId) us.push({ field: 'unit', from: emp.unitId, to: unit.id });
    }
    if (us.length > 0) await updateFields(tx, ctx, access, emp.id, us, effectiveDate);
    if (m.status === 'wecom' && xmlText(e.fields, 'Status') === '5') await leave(tx, ctx, access, emp.id, 'left', effectiveDate);
  }
  /** create_user: links the one unlinked employee whose number is the userid (or alias), else whose mobile matches. */
  async function linkNewMember(tx: Tx, ctx: AuditContext, userid: string, alias: string | null, mobile: string | null): Promise<void> {
    const [taken] = await tx.select({ id: employees.id }).from(employees).where(sql`lower(${employees.wecomUserId}) = ${userid}`);
    if (taken) return;
    const free = sql`${employees.wecomUserId} is null and ${employees.status} <> 'left'`;
    const nos = [userid, alias?.toLowerCase() ?? userid];
    let hits = await tx.select({ id: employees.id }).from(employees).where(sql`${free} and lower(${employees.employeeNo}) in (${sql.join(nos.map((n) => sql`${n}`), sql`, `)})`);
    let by: 'employee_no' | 'mobile' = 'employee_no';
    const bidx = mobile ? crypto.blindIndex(normaliseMobile(mobile)) : null;
    if (hits.length === 0 && bidx) {
      hits = await tx.select({ id: employees.id }).from(employees).where(sql`${free} and ${employees.mobileBidx} = ${bidx}`);
      by = 'mobile';
    }
    if (hits.length !== 1) return;
    await tx.update(employees).set({ wecomUserId: userid }).where(eq(employees.id, hits[0]!.id));
    await audit.append(tx, ctx, { action: 'wecom.contacts_link', entityType: 'employee', entityId: hits[0]!.id, after: { wecomUserId: userid, by } });
  }
  deps.events.on('change_contact', onContactChange);

  return { masters: () => masters(db), setMasters, preview, apply, daily, status, getRun };
}

export type WecomSync = ReturnType<typeof createWecomSync>;
