import { KINDS, type DeptKind } from './demo-data.ts';

/**
 * The static tables behind the demo group's performance data: which roles write work logs and
 * which hear from customers, and the texts they draw from. Pure; demo-performance.ts turns them
 * into rows in SQL.
 */

type LogKind = { tag: string; summaries: readonly string[] };

/** Knowledge work writes logs; front-line roles (production, stores, service, logistics) do not. */
const LOGS: Partial<Record<DeptKind, LogKind>> = {
  engineering: { tag: '研发', summaries: ['完成接口联调与单元测试', '修复线上缺陷并补充回归用例', '参与架构评审，整理设计文档', '排查慢查询并优化索引', '代码评审与技术分享', '迭代需求开发，提交测试'] },
  product: { tag: '产品', summaries: ['完成需求评审并修改原型', '整理用户访谈纪要', '迭代验收与上线跟进', '分析功能使用数据，输出周报'] },
  sales: { tag: '销售', summaries: ['拜访客户，沟通续约方案', '整理商机并更新客户管理系统', '准备投标文件', '客户需求调研与报价', '跟进回款'] },
  delivery: { tag: '交付', summaries: ['客户现场实施与配置', '上线支持与问题跟踪', '客户培训', '编写实施方案与验收文档'] },
  marketing: { tag: '市场', summaries: ['策划季度市场活动', '撰写公众号推文', '整理竞品分析', '渠道投放数据复盘'] },
  ecommerce: { tag: '电商', summaries: ['大促活动排期与上架', '直播脚本准备与复盘', '店铺数据分析', '商品详情页优化'] },
  hr: { tag: '人事', summaries: ['组织招聘面试', '处理入离职手续', '核对月度考勤与薪资', '组织新员工培训'] },
  finance: { tag: '财务', summaries: ['月末结账与凭证审核', '编制月度报表', '费用报销审核', '税务申报'] },
  strategy: { tag: '战略', summaries: ['行业研究报告', '投资项目尽调', '经营分析会材料准备'] },
  audit: { tag: '审计', summaries: ['专项审计现场检查', '整理审计底稿', '跟进整改事项'] },
  legal: { tag: '法务', summaries: ['合同审核', '处理劳动争议咨询', '更新合规制度'] },
  office: { tag: '行政', summaries: ['筹备经营例会', '督办事项跟进', '公文流转与归档'] },
  purchasing: { tag: '采购', summaries: ['供应商询价比价', '供应商现场审核', '跟进到货与付款'] },
  merchandising: { tag: '商品', summaries: ['新品选品与定价', '门店陈列方案', '库存周转分析'] },
  process: { tag: '工艺', summaries: ['工艺参数调试', '编写作业指导书', '良率问题分析'] },
  quality: { tag: '质量', summaries: ['来料检验问题汇总', '质量问题 8D 报告', '内审准备'] },
};

/** Roles whose customers rate them: sales, delivery, customer service and stores. */
const FEEDBACK: Partial<Record<DeptKind, { channels: readonly string[]; business: boolean }>> = {
  sales: { channels: ['客户回访', '满意度问卷', '邮件'], business: true },
  delivery: { channels: ['项目验收评价', '客户回访', '满意度问卷'], business: true },
  service: { channels: ['在线客服评价', '电话回访', '工单评价'], business: false },
  store: { channels: ['门店评价', '小程序评价', '电话回访'], business: false },
};

/** Roles measured against a sales target (in 10,000 yuan); everyone else against 100 KPI points. */
export const SALES_POSITIONS: readonly string[] = [...KINDS.sales.staff, KINDS.sales.head, KINDS.sales.lead];

export const BUSINESS_CUSTOMERS = ['华东精工机械', '蓝海供应链', '锦程汽车零部件', '恒信商业银行', '明德教育集团', '瑞丰食品', '天成建设', '博远医疗', '海纳电子', '金桥置业', '远航航运', '中禾农业', '启明能源', '华策传媒', '安泰保险'];
export const CUSTOMER_SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];

export const FEEDBACK_TEXTS = {
  positive: ['响应及时，专业耐心', '方案清晰，推进很快', '问题当天就解决了', '服务热情周到', '对产品很熟悉，讲解清楚'],
  neutral: ['整体还可以，沟通效率有待提高', '处理结果一般', '等待时间有点长'],
  negative: ['多次催促仍未解决问题', '服务态度冷淡', '承诺的时间没有兑现', '答复前后不一致', '交付质量不达标，需要返工'],
} as const;

export const RESULT_COMMENTS = {
  S: ['超额完成季度目标，表现突出', '关键项目成果显著，值得推广', '目标达成优秀，团队协作好'],
  D: ['未达成季度目标，已与本人沟通改进方向', '关键指标明显下滑，需要重点关注', '目标完成度偏低，下季度需制定改进计划'],
} as const;

/** position → the log texts of its line of work (a position shared by two kinds takes the first). */
export function logRoles(): { position: string; tag: string; summaries: readonly string[] }[] {
  return rolesOf(LOGS).map(([position, k]) => ({ position, ...k }));
}

/** position → its feedback channels and whether its customers are companies or consumers. */
export function feedbackRoles(): { position: string; channels: readonly string[]; business: boolean }[] {
  return rolesOf(FEEDBACK).map(([position, k]) => ({ position, ...k }));
}

function rolesOf<T>(table: Partial<Record<DeptKind, T>>): [string, T][] {
  const seen = new Map<string, T>();
  for (const [kind, value] of Object.entries(table) as [DeptKind, T][]) {
    const spec = KINDS[kind];
    for (const position of [...spec.staff, spec.head, spec.lead]) if (!seen.has(position)) seen.set(position, value);
  }
  return [...seen];
}
