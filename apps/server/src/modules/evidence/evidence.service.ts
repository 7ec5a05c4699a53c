import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { EVIDENCE_FORMAT, EVIDENCE_MANIFEST, type EvidenceCheckpoint, type EvidenceManifest, type EvidenceManifestFile } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { auditCheckpoint, employees, pipEvents, pipPlans } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { inScope, type Access } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Files } from '../files/files.service.ts';
import { loadPlan } from '../pip/pip.queries.ts';
import { createAuditIndex, json, type EvidenceSection, type EvidenceText, type SectionTools } from './evidence.section.ts';
import { builtInSections } from './evidence.sections.ts';
import { eventDetail, eventLabel, renderTimeline, stateLabel, type TimelineRow } from './evidence.timeline.ts';
import { zipToFile, type ZipSink } from './evidence.zip.ts';

export const AUDIT_ENTRIES_PATH = 'audit/entries.json';
export const CHECKPOINT_MESSAGE = 'uplift-audit-checkpoint\n{seq}\n{hash}\n{at}';

/** A finished package on disk, audited; the caller streams it and then removes it. */
export type EvidenceExport = { file: string; size: number; fileName: string; manifestSha256: string; cleanup(): Promise<void> };

type Built = { manifestFiles: EvidenceManifestFile[]; rows: TimelineRow[]; texts: EvidenceText[]; facts: [string, string][]; employee: { name: string; employeeNo: string }; state: string };

/** First 16 hex digits of the key's SHA-256: names the checkpoint key without revealing it. */
export const checkpointKeyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * The evidence package of a plan (证据包): the registered sections' records and attachments,
 * a readable Chinese timeline and a manifest with SHA-256s, audit positions and the latest signed
 * checkpoint. Read in one read-only snapshot, written to a temporary ZIP in bounded memory, and
 * audited before a byte of it leaves.
 */
