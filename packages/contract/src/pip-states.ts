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

/**
 * Labels of the plan's event kinds beyond the transition table's actions (the web's timeline and
 * the evidence package's both read them); `delegate_auto` names a delegation made by an away rule.
 */
export const pipEventLabels: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  create: { 'zh-CN': '创建草稿', 'en-US': 'Draft created' },
  update: { 'zh-CN': '修改草稿', 'en-US': 'Draft edited' },
  delegate: { 'zh-CN': '委托审批', 'en-US': 'Approval delegated' },
  delegate_auto: { 'zh-CN': '外出代理自动委托', 'en-US': 'Delegated automatically (away)' },
  goals_saved: { 'zh-CN': '保存目标', 'en-US': 'Goals saved' },
  outcome: { 'zh-CN': '记录评审结果', 'en-US': 'Outcome recorded' },
  comment: { 'zh-CN': '评论', 'en-US': 'Comment' },
  appeal: { 'zh-CN': '员工提出申诉', 'en-US': 'Appeal filed' },
  appeal_answered: { 'zh-CN': '书面答复申诉', 'en-US': 'Appeal answered' },
  handover: { 'zh-CN': '交接', 'en-US': 'Handed over' },
  demo: { 'zh-CN': '演示数据', 'en-US': 'Demo data' },
  checkins_generated: { 'zh-CN': '按节奏生成面谈', 'en-US': 'Check-ins scheduled from the cadence' },
  checkin_added: { 'zh-CN': '新增面谈', 'en-US': 'Check-in added' },
  checkin_rescheduled: { 'zh-CN': '面谈改期', 'en-US': 'Check-in rescheduled' },
  checkin_cancelled: { 'zh-CN': '面谈取消', 'en-US': 'Check-in cancelled' },
  checkin_minutes: { 'zh-CN': '记录面谈纪要', 'en-US': 'Minutes recorded' },
  checkin_comment: { 'zh-CN': '员工对纪要的意见', 'en-US': 'Employee\'s comment on the minutes' },
  checkin_confirmed: { 'zh-CN': '员工确认纪要', 'en-US': 'Minutes confirmed by the employee' },
  checkins_skipped: { 'zh-CN': '暂停期间的面谈取消', 'en-US': 'Check-ins inside the pause cancelled' },
  evaluations_scheduled: { 'zh-CN': '安排评估节点', 'en-US': 'Evaluation points scheduled' },
  evaluation_opened: { 'zh-CN': '推送评估', 'en-US': 'Evaluation pushed' },
  evaluation_manager: { 'zh-CN': '上级提交评估', 'en-US': 'Manager\'s evaluation submitted' },
  evaluation_self: { 'zh-CN': '员工提交自评', 'en-US': 'Self-assessment submitted' },
  evaluation_hrbp: { 'zh-CN': 'HRBP 填写评语', 'en-US': 'HRBP comment added' },
  evaluation_completed: { 'zh-CN': '评估完成', 'en-US': 'Evaluation completed' },
  evaluation_escalated: { 'zh-CN': '评估逾期升级', 'en-US': 'Overdue evaluation escalated' },
  evaluation_restarted: { 'zh-CN': '恢复后评估期限重新计算', 'en-US': 'Evaluation deadline restarted after the pause' },
  evaluations_cancelled: { 'zh-CN': '评估随计划结束取消', 'en-US': 'Evaluations cancelled with the plan' },
  outcome_proposed: { 'zh-CN': '提出评审结果', 'en-US': 'Outcome proposed' },
  outcome_returned: { 'zh-CN': '退回评审结果', 'en-US': 'Outcome returned' },
  outcome_confirmed: { 'zh-CN': '确认评审结果', 'en-US': 'Outcome confirmed' },
  outcome_acknowledged: { 'zh-CN': '员工签收评审结果', 'en-US': 'Outcome acknowledged by the employee' },
  outcome_refused: { 'zh-CN': '员工拒签评审结果（有见证人）', 'en-US': 'Outcome refused by the employee (witnessed)' },
  training_added: { 'zh-CN': '安排培训', 'en-US': 'Training added' },
  training_updated: { 'zh-CN': '更新培训（出勤）', 'en-US': 'Training edited / attendance recorded' },
  role_adjusted: { 'zh-CN': '调整工作岗位', 'en-US': 'Role adjusted' },
  role_adjustment_signed: { 'zh-CN': '员工签收调岗通知', 'en-US': 'Role adjustment notice signed' },
  role_adjustment_refused: { 'zh-CN': '员工拒签调岗通知（有见证人）', 'en-US': 'Role adjustment notice refused (witnessed)' },
  reassessment_arranged: { 'zh-CN': '安排再评估', 'en-US': 'Re-assessment arranged' },
  reassessment_met: { 'zh-CN': '再评估达标', 'en-US': 'Re-assessment met the standard' },
  reassessment_not_met: { 'zh-CN': '再评估仍未达标', 'en-US': 'Re-assessment did not meet the standard' },
  termination_review_proposed: { 'zh-CN': '提出解除审查', 'en-US': 'Termination review proposed' },
  guard_override: { 'zh-CN': '越过未满足的合规条件（附理由）', 'en-US': 'Unmet compliance condition overridden (with a reason)' },
  termination_review_decided: { 'zh-CN': '解除审查决定', 'en-US': 'Termination review decided' },
};
