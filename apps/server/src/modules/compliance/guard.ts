import { protectedSituationLabels, type GuardCondition, type GuardEvidence, type GuardReport, type GuardResult, type ProtectedSituationKind } from '@uplift/contract';
import { addDays, addMonths, wholeMonths } from './compliance.dates.ts';

/** An acknowledgment (or refusal) as the guard reads it; `on` is its business date. */
export type AckFact = { id: string; status: 'confirmed' | 'refused'; witnessed: boolean; on: string };

/** Everything the guard relies on, gathered for one plan (guard.facts.ts) or built by a test. */
export type GuardFacts = {
  /** the review date, and the last day of employment it would lead to */
  asOf: string;
  lastDay: string;
  plan: { id: string; plannedStart: string; plannedEnd: string; goalsVersion: number };
  /** acknowledgments of the plan's goals, each naming the goals version signed */
  goalAcks: (AckFact & { version: number })[];
  /** the plan's policy version: adoption record, evidence files, the employee's acknowledgment */
  policy: { id: string; version: number; title: string; adoption: { procedure: string; date: string } | null; evidence: { id: string; name: string }[]; ack: AckFact | null } | null;
  /** the confirmed "not passed" outcome, with the employee's receipt of it (or a witnessed refusal) */
  outcome: { id: string; confirmedOn: string; receipt?: AckFact | null } | null;
  trainings: { id: string; topic: string; startsOn: string; endsOn: string; attendance: string | null }[];
  roleAdjustments: { id: string; toPosition: string; effectiveOn: string; createdOn: string; ack: AckFact | null }[];
  /** completed re-assessments */
  reassessments: { id: string; conclusion: string | null; goalsVersion: number | null; completedOn: string }[];
  situations: { id: string; kind: ProtectedSituationKind; from: string; to: string | null }[];
  serviceStart: string;
  retirement: { date: string; source: string } | null;
  union: { date: string; note: string } | null;
};

type L = { 'zh-CN': string; 'en-US': string };
const l = (zh: string, en: string): L => ({ 'zh-CN': zh, 'en-US': en });

export const guardTitles: Record<GuardCondition, L> = {
  standards_acknowledged: l('考核标准在考核期前告知并签收', 'Standards communicated and acknowledged before the assessed period'),
  policy_acknowledged: l('制度经民主程序通过并经员工签收', 'Policy adopted by a democratic procedure and acknowledged by the employee'),
  training_or_adjustment: l('已培训或调整工作岗位（独立于改进计划）', 'Training or role adjustment recorded, distinct from the PIP'),
  reassessment_not_met: l('按同一标准再评估仍不能胜任', 'Re-assessment on the same standard still not met'),
  no_protected_situation: l('无第四十二条规定的情形', 'No protected situation of Art. 42'),
  union_notified: l('已事先通知工会', 'Union notified in advance'),
};

const counts = (a: AckFact | null | undefined): a is AckFact => !!a && (a.status === 'confirmed' || a.witnessed);
const ackLabel = (a: AckFact) => (a.status === 'confirmed' ? '员工签收' : '见证人在场拒签');
const result = (condition: GuardCondition, met: boolean, explanation: L, evidence: GuardEvidence[]): GuardResult => ({ condition, met, title: guardTitles[condition], explanation, evidence });

/**
 * (a) The plan's locked goals (its current goals version) acknowledged — or refused before a
 * witness — on or before the planned start. "Before the assessed period": the first day counts,
 * because a plan starts when its standards are handed over and signed; work is judged from that
 * day with the standard in hand. Any later day (late signature, or goals amended and signed again
 * mid-plan) leaves part of the period judged without a known standard.
 */
