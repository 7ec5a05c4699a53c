/** 企业微信工作台（/m）的界面文字（zh-cn.ts 的 mobile 部分；mobile.en-us.ts 形状相同）。 */
export const mobileZhCN = {
  nav: '工作台',
  title: '工作台',
  hello: '你好，{{name}}',
  sections: {
    approvals: '待审批',
    todos: '待我处理',
    mine: '我的改进计划',
    upcoming: '近期面谈',
    team: '团队改进计划',
    overdue: '逾期事项',
    candidates: '预警名单',
  },
  empty: {
    approvals: '没有等你审批的计划',
    todos: '没有等你处理的事项',
    mine: '你目前没有改进计划',
    team: '团队没有进行中的改进计划',
    candidates: '没有待跟进的预警',
  },
  nextCheckin: '下次面谈：{{when}}',
  noCheckin: '近两周没有安排面谈',
  adhoc: '发起面谈',
  all: '查看全部',
  allCount: '全部 {{count}} 条',
};
