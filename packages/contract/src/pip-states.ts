import { z } from 'zod';

/**
 * The states of a PIP. Open states can be cancelled; closed and archived are the record;
 * cancelled keeps everything that happened up to it.
 */
export const pipStates = ['draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review', 'follow_up', 'closed', 'archived', 'cancelled'] as const;
export const pipStateSchema = z.enum(pipStates);
export type PipState = z.infer<typeof pipStateSchema>;

export const openPipStates = ['draft', 'pending_approval', 'goal_setting', 'in_progress', 'paused', 'final_review', 'follow_up'] as const satisfies readonly PipState[];

/** What someone (or the system) can do to a plan; each is one row of the transition table. */
export const pipActions = [
  'submit',
  'withdraw',
  'approve',
  'reject',
  'acknowledge',
  'record_refusal',
  'amend_goals',
  'pause',
  'resume',
  'begin_final_review',
  'extend',
  'begin_follow_up',
  'close',
  'archive',
  'cancel',
  'employee_left',
] as const;
export const pipActionSchema = z.enum(pipActions);
export type PipAction = z.infer<typeof pipActionSchema>;

/** Who acts, relative to the plan. */
export const pipActors = ['initiator', 'manager', 'hrbp', 'hr', 'approver', 'employee', 'system'] as const;
export type PipActor = (typeof pipActors)[number];

/** Why a plan is paused: an absence the policy names, or goals edited after acknowledgment. */
export const pipPauseReasons = ['absence', 'reacknowledgment'] as const;
export type PipPauseReason = (typeof pipPauseReasons)[number];

export const pipStateLabels: Record<PipState, { 'zh-CN': string; 'en-US': string }> = {
  draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
  pending_approval: { 'zh-CN': '审批中', 'en-US': 'Pending approval' },
  goal_setting: { 'zh-CN': '目标设定', 'en-US': 'Goal setting' },
  in_progress: { 'zh-CN': '执行中', 'en-US': 'In progress' },
  paused: { 'zh-CN': '已暂停', 'en-US': 'Paused' },
  final_review: { 'zh-CN': '终期评审', 'en-US': 'Final review' },
  follow_up: { 'zh-CN': '未通过跟进', 'en-US': 'Follow-up' },
  closed: { 'zh-CN': '已结束', 'en-US': 'Closed' },
  archived: { 'zh-CN': '已归档', 'en-US': 'Archived' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
};

export const pipActionLabels: Record<PipAction, { 'zh-CN': string; 'en-US': string }> = {
  submit: { 'zh-CN': '提交审批', 'en-US': 'Submit for approval' },
  withdraw: { 'zh-CN': '撤回', 'en-US': 'Withdraw' },
  approve: { 'zh-CN': '审批通过', 'en-US': 'Approve' },
  reject: { 'zh-CN': '驳回', 'en-US': 'Reject' },
  acknowledge: { 'zh-CN': '签收', 'en-US': 'Acknowledge' },
  record_refusal: { 'zh-CN': '记录拒签', 'en-US': 'Record a refusal to sign' },
  amend_goals: { 'zh-CN': '修改目标', 'en-US': 'Amend goals' },
  pause: { 'zh-CN': '暂停', 'en-US': 'Pause' },
  resume: { 'zh-CN': '恢复', 'en-US': 'Resume' },
  begin_final_review: { 'zh-CN': '进入终期评审', 'en-US': 'Begin final review' },
  extend: { 'zh-CN': '延期', 'en-US': 'Extend' },
  begin_follow_up: { 'zh-CN': '进入跟进（培训/调岗/再评估）', 'en-US': 'Begin follow-up (training, role adjustment, re-assessment)' },
  close: { 'zh-CN': '结束', 'en-US': 'Close' },
  archive: { 'zh-CN': '归档', 'en-US': 'Archive' },
  cancel: { 'zh-CN': '取消', 'en-US': 'Cancel' },
  employee_left: { 'zh-CN': '员工离职', 'en-US': 'Employee left' },
};