function standards(f: GuardFacts): GuardResult {
  const v = f.plan.goalsVersion;
  const acks = f.goalAcks.filter((a) => a.version === v && counts(a)).sort((a, b) => a.on.localeCompare(b.on));
  const first = acks[0];
  if (!first) return result('standards_acknowledged', false, l(`目标第 ${v} 版没有员工签收或见证人在场的拒签记录`, `No acknowledgment (or witnessed refusal) of goals version ${v}`), []);
  const evidence = [{ kind: 'acknowledgment', id: first.id, date: first.on, label: `${ackLabel(first)}：目标第 ${v} 版` }, { kind: 'plan_start', id: f.plan.id, date: f.plan.plannedStart, label: '计划开始日' }];
  if (first.on <= f.plan.plannedStart) return result('standards_acknowledged', true, l(`目标第 ${v} 版于 ${first.on} 签收，不晚于计划开始日 ${f.plan.plannedStart}`, `Goals version ${v} acknowledged on ${first.on}, on or before the planned start ${f.plan.plannedStart}`), evidence);
  return result(
    'standards_acknowledged',
    false,
    l(`目标第 ${v} 版于 ${first.on} 才签收，晚于计划开始日 ${f.plan.plannedStart}：此前的表现不能以该标准评判`, `Goals version ${v} was acknowledged only on ${first.on}, after the planned start ${f.plan.plannedStart}: work before that cannot be judged by it`),
    evidence,
  );
}

/** (b) The plan's policy version: adoption record with procedure, date and evidence; the employee's acknowledgment of that version. */
function policy(f: GuardFacts): GuardResult {
  const p = f.policy;
  if (!p) return result('policy_acknowledged', false, l('计划未关联制度版本', 'The plan names no policy version'), []);
  const evidence: GuardEvidence[] = [{ kind: 'policy_version', id: p.id, date: null, label: `${p.title}（第 ${p.version} 版）` }];
  if (p.adoption) evidence.push({ kind: 'adoption', id: p.id, date: p.adoption.date, label: `民主程序：${p.adoption.procedure}` });
  for (const e of p.evidence) evidence.push({ kind: 'adoption_evidence', id: e.id, date: null, label: e.name });
  if (counts(p.ack)) evidence.push({ kind: 'acknowledgment', id: p.ack.id, date: p.ack.on, label: `${ackLabel(p.ack)}：制度第 ${p.version} 版` });
  const gaps: L[] = [];
  if (!p.adoption) gaps.push(l('没有民主程序记录', 'no record of the democratic procedure'));
  if (p.evidence.length === 0) gaps.push(l('没有民主程序的证明材料', 'no evidence of the procedure'));
  if (!counts(p.ack)) gaps.push(l(`员工未签收制度第 ${p.version} 版`, `the employee has not acknowledged version ${p.version}`));
  if (gaps.length) return result('policy_acknowledged', false, l(`制度「${p.title}」：${gaps.map((g) => g['zh-CN']).join('；')}`, `Policy "${p.title}": ${gaps.map((g) => g['en-US']).join('; ')}`), evidence);
  return result('policy_acknowledged', true, l(`制度「${p.title}」第 ${p.version} 版经民主程序通过（${p.adoption!.date}）并经员工签收（${p.ack!.on}）`, `Policy "${p.title}" version ${p.version} adopted on ${p.adoption!.date} and acknowledged on ${p.ack!.on}`), evidence);
}

/** Trainings held (attended or partial) and role adjustments signed for, after the outcome was confirmed: what 第四十条第二项 means by training or adjustment. */
function interventions(f: GuardFacts) {
  const since = f.outcome?.confirmedOn ?? null;
  const trainings = f.trainings.filter((t) => since !== null && t.startsOn >= since && t.endsOn <= f.asOf && (t.attendance === 'attended' || t.attendance === 'partial'));
  const adjustments = f.roleAdjustments.filter((r) => since !== null && r.createdOn >= since && r.effectiveOn <= f.asOf && counts(r.ack));
  const ends = [...trainings.map((t) => t.endsOn), ...adjustments.map((r) => r.effectiveOn)].sort();
  return { trainings, adjustments, doneOn: ends[0] ?? null };
}

