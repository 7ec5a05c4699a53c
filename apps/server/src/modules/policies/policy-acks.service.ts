import { PassThrough } from 'node:stream';
import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { policyDocument, policySectionsSchema, policySettingsSchema, type AckPerson, type AckStatus, type AckSummary, type MyPolicy } from '@uplift/contract';
import { queryRows, type Db } from '../../db/client.ts';
import { employees, orgUnits, policyVersions } from '../../db/schema/index.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { AppError } from '../../lib/errors.ts';
import { type Access, pathInScope } from '../access/access.ts';
import type { Acknowledgments } from '../acknowledgments/acknowledgments.service.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { RequestMeta } from '../auth/auth.service.ts';
import { contentSha256, type Policies } from './policies.service.ts';
import { ACK_SUBJECT } from './policy-publishing.ts';
import { employeeInScope, inScopeSql, resolveScope } from './policy-scope.ts';

type Row = typeof policyVersions.$inferSelect;
const subjectOf = (v: Row) => ({ type: ACK_SUBJECT, id: v.id, version: v.version });
const statusSql = sql`coalesce(a.status, 'pending')`;

export type PolicyAcks = ReturnType<typeof createPolicyAcks>;

/** Reading and confirming policies: "my policies", confirm / refusal, and the report per unit with its Excel export. */
export function createPolicyAcks(deps: { db: Db; policies: Policies; acks: Acknowledgments }) {
  const { db, policies, acks } = deps;

  async function me(access: Access) {
    if (!access.employeeId) return null;
    const [e] = await db.select().from(employees).where(eq(employees.id, access.employeeId));
    return e ?? null;
  }

  /** The versions in force whose scope includes the caller, with their confirm state. */
  async function mine(access: Access): Promise<MyPolicy[]> {
    const e = await me(access);
    if (!e) return [];
    const rows = await db
      .select({ v: policyVersions, ownerPath: orgUnits.path, ownerName: orgUnits.name })
      .from(policyVersions)
      .innerJoin(orgUnits, eq(orgUnits.id, policyVersions.ownerUnitId))
      .where(eq(policyVersions.state, 'in_force'))
      .orderBy(orgUnits.depth);
    const out: MyPolicy[] = [];
    for (const r of rows) {
      if (!e.orgPath.startsWith(r.ownerPath)) continue;
      const scope = await resolveScope(db, r.ownerPath, policySettingsSchema.parse(r.v.settings));
      if (!employeeInScope(scope, e)) continue;
      const [ack] = await queryRows<{ status: 'confirmed' | 'refused'; content_sha256: string; channel: string; at: Date | string; witness_name: string | null; witness_note: string | null }>(
        db,
        sql`select a.status, a.content_sha256, a.channel, a.at, w.name as witness_name, a.witness_note from acknowledgments a left join employees w on w.id = a.witness_employee_id
            where a.subject_type = ${ACK_SUBJECT} and a.subject_id = ${r.v.id} and a.subject_version = ${r.v.version} and a.employee_id = ${e.id}`,
      );
      out.push({
        id: r.v.id,
        ownerUnitId: r.v.ownerUnitId,
        ownerUnitName: r.ownerName,
        version: r.v.version,
        title: r.v.title,
        effectiveFrom: r.v.effectiveFrom,
        document: policyDocument(r.v.title, policySectionsSchema.parse(r.v.sections)),
        contentSha256: r.v.contentSha256 ?? contentSha256(r.v),
        settings: scope.settings,
        acknowledgment: ack
          ? { status: ack.status, contentSha256: ack.content_sha256, channel: ack.channel, at: new Date(ack.at).toISOString(), witnessName: ack.witness_name, witnessNote: ack.witness_note }
          : null,
      });
    }
    return out;
  }

  /** The caller confirms a version in force for them, with the hash of what they were shown. */
  async function confirm(access: Access, ctx: AuditContext, meta: RequestMeta, id: string, input: { contentSha256: string; channel: 'web' | 'wecom' }) {
    const version = (await mine(access)).find((p) => p.id === id);
    if (!version) throw new AppError('NOT_FOUND', '没有适用于您的这个制度版本');
    await db.transaction(async (tx) => {
      const [v] = await tx.select().from(policyVersions).where(eq(policyVersions.id, id)).for('update');
      if (!v || v.state !== 'in_force') throw new AppError('CONFLICT', '这个版本已不在生效中，请阅读新版本');
      await acks.confirm(tx, ctx, { subject: subjectOf(v), currentSha256: v.contentSha256 ?? contentSha256(v), shownSha256: input.contentSha256, employeeId: access.employeeId!, userId: access.userId, channel: input.channel, ip: meta.ip, userAgent: meta.userAgent });
    });
    return (await mine(access)).find((p) => p.id === id)!;
  }

  /** A version HR may report on: readable, and published (in force or superseded). */
  async function reportable(access: Access, id: string) {
    const { v, owner } = await policies.readable(db, access, id);
    if (v.state !== 'in_force' && v.state !== 'superseded') throw new AppError('CONFLICT', '版本生效后才有确认情况');
    return { v, scope: await resolveScope(db, owner.path, policySettingsSchema.parse(v.settings)) };
  }

  /** HR in the person's scope records a witnessed refusal. */
  async function refuse(access: Access, ctx: AuditContext, id: string, input: { employeeId: string; witnessEmployeeId: string; note: string }) {
    const { v, scope } = await reportable(access, id);
    if (v.state !== 'in_force') throw new AppError('CONFLICT', '只能对生效中的版本记录拒签');
    const people = await db.select().from(employees).where(inArray(employees.id, [input.employeeId, input.witnessEmployeeId]));
    const person = people.find((p) => p.id === input.employeeId);
    if (!person || !employeeInScope(scope, person) || !pathInHr(access, person.orgPath)) throw new AppError('NOT_FOUND', '这个员工不在制度适用范围或您的管理范围内');
    if (!people.some((p) => p.id === input.witnessEmployeeId && p.status !== 'left')) throw new AppError('VALIDATION_FAILED', 'body.witnessEmployeeId: 见证人不存在', { issues: [{ path: 'body.witnessEmployeeId', message: '见证人不存在' }] });
    await db.transaction((tx) => acks.refuse(tx, ctx, { subject: subjectOf(v), currentSha256: v.contentSha256 ?? contentSha256(v), ...input, recordedBy: access.userId }));
  }

  const pathInHr = (access: Access, path: string) => access.hr === 'all' || access.hr.some((p) => path.startsWith(p));

  const base = (v: Row, scope: Awaited<ReturnType<typeof resolveScope>>, access: Access) => sql`
    from employees e
    join org_units u on u.id = e.unit_id
    left join acknowledgments a on a.subject_type = ${ACK_SUBJECT} and a.subject_id = ${v.id} and a.subject_version = ${v.version} and a.employee_id = e.id
    where ${inScopeSql(scope)} and ${pathInScope(sql`e.org_path`, access.records)}`;

  /** Confirmed / refused / pending per unit, within the caller's scope. */
  async function summary(access: Access, id: string): Promise<AckSummary> {
    const { v, scope } = await reportable(access, id);
    const rows = await queryRows<{ unit_id: string; unit_name: string; confirmed: number; refused: number; pending: number }>(
      db,
      sql`select u.id as unit_id, u.name as unit_name,
            count(*) filter (where s.status = 'confirmed')::int as confirmed,
            count(*) filter (where s.status = 'refused')::int as refused,
            count(*) filter (where s.status is null)::int as pending
          from (select e.unit_id, a.status ${base(v, scope, access)}) s join org_units u on u.id = s.unit_id
          group by u.id, u.name, u.path order by u.path`,
    );
    const units = rows.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, confirmed: r.confirmed, refused: r.refused, pending: r.pending }));
    const total = (k: 'confirmed' | 'refused' | 'pending') => units.reduce((s, u) => s + u[k], 0);
    return { totals: { confirmed: total('confirmed'), refused: total('refused'), pending: total('pending') }, units };
  }

  const isKey = (x: unknown): x is [string, string] => Array.isArray(x) && x.length === 2 && x.every((s) => typeof s === 'string');

  /** The people with their state, paged by employee number. */
  async function people(access: Access, id: string, q: { limit: number; cursor?: string; unitId?: string; status?: AckStatus }) {
    const { v, scope } = await reportable(access, id);
    const after = decodeCursor(q.cursor, isKey);
    const rows = await queryRows<{ employee_id: string; employee_no: string; name: string; unit_name: string; status: AckStatus; at: Date | string | null; channel: string | null }>(
      db,
      sql`select e.id as employee_id, e.employee_no, e.name, u.name as unit_name, ${statusSql} as status, a.at, a.channel
          ${base(v, scope, access)}
          ${q.unitId ? sql`and e.unit_id = ${q.unitId}` : sql``}
          ${q.status ? sql`and ${statusSql} = ${q.status}` : sql``}
          ${after ? sql`and e.employee_no > ${after[0]}` : sql``}
          order by e.employee_no limit ${q.limit + 1}`,
    );
    const page = toPage(rows, q.limit, (r) => [r.employee_no, r.employee_id]);
    return { items: page.items.map(toPerson), nextCursor: page.nextCursor };
  }

  /** The whole list as an Excel workbook, streamed in pages (never the whole list in memory). */
  async function exportXlsx(access: Access, id: string, lang: 'zh-CN' | 'en-US'): Promise<{ stream: NodeJS.ReadableStream; fileName: string }> {
    const { v } = await reportable(access, id);
    const out = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const zh = lang === 'zh-CN';
    const ws = wb.addWorksheet(zh ? '确认情况' : 'Acknowledgments');
    ws.columns = [
      { header: zh ? '工号' : 'Employee no.', key: 'no', width: 14 },
      { header: zh ? '姓名' : 'Name', key: 'name', width: 14 },
      { header: zh ? '部门' : 'Unit', key: 'unit', width: 24 },
      { header: zh ? '状态' : 'Status', key: 'status', width: 10 },
      { header: zh ? '时间' : 'At', key: 'at', width: 24 },
      { header: zh ? '渠道' : 'Channel', key: 'channel', width: 10 },
    ];
    const label = (s: AckStatus) => (zh ? { confirmed: '已确认', refused: '拒签', pending: '未确认' }[s] : s);
    void (async () => {
      try {
        let cursor: string | undefined;
        do {
          const page = await people(access, id, { limit: 1000, cursor });
          for (const p of page.items) ws.addRow({ no: p.employeeNo, name: p.name, unit: p.unitName, status: label(p.status), at: p.at ?? '', channel: p.channel ?? '' }).commit();
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        ws.commit();
        await wb.commit();
      } catch (e) {
        out.destroy(e as Error);
      }
    })();
    return { stream: out, fileName: `${v.title}-v${v.version}-${zh ? '确认情况' : 'acknowledgments'}.xlsx` };
  }

  return { mine, confirm, refuse, summary, people, exportXlsx };
}

function toPerson(r: { employee_id: string; employee_no: string; name: string; unit_name: string; status: AckStatus; at: Date | string | null; channel: string | null }): AckPerson {
  return { employeeId: r.employee_id, employeeNo: r.employee_no, name: r.name, unitName: r.unit_name, status: r.status, at: r.at ? new Date(r.at).toISOString() : null, channel: r.channel };
}


