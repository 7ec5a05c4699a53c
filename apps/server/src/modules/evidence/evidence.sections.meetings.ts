import { and, asc, eq, inArray } from 'drizzle-orm';
import { checkinComments, checkinProgress, pipAppeals, pipEvaluationGoals, storedFiles } from '../../db/schema/index.ts';
import type { Db, Tx } from '../../db/client.ts';
import { CHECKIN_FILES, checkinsOfPlan } from '../checkins/checkins.queries.ts';
import { evaluationsOfPlan } from '../evaluations/evaluations.queries.ts';
import { goalsOf } from '../pip/pip.queries.ts';
import { peopleById } from './evidence.sections.plan.ts';
import { json, safeName, short, type EvidenceFile, type EvidenceSection, type EvidenceText, type EvidenceTimelineItem, type SectionTools } from './evidence.section.ts';

const kindLabel: Record<string, string> = { one_on_one: '一对一面谈', three_party: '三方会谈' };

/** The files of an owner in upload order, with their original bytes written under `dir`. */
export async function attachmentsOf(exec: Db | Tx, tools: SectionTools, ownerType: string, ownerId: string, dir: string, label: string) {
  const rows = await exec
    .select({ id: storedFiles.id, name: storedFiles.name, contentType: storedFiles.contentType, size: storedFiles.size, sha256: storedFiles.sha256, createdAt: storedFiles.createdAt, uploadedBy: storedFiles.uploadedBy })
    .from(storedFiles)
    .where(and(eq(storedFiles.ownerType, ownerType), eq(storedFiles.ownerId, ownerId)))
    .orderBy(asc(storedFiles.createdAt));
  const files: EvidenceFile[] = [];
  const listed: (typeof rows[number] & { path: string })[] = [];
  const timeline: EvidenceTimelineItem[] = [];
  for (const r of rows) {
    const bytes = await tools.readFile(exec, r.id);
    if (!bytes) continue;
    const path = `${dir}/${short(r.id)}-${safeName(r.name)}`;
    const seqs = tools.audit.referring(r.id);
    files.push({ path, kind: 'attachment', title: `${label}附件：${r.name}`, content: bytes, auditSeqs: seqs });
    listed.push({ ...r, path });
    timeline.push({ at: r.createdAt, title: `上传${label}附件`, detail: `${r.name}（${r.size} 字节，SHA-256 ${r.sha256}）`, auditSeqs: seqs });
  }
  return { files, listed, timeline };
}

/** Each check-in: minutes, progress per goal, the employee's comments and confirmation, attachments. */
export const checkinsSection: EvidenceSection = {
  key: 'checkins',
  title: '面谈纪要',
  async build(exec, planId, tools) {
    const rows = await checkinsOfPlan(exec, planId);
    if (rows.length === 0) return { files: [] };
    const ids = rows.map((r) => r.id);
    await tools.audit.about([planId, ...ids]);
    const goals = await goalsOf(exec, planId);
    const title = (goalId: string) => goals.find((g) => g.id === goalId)?.title ?? null;
    const progress = await exec.select().from(checkinProgress).where(inArray(checkinProgress.checkinId, ids));
    const comments = await exec.select().from(checkinComments).where(inArray(checkinComments.checkinId, ids)).orderBy(asc(checkinComments.at));
    const files: EvidenceFile[] = [];
    const timeline: EvidenceTimelineItem[] = [];
    const texts: EvidenceText[] = [];
    for (const c of rows) {
      const dir = `checkins/${c.scheduledOn}-${c.kind}-${short(c.id)}`;
      const att = await attachmentsOf(exec, tools, CHECKIN_FILES, c.id, `${dir}/attachments`, kindLabel[c.kind] ?? '面谈');
      files.push(...att.files);
      timeline.push(...att.timeline);
      const record = {
        ...c,
        kindLabel: kindLabel[c.kind] ?? c.kind,
        progress: progress.filter((g) => g.checkinId === c.id).map((g) => ({ ...g, goalTitle: title(g.goalId) })),
        employeeComments: comments.filter((m) => m.checkinId === c.id),
        attachments: att.listed,
      };
      files.push({ path: `${dir}/checkin.json`, kind: 'record', title: `${c.scheduledOn} ${kindLabel[c.kind] ?? c.kind}（纪要、进度、员工意见与确认）`, content: json(record), auditSeqs: tools.audit.referring(c.id) });
      if (c.minutes !== null) texts.push({ heading: `${c.scheduledOn} ${kindLabel[c.kind] ?? c.kind}纪要${c.employeeConfirmedAt ? `（员工已于 ${tools.formatTime(c.employeeConfirmedAt)} 确认）` : '（员工尚未确认）'}`, body: c.minutes });
      for (const m of record.employeeComments) texts.push({ heading: `${c.scheduledOn} 纪要的员工意见：${m.authorName}（${tools.formatTime(m.at)}）`, body: m.body });
      if (c.minutes !== null) files.push({ path: `${dir}/minutes.txt`, kind: 'record', title: `${c.scheduledOn} ${kindLabel[c.kind] ?? c.kind}纪要`, content: `${c.minutes}\n`, auditSeqs: tools.audit.where((e) => e.action === 'pip.checkin_minutes' && tools.audit.referring(c.id).includes(e.seq)) });
    }
    return { files, timeline, texts };
  },
};