/** (c) Training or a role adjustment, recorded as its own record after the PIP's outcome (the PIP itself is not training). */
function trainingOrAdjustment(f: GuardFacts): GuardResult {
  if (!f.outcome) return result('training_or_adjustment', false, l('没有已确认的"未通过"评审结果，无法判断其后的培训或调岗', 'No confirmed "not passed" outcome to follow'), []);
  const { trainings, adjustments } = interventions(f);
  const evidence: GuardEvidence[] = [
    { kind: 'outcome', id: f.outcome.id, date: f.outcome.confirmedOn, label: '评审结果"未通过"确认' },
    ...(counts(f.outcome.receipt) ? [{ kind: 'outcome_receipt', id: f.outcome.receipt.id, date: f.outcome.receipt.on, label: `${ackLabel(f.outcome.receipt)}：评审结果` }] : []),
    ...trainings.map((t) => ({ kind: 'training', id: t.id, date: t.endsOn, label: `培训「${t.topic}」${t.startsOn}～${t.endsOn}（${t.attendance === 'attended' ? '出勤' : '部分出勤'}）` })),
    ...adjustments.map((r) => ({ kind: 'role_adjustment', id: r.id, date: r.effectiveOn, label: `调岗至「${r.toPosition}」，${ackLabel(r.ack!)}` })),
  ];
  if (trainings.length || adjustments.length) return result('training_or_adjustment', true, l(`评审结果确认后已培训 ${trainings.length} 次、调岗 ${adjustments.length} 次`, `After the outcome: ${trainings.length} training(s), ${adjustments.length} role adjustment(s)`), evidence);
  const seen = [
    ...f.trainings.map((t) => ({ kind: 'training', id: t.id, date: t.startsOn, label: `不计入：培训「${t.topic}」${t.startsOn < f.outcome!.confirmedOn ? '早于评审结果' : t.endsOn > f.asOf ? '尚未结束' : '缺勤或未记录出勤'}` })),
    ...f.roleAdjustments.map((r) => ({ kind: 'role_adjustment', id: r.id, date: r.effectiveOn, label: `不计入：调岗至「${r.toPosition}」${r.createdOn < f.outcome!.confirmedOn ? '早于评审结果' : r.effectiveOn > f.asOf ? '尚未生效' : '员工未签收通知'}` })),
  ];
  return result(
    'training_or_adjustment',
    false,
    l('评审结果确认后没有已出勤的培训，也没有员工签收（或见证人在场拒签）的调岗通知', 'No training attended and no signed (or witnessed-refused) role adjustment notice after the outcome'),
    [...evidence, ...seen],
  );
}

/** (d) The latest completed re-assessment, on the acknowledged goals version, after the training or adjustment, concluded "not met". */
function reassessment(f: GuardFacts): GuardResult {
  const latest = [...f.reassessments].sort((a, b) => b.completedOn.localeCompare(a.completedOn))[0];
  if (!latest) return result('reassessment_not_met', false, l('没有已完成的再评估', 'No completed re-assessment'), []);
  const v = f.plan.goalsVersion;
  const evidence = [{ kind: 'reassessment', id: latest.id, date: latest.completedOn, label: `再评估（目标第 ${latest.goalsVersion ?? '?'} 版）：${latest.conclusion === 'not_met' ? '仍未达到' : latest.conclusion === 'met' ? '已达到' : '无结论'}` }];
  const { doneOn } = interventions(f);
  if (latest.conclusion !== 'not_met') return result('reassessment_not_met', false, l('最近一次再评估的结论不是"仍未达到"', 'The latest re-assessment did not conclude "not met"'), evidence);
  if (latest.goalsVersion !== v) return result('reassessment_not_met', false, l(`再评估依据目标第 ${latest.goalsVersion ?? '?'} 版，而非签收的第 ${v} 版：不是同一标准`, `The re-assessment judged goals version ${latest.goalsVersion ?? '?'}, not the acknowledged version ${v}: not the same standard`), evidence);
  if ((doneOn && latest.completedOn < doneOn) || (f.outcome && latest.completedOn < f.outcome.confirmedOn))
    return result('reassessment_not_met', false, l(`再评估（${latest.completedOn}）早于培训或调岗完成（${doneOn ?? f.outcome!.confirmedOn}）`, `The re-assessment (${latest.completedOn}) precedes the training or adjustment (${doneOn ?? f.outcome!.confirmedOn})`), evidence);
  return result('reassessment_not_met', true, l(`${latest.completedOn} 按同一标准（目标第 ${v} 版）再评估，仍未达到`, `Re-assessed on ${latest.completedOn} against the same goals (version ${v}): still not met`), evidence);
}

