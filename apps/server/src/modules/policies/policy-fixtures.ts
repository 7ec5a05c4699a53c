import type { PolicySections } from '@uplift/contract';

/** Section texts for tests, tagged so each version differs. */
export const sections = (tag: string): PolicySections => ({
  scope: `适用于全体正式员工（${tag}）\n试用期员工除外`,
  start: '连续两个考核周期未达标',
  goals: '目标须具体、可衡量',
  communication: '每两周一次一对一沟通',
  evaluation: '中期与终期评估',
  outcomes: '通过、延期或未通过',
});
