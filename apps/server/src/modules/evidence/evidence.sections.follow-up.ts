import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { acknowledgments, pipOutcomes, pipRoleAdjustments, pipTrainings } from '../../db/schema/index.ts';
import { sha256Hex } from '../files/storage.ts';
import { OUTCOME_ACK, ROLE_ADJUSTMENT_ACK, TRAINING_FILES } from '../outcomes/outcomes.queries.ts';
import { attachmentsOf } from './evidence.sections.meetings.ts';
import { peopleById } from './evidence.sections.plan.ts';
import { json, short, type EvidenceFile, type EvidenceSection, type EvidenceTimelineItem } from './evidence.section.ts';


const outcomeLabel: Record<string, string> = { passed: '通过', extended: '延期', not_passed: '未通过' };

async function acksOf(exec: Db | Tx, subjectType: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await exec.select().from(acknowledgments).where(and(eq(acknowledgments.subjectType, subjectType), inArray(acknowledgments.subjectId, [...ids]))).orderBy(asc(acknowledgments.at));
  const who = await peopleById(exec, rows.flatMap((a) => [a.employeeId, a.witnessEmployeeId]));
  return rows.map((a) => ({ ...a, employee: who(a.employeeId), witness: who(a.witnessEmployeeId) }));
}

/** Each round of the final review's outcome (proposed, returned, confirmed) and the employee's receipt or witnessed refusal. */
export const outcomesSection: EvidenceSection = {
  key: 'outcomes',
  title: '成果处理',
  async build(exec, planId, tools) {
    const rows = await exec.select().from(pipOutcomes).where(eq(pipOutcomes.planId, planId)).orderBy(asc(pipOutcomes.round), asc(pipOutcomes.proposedAt));
    if (rows.length === 0) return { files: [] };
    const ids = rows.map((r) => r.id);
    await tools.audit.about([planId, ...ids]);
    const receipts = await acksOf(exec, OUTCOME_ACK, ids);
    const files: EvidenceFile[] = rows.flatMap((o): EvidenceFile[] => {
      const seqs = tools.audit.referring(o.id);
      const record: EvidenceFile = {
        path: `outcomes/round-${o.round}-${short(o.id)}.json`,
        kind: 'record',
        title: `成果处理第 ${o.round} 轮：${outcomeLabel[o.outcome] ?? o.outcome}（${o.status === 'confirmed' ? '已确认' : o.status === 'returned' ? '已退回' : '待确认'}）`,
        content: json({ ...o, receiptHashMatches: o.receiptText === null ? null : sha256Hex(o.receiptText) === o.receiptSha256, receipt: receipts.filter((a) => a.subjectId === o.id) }),
        auditSeqs: seqs,
      };
      // the exact text the employee was shown and acknowledged (or refused)
      return o.receiptText ? [record, { path: `outcomes/round-${o.round}-${short(o.id)}-receipt.txt`, kind: 'record', title: `成果处理第 ${o.round} 轮：员工签收的结果通知`, content: o.receiptText, auditSeqs: seqs }] : [record];
    });
    const texts = rows.map((o) => ({ heading: `成果处理第 ${o.round} 轮：${outcomeLabel[o.outcome] ?? o.outcome}（${o.proposedByName} 提出${o.confirmedByName ? `，${o.confirmedByName} 确认` : ''}）`, body: [o.note, o.extensionReason ? `延期原因：${o.extensionReason}` : '', o.returnComment ? `退回意见：${o.returnComment}` : ''].filter(Boolean).join('\n') }));
    return { files, texts };
  },
};

/** Trainings tied to the plan's gaps: topic, dates, trainer, attendance and materials (original bytes). */
export const trainingsSection: EvidenceSection = {
  key: 'trainings',
  title: '培训记录',
  async build(exec, planId, tools) {
    const rows = await exec.select().from(pipTrainings).where(eq(pipTrainings.planId, planId)).orderBy(asc(pipTrainings.startsOn));
    if (rows.length === 0) return { files: [] };
    await tools.audit.about([planId, ...rows.map((r) => r.id)]);
    const files: EvidenceFile[] = [];
    const timeline: EvidenceTimelineItem[] = [];
    for (const t of rows) {
      const dir = `trainings/${t.startsOn}-${short(t.id)}`;
      const materials = await attachmentsOf(exec, tools, TRAINING_FILES, t.id, `${dir}/materials`, '培训');
      files.push(...materials.files, { path: `${dir}/training.json`, kind: 'record', title: `培训：${t.topic}（${t.startsOn} 至 ${t.endsOn}）`, content: json({ ...t, materials: materials.listed }), auditSeqs: tools.audit.referring(t.id) });
      timeline.push(...materials.timeline);
    }
    return { files, timeline };
  },
};

/** Role adjustments with the notice the employee signs (its text, checked against its SHA-256) and the signature or refusal. */
export const roleAdjustmentsSection: EvidenceSection = {
  key: 'role-adjustments',
  title: '调岗记录',
  async build(exec, planId, tools) {
    const rows = await exec.select().from(pipRoleAdjustments).where(eq(pipRoleAdjustments.planId, planId)).orderBy(asc(pipRoleAdjustments.createdAt));
    if (rows.length === 0) return { files: [] };
    await tools.audit.about([planId, ...rows.map((r) => r.id)]);
    const signed = await acksOf(exec, ROLE_ADJUSTMENT_ACK, rows.map((r) => r.id));
    const files: EvidenceFile[] = rows.flatMap((r): EvidenceFile[] => {
      const dir = `role-adjustments/${r.effectiveOn}-${short(r.id)}`;
      const seqs = tools.audit.referring(r.id);
      return [
        { path: `${dir}/role-adjustment.json`, kind: 'record', title: `调岗：${r.fromPosition} → ${r.toPosition}（${r.effectiveOn} 生效）`, content: json({ ...r, noticeHashMatches: sha256Hex(r.noticeText) === r.noticeSha256, acknowledgments: signed.filter((a) => a.subjectId === r.id) }), auditSeqs: seqs },
        { path: `${dir}/notice.txt`, kind: 'record', title: '调岗通知书（员工签收的文字）', content: r.noticeText, auditSeqs: seqs },
      ];
    });
    return { files, texts: rows.map((r) => ({ heading: `调岗通知书（${r.fromPosition} → ${r.toPosition}，${r.effectiveOn} 生效）`, body: r.noticeText })) };
  },
};
