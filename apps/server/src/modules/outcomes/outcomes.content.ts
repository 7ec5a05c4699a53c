import type { PipFollowUp, PipOutcome } from '@uplift/contract';
import { sha256Hex } from '../files/storage.ts';

export const outcomeLabels: Record<PipOutcome, { 'zh-CN': string; 'en-US': string }> = {
  passed: { 'zh-CN': '通过', 'en-US': 'passed' },
  extended: { 'zh-CN': '延期', 'en-US': 'extended' },
  not_passed: { 'zh-CN': '未通过', 'en-US': 'not passed' },
};
export const followUpLabels: Record<PipFollowUp, string> = { training: '培训', role_adjustment: '调整工作岗位', reassessment: '再评估', termination_review: '终止评审' };

type Person = { name: string; employeeNo: string };

/**
 * What the employee is shown and acknowledges for an outcome (成果确认): exactly this text; its
 * SHA-256 (of the UTF-8 text) is what the acknowledgment names, so anyone can check it. Fixed
 * when the outcome is confirmed and kept with it.
 */
export function outcomeReceipt(input: { planId: string; outcomeId: string; employee: Person; plannedStart: string; plannedEnd: string; outcome: PipOutcome; note: string; followUps: readonly PipFollowUp[]; confirmedOn: string }) {
  const lines = [
    `改进计划评审结果通知`,
    `员工：${input.employee.name}（${input.employee.employeeNo}）`,
    `改进期间：${input.plannedStart} 至 ${input.plannedEnd}`,
    `评审结果：${outcomeLabels[input.outcome]['zh-CN']}`,
    `评审意见：${input.note}`,
    ...(input.outcome === 'passed' ? ['改进计划将结束，改进标记随之解除。'] : []),
    ...(input.outcome === 'not_passed' ? [`后续安排：${input.followUps.map((f) => followUpLabels[f]).join('、') || '（由 HR 另行安排）'}。培训或调岗后，将按原锁定的目标与衡量标准再评估。`] : []),
    `确认日期：${input.confirmedOn}`,
    `如有异议，可在计划页面提出申诉。`,
  ];
  const text = lines.join('\n');
  return { text, sha256: sha256Hex(text) };
}

/** The written notice of a role adjustment (调岗通知书) the employee signs: exactly this text and its SHA-256. */
export function roleAdjustmentNotice(input: { planId: string; employee: Person; from: { position: string; grade: string | null }; to: { position: string; grade: string | null }; effectiveOn: string; reason: string; relation: string; issuedOn: string }) {
  const grade = (g: string | null) => (g ? `（职级 ${g}）` : '');
  const text = [
    `调整工作岗位通知书`,
    `员工：${input.employee.name}（${input.employee.employeeNo}）`,
    `原岗位：${input.from.position}${grade(input.from.grade)}`,
    `新岗位：${input.to.position}${grade(input.to.grade)}`,
    `生效日期：${input.effectiveOn}`,
    `调整原因：${input.reason}`,
    `与原岗位的关联及合理性：${input.relation}`,
    `本次调整依据改进计划的评审结果作出，与改进计划本身相互独立。`,
    `通知日期：${input.issuedOn}`,
  ].join('\n');
  return { text, sha256: sha256Hex(text) };
}
