import { eq, isNull, asc } from 'drizzle-orm';
import { defaultPolicySettings, type PolicySections } from '@uplift/contract';
import type { Tx } from '../db/client.ts';
import { orgUnits, policyVersions } from '../db/schema/index.ts';
import { businessDate, type Clock } from '../lib/clock.ts';
import type { AuditContext } from '../modules/audit/audit.service.ts';
import { databaseStorage } from '../modules/files/storage.ts';
import { contentSha256, FILE_OWNER } from '../modules/policies/policies.service.ts';
import type { PolicyPublishing } from '../modules/policies/policy-publishing.ts';

const TITLE = '星河集团绩效改进计划（PIP）管理制度';

/** The six sections as a group HR department would write them (演示数据). */
const SECTIONS: PolicySections = {
  scope: [
    '本制度适用于星河集团及各子公司、事业部的全体正式员工。',
    '',
    '- **试用期员工不适用**本制度，其考核按《试用期管理办法》执行；',
    '- 处于孕期、产期、哺乳期，或医疗期内的员工，绩效改进计划的启动与推进须经 HR 负责人复核；',
    '- 各子公司可在本制度范围内制定实施细则，但不得放宽本制度的要求。',
  ].join('\n'),
  start: [
    '出现以下情形之一的，可以启动绩效改进计划：',
    '',
    '1. **绩效未达标**：连续两个季度绩效达成率低于 80%，或年度考核等级为 D；',
    '2. **重大违规但可整改**：经核实的违反公司制度的行为，情节尚不足以解除劳动合同，且可以通过改进消除。',
    '',
    '由直属上级或 HRBP 发起，须附上绩效数据或违规事实的证据。',
  ].join('\n'),
  goals: [
    '改进目标须具体、可衡量、与岗位职责直接相关，一般为 1–5 项，权重合计 100%。',
    '每项目标写明：衡量指标、基线、目标值、完成期限，以及公司提供的支持（辅导、资源、培训）。',
    '目标经员工签收后锁定，作为后续评估的唯一标准。',
  ].join('\n'),
  communication: [
    '- 直属上级与员工**每两周至少一次**一对一沟通；',
    '- 员工、直属上级与 HR 的**三方会谈每月至少一次**；',
    '- 每次沟通后 **2 个工作日内**上传会谈纪要，员工确认纪要即为出席记录。',
    '',
    '员工可随时通过系统对计划发表意见或提出申诉。',
  ].join('\n'),
  evaluation: ['计划期内设中期评估（期限过半时）和终期评估。', '评估对照已签收的目标逐项进行，由直属上级评分，员工自评，HRBP 出具意见。'].join('\n'),
  outcomes: [
    '- **通过**：撤销 PIP 标识，恢复正常管理；',
    '- **延期**：可延期一次，最长 30 天，须重新签收；',
    '- **未通过**：依次安排培训或调整岗位，并以同一标准重新评估；仍不能胜任的，方可进入解除劳动合同的审查程序。',
    '',
    '计划期限一般为 30–90 天。',
  ].join('\n'),
};

/**
 * The demo group's PIP policy, adopted by the workers' congress at the end of last year and in
 * force since 1 January: put in force through the real publication path, so everyone in scope
 * is asked to read and confirm it, as after a real publication.
 */
export async function loadDemoPolicy(tx: Tx, deps: { clock: Clock; timeZone: string; publishing: PolicyPublishing; ctx: AuditContext }): Promise<string | null> {
  const [root] = await tx.select().from(orgUnits).where(isNull(orgUnits.parentId)).orderBy(asc(orgUnits.createdAt)).limit(1);
  if (!root) return null;
  const now = deps.clock.now();
  const year = Number(businessDate(now, deps.timeZone).slice(0, 4));
  const [v] = await tx
    .insert(policyVersions)
    .values({
      ownerUnitId: root.id,
      version: 1,
      title: TITLE,
      state: 'scheduled',
      sections: SECTIONS,
      settings: defaultPolicySettings,
      effectiveFrom: `${year}-01-01`,
      contentSha256: contentSha256({ title: TITLE, sections: SECTIONS }),
      adoption: { procedure: 'workers_congress', date: `${year - 1}-12-18`, notes: '集团第三届职工代表大会第二次会议审议通过：应到代表 120 人，实到 112 人，赞成 108 票。已在集团内网公示 7 天。' },
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    })
    .returning({ id: policyVersions.id });
  const minutes = `星河集团第三届职工代表大会第二次会议决议（演示）\n\n会议于 ${year - 1} 年 12 月 18 日召开，审议并通过《${TITLE}》。\n`;
  await databaseStorage().put(tx, { owner: { type: FILE_OWNER, id: v!.id }, name: '职工代表大会决议.txt', contentType: 'text/plain', data: Buffer.from(minutes, 'utf8'), uploadedBy: null, at: now });
  await deps.publishing.putInForce(tx, deps.ctx, v!.id);
  const [done] = await tx.select({ state: policyVersions.state }).from(policyVersions).where(eq(policyVersions.id, v!.id));
  return done?.state === 'in_force' ? v!.id : null;
}
