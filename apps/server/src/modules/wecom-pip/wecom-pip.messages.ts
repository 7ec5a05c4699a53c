import type { ScheduleInput } from '../../integrations/wecom/wecom.client.ts';

// What Uplift puts into WeCom for a plan: pure builders. Only names, dates and milestones:
// never the plan's reason, goals or minutes (a chat or a calendar is seen on lock screens).

/** The reminder offsets WeCom accepts for a timed schedule (SPEC §5.2), in seconds before the start. */
export const REMIND_DIFFS = [0, -300, -900, -3600, -86400] as const;
export const MEETING_SECONDS = 3600;

/** The allowed reminder nearest to the template's lead time (ties: the earlier one). */
export function remindDiff(leadSeconds: number): number {
  let best: number = REMIND_DIFFS[0];
  for (const d of REMIND_DIFFS) if (Math.abs(-d - leadSeconds) <= Math.abs(-best - leadSeconds)) best = d;
  return best;
}

/** The plan's chat id: its uuid's 32 hex digits, so a retry after a crash finds the same chat. */
export function chatIdOf(planId: string): string {
  const id = planId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(id)) throw new Error(`not a uuid: ${planId}`);
  return id;
}

export const chatName = (employeeName: string) => `改进计划：${employeeName}`;

/** A check-in's schedule: the participants on WeCom, the manager as admin, 60 minutes, one reminder. */
export function scheduleOf(m: { kind: string; employeeName: string; scheduledAt: Date; reminderDueAt: Date; attendees: string[]; admin: string | null }): ScheduleInput {
  const start = Math.floor(m.scheduledAt.getTime() / 1000);
  const lead = Math.max(0, Math.round((m.scheduledAt.getTime() - m.reminderDueAt.getTime()) / 1000));
  return {
    ...(m.admin && { admins: [m.admin] }),
    start_time: start,
    end_time: start + MEETING_SECONDS,
    is_whole_day: 0,
    attendees: m.attendees.map((userid) => ({ userid })),
    summary: `${m.kind === 'three_party' ? '改进计划三方会谈' : '改进计划一对一面谈'}：${m.employeeName}`,
    description: '会后请在跃升中记录纪要，员工确认纪要即为出席记录。',
    location: '',
    // timezone: the business time zone of the deployment (China, UTC+8)
    reminders: { is_remind: 1, remind_time_diffs: [remindDiff(lead)], timezone: 8 },
  };
}

const outcomeLabel: Record<string, string> = { passed: '通过', extended: '延期', not_passed: '未通过' };

/** The milestone texts posted to the plan's chat. */
export const milestone = {
  started: (start: string, end: string) => `改进计划已开始：${start} 至 ${end}。面谈已加入各位的企业微信日程，纪要与进度请在跃升中查看。`,
  evaluation: (name: string, overall: string | null) => `「${name}」已完成${overall ? `，总体评价：${overall}` : ''}。`,
  outcome: (outcome: string) => `终期评审结果已确认：${outcomeLabel[outcome] ?? outcome}。`,
  extended: (end: string) => `改进计划延期至 ${end}，员工重新签收后继续执行。`,
  followUp: () => '改进计划进入跟进阶段：培训或调岗后将再次评估。',
  ended: (how: 'close' | 'cancel' | 'employee_left') =>
    `${{ close: '改进计划已结束。', cancel: '改进计划已取消。', employee_left: '员工已离职，改进计划结束。' }[how]}本群不再发送消息。`,
};