/** Each evaluation with all its parts: the manager's rating per goal, the self-assessment, the HRBP's comment. */
export const evaluationsSection: EvidenceSection = {
  key: 'evaluations',
  title: '评估',
  async build(exec, planId, tools) {
    const rows = await evaluationsOfPlan(exec, planId);
    if (rows.length === 0) return { files: [] };
    await tools.audit.about([planId, ...rows.map((r) => r.id)]);
    const goals = await goalsOf(exec, planId);
    const ratings = await exec.select().from(pipEvaluationGoals).where(inArray(pipEvaluationGoals.evaluationId, rows.map((r) => r.id)));
    const texts: EvidenceText[] = rows.flatMap((e) => [
      ...(e.managerAt ? [{ heading: `${e.name}：上级评估（${e.managerName ?? ''}，总体「${e.managerOverall ?? ''}」）`, body: e.managerSummary ?? '' }] : []),
      ...(e.selfAt ? [{ heading: `${e.name}：员工自评（${e.selfName ?? ''}）`, body: e.selfSummary ?? '' }] : []),
      ...(e.hrbpAt ? [{ heading: `${e.name}：HRBP 评语（${e.hrbpName ?? ''}）`, body: e.hrbpComment ?? '' }] : []),
    ]);
    const files: EvidenceFile[] = rows.map((e) => {
      const part = (p: 'manager' | 'self') => ratings.filter((g) => g.evaluationId === e.id && g.part === p).map((g) => ({ ...g, goalTitle: goals.find((x) => x.id === g.goalId)?.title ?? null }));
      return {
        path: `evaluations/${e.opensOn}-${safeName(e.pointKey)}-${short(e.id)}.json`,
        kind: 'record',
        title: `评估：${e.name}（${e.opensOn}）`,
        content: json({ ...e, managerGoals: part('manager'), selfGoals: part('self') }),
        auditSeqs: tools.audit.referring(e.id),
      };
    });
    return { files, texts };
  },
};

/** The employee's appeals and their written answers. */
export const appealsSection: EvidenceSection = {
  key: 'appeals',
  title: '申诉与答复',
  async build(exec, planId, tools) {
    const rows = await exec.select().from(pipAppeals).where(eq(pipAppeals.planId, planId)).orderBy(asc(pipAppeals.createdAt));
    if (rows.length === 0) return { files: [] };
    await tools.audit.about([planId, ...rows.map((r) => r.id)]);
    const who = await peopleById(exec, rows.map((r) => r.handlerId));
    const files: EvidenceFile[] = rows.map((a, i) => ({
      path: `appeals/${String(i + 1).padStart(2, '0')}-${short(a.id)}.json`,
      kind: 'record',
      title: `申诉 ${i + 1}（${a.status === 'open' ? '待答复' : a.status === 'upheld' ? '成立' : '未获支持'}）`,
      content: json({ ...a, handler: who(a.handlerId) }),
      auditSeqs: tools.audit.referring(a.id),
    }));
    const texts: EvidenceText[] = rows.flatMap((a, i) => [
      { heading: `申诉 ${i + 1}（${tools.formatTime(a.createdAt)} 提出，答复期限 ${a.dueDate}）`, body: a.body },
      ...(a.answer ? [{ heading: `申诉 ${i + 1} 的书面答复（${who(a.handlerId)?.name ?? ''}，${a.answeredAt ? tools.formatTime(a.answeredAt) : ''}，${a.status === 'upheld' ? '成立' : '未获支持'}）`, body: a.answer }] : []),
    ]);
    return { files, texts };
  },
};
