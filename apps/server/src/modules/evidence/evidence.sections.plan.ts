import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { acknowledgments, employees, orgUnits, pipApprovalSteps, pipComments, pipEvents, pipPlans, templateSnapshots } from '../../db/schema/index.ts';
import { canonicalJson } from '../audit/audit.chain.ts';
import { sha256Hex } from '../files/storage.ts';
import { PIP_ACK_SUBJECT } from '../pip/pip.acknowledgment.ts';
import { contentOf } from '../pip/pip.goals.ts';
import { goalsOf } from '../pip/pip.queries.ts';
import { json, type EvidenceFile, type EvidenceSection } from './evidence.section.ts';

type Person = { id: string; name: string; employeeNo: string };

/** Names of employees by id (missing ids map to null). */
export async function peopleById(exec: Db | Tx, ids: readonly (string | null | undefined)[]): Promise<(id: string | null | undefined) => Person | null> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  const rows = wanted.length ? await exec.select({ id: employees.id, name: employees.name, employeeNo: employees.employeeNo }).from(employees).where(inArray(employees.id, wanted)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (id) => (id ? (byId.get(id) ?? null) : null);
}

async function planRow(exec: Db | Tx, planId: string) {
  const [row] = await exec.select().from(pipPlans).where(eq(pipPlans.id, planId));
  return row!;
}

/** The plan as it stands, its template snapshot (the locked standard) and its events. */
export const planSection: EvidenceSection = {
  key: 'plan',
  title: '改进计划',
  async build(exec, planId, tools) {
    const plan = await planRow(exec, planId);
    const entries = await tools.audit.about([planId]);
    const who = await peopleById(exec, [plan.employeeId, plan.managerId, plan.hrbpId]);
    const [emp] = await exec.select({ position: employees.position, grade: employees.grade, unit: orgUnits.name }).from(employees).innerJoin(orgUnits, eq(orgUnits.id, employees.unitId)).where(eq(employees.id, plan.employeeId));
    const [snap] = await exec.select().from(templateSnapshots).where(eq(templateSnapshots.id, plan.snapshotId));
    const events = await exec.select().from(pipEvents).where(eq(pipEvents.planId, planId)).orderBy(asc(pipEvents.seq));
    // the plan's own changes: those that set its state or its fields
    const planSeqs = tools.audit.where((e) => e.entityId === planId && (['pip.create', 'pip.update', 'pip.handover'].includes(e.action) || hasState(e.after) || hasState(e.before)));
    const files: EvidenceFile[] = [
      {
        path: 'plan/plan.json',
        kind: 'record',
        title: '计划（当前状态）',
        content: json({ ...plan, employee: { ...who(plan.employeeId), ...emp }, manager: who(plan.managerId), hrbp: who(plan.hrbpId) }),
        auditSeqs: planSeqs,
      },
      { path: 'plan/events.json', kind: 'record', title: '计划事件（时间线原始记录）', content: json(events), auditSeqs: entries.filter((e) => e.action.startsWith('pip.')).map((e) => e.seq) },
    ];
    if (snap) {
      const intact = sha256Hex(canonicalJson(snap.content)) === snap.sha256;
      files.push({ path: 'plan/template-snapshot.json', kind: 'record', title: '计划模板快照（锁定的标准）', content: json({ id: snap.id, sha256: snap.sha256, hashMatches: intact, policyVersionId: snap.policyVersionId, policyVersion: snap.policyVersion, createdAt: snap.createdAt, content: snap.content }), auditSeqs: tools.audit.referring(snap.id) });
    }
    return { files };
  },
};

const hasState = (v: unknown) => v !== null && typeof v === 'object' && 'state' in v;
const field = (v: unknown, k: string): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined);

/**
 * The goals: as they stand, and every version the employee acknowledged (or refused before a
 * witness) with exactly the content shown and its SHA-256, checked against the acknowledgment.
 */