/**
 * (e) No situation of 第四十二条 between the review date and the last day of employment, and not
 * (15+ consecutive years of service and within 5 years of the statutory retirement date) on the
 * last day. The retirement date matters only from 15 years of service: below that it is not asked for.
 */
function protectedSituations(f: GuardFacts): GuardResult {
  const active = f.situations.filter((s) => s.from <= f.lastDay && (s.to === null || s.to >= f.asOf));
  const months = wholeMonths(f.serviceStart, addDays(f.lastDay, 1));
  const evidence: GuardEvidence[] = [
    ...active.map((s) => ({ kind: 'protected_situation', id: s.id, date: s.from, label: `${protectedSituationLabels[s.kind]['zh-CN']}：${s.from}～${s.to ?? '至今'}` })),
    { kind: 'service', id: null, date: f.serviceStart, label: `连续工龄至 ${f.lastDay}：${Math.floor(months / 12)} 年 ${months % 12} 个月` },
  ];
  if (f.retirement) evidence.push({ kind: 'retirement', id: null, date: f.retirement.date, label: `法定退休日期（${f.retirement.source === 'computed' ? 'HR 计算' : 'HR 录入'}）` });
  const reasons: L[] = active.map((s) => l(`${protectedSituationLabels[s.kind]['zh-CN']}（${s.from}～${s.to ?? '至今'}）`, `${protectedSituationLabels[s.kind]['en-US']} (${s.from} – ${s.to ?? 'ongoing'})`));
  if (months >= 180) {
    if (!f.retirement) reasons.push(l('连续工作满十五年，但法定退休日期未知：HR 须录入或计算', '15+ years of service but the statutory retirement date is unknown: HR must enter or compute it'));
    else if (addMonths(f.retirement.date, -60) <= f.lastDay) reasons.push(l(`连续工作满十五年且距法定退休日期（${f.retirement.date}）不足五年`, `15+ years of service and within 5 years of the statutory retirement date (${f.retirement.date})`));
  }
  if (reasons.length) return result('no_protected_situation', false, l(`存在第四十二条情形：${reasons.map((r) => r['zh-CN']).join('；')}`, `Protected under Art. 42: ${reasons.map((r) => r['en-US']).join('; ')}`), evidence);
  return result('no_protected_situation', true, l(`${f.asOf} 至 ${f.lastDay} 期间无第四十二条情形记录`, `No protected situation recorded from ${f.asOf} to ${f.lastDay}`), evidence);
}

/** (f) The union notified, on or before the review date, with a note of how. */
function union(f: GuardFacts): GuardResult {
  const u = f.union;
  if (!u) return result('union_notified', false, l('尚未记录通知工会（随终止评审填写日期和说明）', 'No union notification recorded yet (entered with the termination review)'), []);
  const evidence = [{ kind: 'union_notification', id: null, date: u.date, label: u.note }];
  if (u.date > f.asOf) return result('union_notified', false, l(`通知工会日期 ${u.date} 晚于评审日 ${f.asOf}：须事先通知`, `The union notification date ${u.date} is after the review date ${f.asOf}: it must come first`), evidence);
  return result('union_notified', true, l(`${u.date} 已通知工会`, `Union notified on ${u.date}`), evidence);
}

/** The guard: each condition of 第四十条第二项 and 第四十二条, met or unmet, with the evidence relied on. Advisory: HR decides. */
export function guardReport(f: GuardFacts): GuardReport {
  const conditions = [standards(f), policy(f), trainingOrAdjustment(f), reassessment(f), protectedSituations(f), union(f)];
  return { asOf: f.asOf, lastDay: f.lastDay, conditions, unmet: conditions.filter((c) => !c.met).map((c) => c.condition) };
}

/** The report for someone without HR rights over the employee: protected situations named only as such. */
export function redactProtected(r: GuardReport): GuardReport {
  return {
    ...r,
    conditions: r.conditions.map((c) =>
      c.condition !== 'no_protected_situation' || c.met
        ? c
        : { ...c, explanation: l('存在第四十二条情形（详情仅限 HR 查看）', 'A protected situation of Art. 42 applies (details for HR only)'), evidence: c.evidence.filter((e) => e.kind !== 'protected_situation').map((e) => ({ ...e })) },
    ),
  };
}