export function createEvidence(deps: { db: Db; clock: Clock; audit: Audit; files: Pick<Files, 'read'>; checkpointKey: Buffer; timeZone: string; sections?: readonly EvidenceSection[] }) {
  const { db, clock, audit, files } = deps;
  const sections: EvidenceSection[] = [...builtInSections, ...(deps.sections ?? [])];
  const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: deps.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  const formatTime = (at: Date | string) => timeFormat.format(new Date(at)).replace(/\//g, '-');

  /** Adds a section (e.g. the termination review and its guard report) after the built-in ones. */
  function register(section: EvidenceSection): void {
    if (sections.some((s) => s.key === section.key)) throw new Error(`evidence section "${section.key}" is registered twice`);
    sections.push(section);
  }

  /** Auditors and HR whose records scope covers the employee may export; never one's own plan. */
  function mayExport(access: Access, orgPath: string, employeeId: string): boolean {
    return inScope(access.records, orgPath) && employeeId !== access.employeeId;
  }

  async function build(tx: Tx, planId: string, sink: ZipSink): Promise<Built> {
    const index = createAuditIndex(tx);
    const tools: SectionTools = { audit: index, readFile: (exec, id) => files.read(exec, id), formatTime };
    const manifestFiles: EvidenceManifestFile[] = [];
    const seen = new Set<string>();
    const add = async (section: string, f: { path: string; content: Buffer | string; kind?: EvidenceManifestFile['kind']; title?: string; auditSeqs?: readonly number[] }) => {
      if (seen.has(f.path) || f.path === EVIDENCE_MANIFEST) throw new Error(`evidence file "${f.path}" is written twice`);
      if (f.path.startsWith('/') || f.path.split('/').some((part) => part === '..' || part === '')) throw new Error(`evidence file path "${f.path}" is not a relative path`);
      seen.add(f.path);
      const { sha256, size } = await sink.add(f.path, f.content);
      manifestFiles.push({ path: f.path, sha256, size, kind: f.kind ?? 'record', section, title: f.title ?? f.path, auditSeqs: [...new Set(f.auditSeqs ?? [])].sort((a, b) => a - b) });
    };
    const extra: TimelineRow[] = [];
    const texts: EvidenceText[] = [];
    await index.about([planId]);
    for (const s of sections) {
      const out = await s.build(tx, planId, tools);
      for (const f of out.files) await add(s.key, f);
      for (const t of out.timeline ?? []) extra.push({ at: new Date(t.at).toISOString(), when: formatTime(t.at), title: t.title, actor: t.actor ?? '', detail: t.detail ?? '', auditSeqs: t.auditSeqs ?? [] });
      texts.push(...(out.texts ?? []));
    }
    await add('audit', { path: AUDIT_ENTRIES_PATH, kind: 'audit', title: '审计链记录（本包所依据的全部条目，含哈希与前一条哈希）', content: json(index.all()), auditSeqs: index.all().map((e) => e.seq) });

    // the plan's events, each with the audit entry written with it (same action, time and plan)
    const events = await tx.select().from(pipEvents).where(eq(pipEvents.planId, planId)).orderBy(asc(pipEvents.seq));
    const used = new Set<number>();
    // who acted, by name where the account belongs to an employee
    const actorIds = [...new Set(events.map((ev) => ev.actorId).filter((x): x is string => x !== null))];
    const people = actorIds.length ? await tx.select({ userId: employees.userId, name: employees.name }).from(employees).where(inArray(employees.userId, actorIds)) : [];
    const actorOf = (id: string | null, label: string) => {
      const name = people.find((p) => p.userId === id)?.name;
      return name ? `${name}（${label}）` : label;
    };
    const rows: TimelineRow[] = events.map((ev) => {
      const at = ev.at.toISOString();
      const entry = index.all().find((e) => !used.has(e.seq) && e.entityId === planId && e.action === `pip.${ev.kind}` && e.at === at);
      if (entry) used.add(entry.seq);
      return { at, when: formatTime(ev.at), title: eventLabel(ev.kind), actor: actorOf(ev.actorId, ev.actorLabel), detail: eventDetail(ev.kind, ev.data as Record<string, unknown>, ev.fromState, ev.toState), auditSeqs: entry ? [entry.seq] : [] };
    });
    // by time, then by audit position (several things happen in one transaction)
    const firstSeq = (r: TimelineRow) => r.auditSeqs[0] ?? Number.MAX_SAFE_INTEGER;
    const all = [...rows, ...extra].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : firstSeq(a) - firstSeq(b)));

    const [plan] = await tx.select().from(pipPlans).where(eq(pipPlans.id, planId));
    const [emp] = await tx.select({ name: employees.name, employeeNo: employees.employeeNo, position: employees.position }).from(employees).where(eq(employees.id, plan!.employeeId));
    const names = async (id: string | null) => (id ? ((await tx.select({ name: employees.name }).from(employees).where(eq(employees.id, id)))[0]?.name ?? '') : '');
    const facts: [string, string][] = [
      ['员工', `${emp!.name}（工号 ${emp!.employeeNo}，${emp!.position}）`],
      ['计划编号', plan!.id],
      ['问题类型', plan!.problemType === 'conduct' ? '可整改的违纪行为' : '绩效未达标'],
      ['原因', plan!.reasonText],
      ['计划期间', `${plan!.plannedStart} 至 ${plan!.plannedEnd}`],
      ['当前状态', stateLabel(plan!.state)],
      ['直属上级', await names(plan!.managerId)],
      ['HRBP', await names(plan!.hrbpId)],
      ['发起人', plan!.initiatorName],
    ];
    return { manifestFiles, rows: all, texts, facts, employee: { name: emp!.name, employeeNo: emp!.employeeNo }, state: plan!.state };
  }

  /** The latest signed checkpoint, after signing the current head so it covers every entry read. */
  async function latestCheckpoint(): Promise<EvidenceCheckpoint | null> {
    await audit.checkpoint(db);
    const [cp] = await db.select().from(auditCheckpoint).orderBy(desc(auditCheckpoint.seq)).limit(1);
    if (!cp) return null;
    return { seq: cp.seq, hash: cp.hash, at: cp.at.toISOString(), signature: cp.signature, algorithm: 'HMAC-SHA256', message: CHECKPOINT_MESSAGE, keyId: checkpointKeyId(deps.checkpointKey), publicKey: null };
  }

  /** Builds, audits and hands over the package of one plan (404 when unseen, 403 when seen but not exportable). */
  async function exportPlan(access: Access, ctx: AuditContext, planId: string): Promise<EvidenceExport> {
    const p = await loadPlan(db, access, planId, false);
    if (!mayExport(access, p.orgPath, p.plan.employeeId)) throw new AppError('FORBIDDEN', '只有审计员和管辖范围内的 HR 可以导出证据包（本人的计划除外）');
    const dir = await mkdtemp(join(tmpdir(), 'uplift-evidence-'));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    const file = join(dir, 'evidence.zip');
    const now = clock.now();
    const sink = zipToFile(file, now);
    try {
      // one consistent snapshot for every section
      const built = await db.transaction((tx) => build(tx, planId, sink), { isolationLevel: 'repeatable read', accessMode: 'read only' });
      const checkpoint = await latestCheckpoint();
      const footer = `本时间线由跃升（Uplift）于 ${formatTime(now)} 生成，导出人：${ctx.actorLabel}。每个文件的 SHA-256 及其所依据的审计链位置见 manifest.json${checkpoint ? `；审计链签名检查点 #${checkpoint.seq}（${checkpoint.hash}）` : ''}。可用 npm run evidence:verify -- 文件名 独立校验本证据包。`;
      const html = renderTimeline({ title: `改进计划证据包：${built.employee.name}（${built.employee.employeeNo}）`, facts: built.facts, rows: built.rows, texts: built.texts, footer });
      const timeline = await sink.add('timeline.html', html);
      const manifest: EvidenceManifest = {
        format: EVIDENCE_FORMAT,
        generatedAt: now.toISOString(),
        generatedBy: { userId: ctx.actorId, label: ctx.actorLabel },
        plan: { id: planId, employee: built.employee, state: built.state },
        sections: sections.map((s) => ({ key: s.key, title: s.title })),
        files: [{ path: 'timeline.html', ...timeline, kind: 'report', section: 'timeline', title: '时间线（可读版）', auditSeqs: [...new Set(built.rows.flatMap((r) => r.auditSeqs))].sort((a, b) => a - b) }, ...built.manifestFiles],
        audit: { entriesPath: AUDIT_ENTRIES_PATH, checkpoint },
      };
      const { sha256: manifestSha256 } = await sink.add(EVIDENCE_MANIFEST, json(manifest));
      await sink.finish();
      await db.transaction((tx) =>
        audit.append(tx, ctx, { action: 'evidence.export', entityType: 'pip_plan', entityId: planId, after: { manifestSha256, files: manifest.files.length, checkpointSeq: checkpoint?.seq ?? null } }),
      );
      const fileName = `证据包-${built.employee.name}-${built.employee.employeeNo}-${now.toISOString().slice(0, 10)}.zip`;
      return { file, size: (await stat(file)).size, fileName, manifestSha256, cleanup };
    } catch (e) {
      sink.abort();
      await cleanup();
      throw e;
    }
  }

  return { register, exportPlan, sections: () => sections.map((s) => s.key) };
}

export type Evidence = ReturnType<typeof createEvidence>;