export const goalsSection: EvidenceSection = {
  key: 'goals',
  title: '改进目标及各签收版本',
  async build(exec, planId, tools) {
    const plan = await planRow(exec, planId);
    await tools.audit.about([planId]);
    const goals = await goalsOf(exec, planId);
    const acks = await exec.select().from(acknowledgments).where(and(eq(acknowledgments.subjectType, PIP_ACK_SUBJECT), eq(acknowledgments.subjectId, planId))).orderBy(asc(acknowledgments.at));
    const versionSeqs = (v: number) => tools.audit.where((e) => e.entityId === planId && (field(e.after, 'goalsVersion') === v || (field(e.after, 'version') === v && /acknowledg|refus/.test(e.action))));
    const files: EvidenceFile[] = [
      {
        path: 'goals/current.json',
        kind: 'record',
        title: `当前目标（第 ${plan.goalsVersion} 版）`,
        content: json({ goalsVersion: plan.goalsVersion, finalisedAt: plan.goalsFinalisedAt, goals }),
        auditSeqs: versionSeqs(plan.goalsVersion),
      },
    ];
    const current = await contentOf(exec, { plan, orgPath: '', reportPath: null, employeeUserId: null });
    const texts: { heading: string; body: string }[] = [];
    for (const v of [...new Set(acks.map((a) => a.subjectVersion))].sort((a, b) => a - b)) {
      const signed = acks.filter((a) => a.subjectVersion === v);
      const sha = signed[0]!.contentSha256;
      // the content shown is kept with the acknowledgment's event (in the audit chain); older records fall back to today's content when its hash still matches
      const captured = tools.audit.all().find((e) => e.entityId === planId && /^pip\.(acknowledge|record_refusal)$/.test(e.action) && field(e.after, 'version') === v && field(e.after, 'content') !== undefined);
      const fromChain = captured ? { content: field(captured.after, 'content'), text: field(captured.after, 'text') ?? null, source: `audit #${captured.seq}` } : null;
      const fromNow = !fromChain && current.version === v && current.sha256 === sha ? { content: current.content, text: current.text, source: 'current goals (hash matches)' } : null;
      const shown = fromChain ?? fromNow;
      const record = {
        version: v,
        acknowledgedSha256: sha,
        content: shown?.content ?? null,
        text: shown?.text ?? null,
        contentSource: shown?.source ?? null,
        contentHashMatches: shown ? sha256Hex(canonicalJson(shown.content)) === sha : null,
        note: shown ? null : '该版本签收时的内容未随记录保存，仅能以 SHA-256 核对 / the content of this version was not kept with its acknowledgment; only its SHA-256 is on record',
      };
      if (typeof record.text === 'string') texts.push({ heading: `第 ${v} 版目标（员工签收的内容，SHA-256 ${sha}）`, body: record.text });
      files.push({ path: `goals/v${v}.json`, kind: 'record', title: `第 ${v} 版目标（签收内容及 SHA-256）`, content: json(record), auditSeqs: versionSeqs(v) });
      if (typeof record.text === 'string') files.push({ path: `goals/v${v}.txt`, kind: 'record', title: `第 ${v} 版目标（员工看到的文字）`, content: `${record.text}\n`, auditSeqs: versionSeqs(v) });
    }
    return { files, texts };
  },
};

/** Every approval round and step, with the approvers' and delegates' names. */
export const approvalsSection: EvidenceSection = {
  key: 'approvals',
  title: '审批',
  async build(exec, planId, tools) {
    await tools.audit.about([planId]);
    const steps = await exec.select().from(pipApprovalSteps).where(eq(pipApprovalSteps.planId, planId)).orderBy(asc(pipApprovalSteps.round), asc(pipApprovalSteps.seq));
    const who = await peopleById(exec, steps.flatMap((s) => [s.approverId, s.delegateId]));
    const rows = steps.map((s) => ({ ...s, approver: who(s.approverId), delegate: who(s.delegateId) }));
    const seqs = tools.audit.where((e) => e.entityId === planId && /^pip\.(submit|withdraw|approve|reject|delegate)$/.test(e.action));
    return { files: [{ path: 'approvals/steps.json', kind: 'record', title: '审批链（各轮各节点）', content: json(rows), auditSeqs: [...new Set([...seqs, ...steps.flatMap((s) => tools.audit.referring(s.id))])].sort((a, b) => a - b) }] };
  },
};

/** The employee's acknowledgments of the plan and refusals recorded before a witness. */
export const acknowledgmentsSection: EvidenceSection = {
  key: 'acknowledgments',
  title: '签收与拒签',
  async build(exec, planId, tools) {
    await tools.audit.about([planId]);
    const acks = await exec.select().from(acknowledgments).where(and(eq(acknowledgments.subjectType, PIP_ACK_SUBJECT), eq(acknowledgments.subjectId, planId))).orderBy(asc(acknowledgments.at));
    const who = await peopleById(exec, acks.flatMap((a) => [a.employeeId, a.witnessEmployeeId]));
    const rows = acks.map((a) => ({ ...a, employee: who(a.employeeId), witness: who(a.witnessEmployeeId) }));
    const seqs = tools.audit.where((e) => e.entityId === planId && /^acknowledgment\./.test(e.action));
    return { files: [{ path: 'acknowledgments/plan.json', kind: 'record', title: '计划签收记录（含见证人拒签）', content: json(rows), auditSeqs: seqs }] };
  },
};

/** Comments on the plan by anyone it concerns. */
export const commentsSection: EvidenceSection = {
  key: 'comments',
  title: '计划评论',
  async build(exec, planId, tools) {
    await tools.audit.about([planId]);
    const rows = await exec.select().from(pipComments).where(eq(pipComments.planId, planId)).orderBy(asc(pipComments.at));
    if (rows.length === 0) return { files: [] };
    return {
      files: [{ path: 'comments/comments.json', kind: 'record', title: '计划评论', content: json(rows), auditSeqs: tools.audit.where((e) => e.entityId === planId && e.action === 'pip.comment') }],
      texts: rows.map((c) => ({ heading: `评论：${c.authorName}（${tools.formatTime(c.at)}）`, body: c.body })),
    };
  },
};
