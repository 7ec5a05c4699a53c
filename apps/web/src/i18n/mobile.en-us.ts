import type { mobileZhCN } from './mobile.zh-cn.ts';

/** WeCom workbench (/m) texts in English (same shape as mobile.zh-cn.ts). */
export const mobileEnUS: typeof mobileZhCN = {
  nav: 'Workbench',
  title: 'Workbench',
  hello: 'Hello, {{name}}',
  sections: {
    approvals: 'To approve',
    todos: 'Waiting on me',
    mine: 'My improvement plans',
    upcoming: 'Coming check-ins',
    team: "My team's plans",
    overdue: 'Overdue',
    candidates: 'Early-warning candidates',
  },
  empty: {
    approvals: 'No plan waits for your approval',
    todos: 'Nothing waits on you',
    mine: 'You have no improvement plan',
    team: 'No plan is running in your team',
    candidates: 'No candidate to follow up',
  },
  nextCheckin: 'Next check-in: {{when}}',
  noCheckin: 'No check-in in the next two weeks',
  adhoc: 'Start a 1:1',
  all: 'See all',
  allCount: 'All {{count}}',
};
