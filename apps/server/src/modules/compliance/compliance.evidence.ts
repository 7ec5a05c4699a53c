import type { TerminationReview } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import type { EvidenceSection } from '../evidence/evidence.section.ts';

const yuan = (cents: number) => `${(cents / 100).toFixed(2)} 元`;

/** A readable report of one termination review: the guard's conditions with their evidence, overrides, notice and compensation. */
export function terminationReport(r: TerminationReview): string {
  const lines = [
    `解除审查（${r.status === 'proposed' ? '待决定' : r.status === 'approved' ? '已批准' : '已否决'}）`,
    `审查日期：${r.reviewDate}；预计最后工作日：${r.notice.lastDay}`,
    `工会通知：${r.union.date}（${r.union.note}）`,
    `通知方式：${r.notice.mode === 'notice' ? `提前三十日书面通知（${r.notice.givenOn} 通知）` : `额外支付一个月工资代通知金 ${r.notice.payInLieu === null ? '' : yuan(r.notice.payInLieu)}`}`,
    `经济补偿：${r.compensation.monthsCounted} 个月 × ${yuan(r.compensation.base)} = ${yuan(r.compensation.total)}${r.compensation.capped ? '（按当地平均工资三倍封顶，年限最多 12 年）' : ''}`,
    '',
    '合规检查（劳动合同法第四十条第二项、第四十二条）：',
    ...r.guard.conditions.map((c) => `${c.met ? '✔ 满足' : '✘ 未满足'}  ${c.title['zh-CN']}：${c.explanation['zh-CN']}`),
    ...(r.overrides.length ? ['', '带理由的越过（override）：', ...r.overrides.map((o) => `${o.condition}：${o.reason}（${o.by}，${o.at}）`)] : []),
    `提出：${r.proposed.name}，${r.proposed.at}`,
    ...(r.decided ? [`决定：${r.decided.decision === 'approved' ? '批准' : '否决'}（${r.decided.name}，${r.decided.at}）：${r.decided.note}`] : []),
  ];
  return lines.join('\n');
}

/** The evidence package's section of a plan's termination reviews: each review as a record and a readable report. */
export function terminationSection(reviews: (exec: Db | Tx, planId: string) => Promise<TerminationReview[]>): EvidenceSection {
  return {
    key: 'termination',
    title: '解除审查与合规检查',
    async build(exec, planId, tools) {
      const rows = await reviews(exec, planId);
      await tools.audit.about(rows.map((r) => r.id));
      return {
        files: rows.flatMap((r, i) => [
          { path: `termination/${i + 1}-review.json`, content: JSON.stringify(r, null, 2), title: `解除审查 ${i + 1}`, auditSeqs: tools.audit.referring(r.id) },
          { path: `termination/${i + 1}-guard-report.txt`, content: terminationReport(r), kind: 'report' as const, title: `合规检查报告 ${i + 1}`, auditSeqs: tools.audit.referring(r.id) },
        ]),
        texts: rows.map((r, i) => ({ heading: `解除审查 ${i + 1}：合规检查报告`, body: terminationReport(r) })),
      };
    },
  };
}
