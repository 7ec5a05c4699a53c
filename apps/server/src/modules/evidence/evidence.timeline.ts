import { pipActionLabels, pipEventLabels, pipStateLabels, type PipAction, type PipState } from '@uplift/contract';

/** In the evidence package the employee's own signature and a witnessed refusal read as what they are, not as actions. */
const signatureLabels: Record<string, string> = { acknowledge: '员工签收计划', record_refusal: '员工拒签（有见证人）' };

/** The Chinese label of an event kind (the kind itself when unknown: a newer module's event still shows). */
export function eventLabel(kind: string): string {
  return signatureLabels[kind] ?? pipEventLabels[kind]?.['zh-CN'] ?? pipActionLabels[kind as PipAction]?.['zh-CN'] ?? kind;
}

export const stateLabel = (s: string | null): string => (s ? (pipStateLabels[s as PipState]?.['zh-CN'] ?? s) : '');

/** One row of the readable timeline. */
export type TimelineRow = { at: string; when: string; title: string; actor: string; detail: string; auditSeqs: readonly number[] };

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text (every value from the records goes through it). */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/** A short Chinese detail of an event from its data. */
export function eventDetail(kind: string, data: Record<string, unknown>, from: string | null, to: string | null): string {
  const parts: string[] = [];
  if (from || to) parts.push(from && to && from !== to ? `状态：${stateLabel(from)} → ${stateLabel(to)}` : `状态：${stateLabel(to ?? from)}`);
  const s = (k: string) => (typeof data[k] === 'string' || typeof data[k] === 'number' ? String(data[k]) : null);
  if (s('comment')) parts.push(`意见：${s('comment')}`);
  if (s('reason')) parts.push(`原因：${s('reason')}`);
  if (kind === 'acknowledge' || kind === 'record_refusal') parts.push(`第 ${s('version')} 版，内容 SHA-256 ${s('sha256')}`);
  if (kind === 'goals_saved' || kind === 'amend_goals') parts.push(`第 ${s('goalsVersion')} 版，${s('count')} 个目标${data.finalised ? '，已确认' : ''}`);
  if (s('point')) parts.push(`评估节点：${s('point')}`);
  if (s('overall')) parts.push(`总体：${s('overall')}`);
  if (s('dueDate')) parts.push(`答复期限：${s('dueDate')}`);
  if (kind === 'appeal_answered' && s('status')) parts.push(s('status') === 'upheld' ? '申诉成立' : '申诉未获支持');
  return parts.join('；');
}

/** The package's readable timeline: one self-contained HTML page (inline CSS, no scripts), every value escaped. */
export function renderTimeline(input: {
  title: string;
  facts: [string, string][];
  rows: readonly TimelineRow[];
  texts: { heading: string; body: string }[];
  footer: string;
}): string {
  const e = escapeHtml;
  const facts = input.facts.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('\n');
  const rows = input.rows
    .map((r) => `<tr><td class="t">${e(r.when)}</td><td>${e(r.title)}</td><td>${e(r.actor)}</td><td>${e(r.detail)}</td><td class="s">${r.auditSeqs.map((n) => `#${n}`).join(' ')}</td></tr>`)
    .join('\n');
  const texts = input.texts.map((t) => `<section><h3>${e(t.heading)}</h3><pre>${e(t.body)}</pre></section>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(input.title)}</title>
<style>
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; line-height: 1.5; padding: 0 1em; }
h1 { font-size: 1.5em; border-bottom: 2px solid #333; padding-bottom: .3em; }
h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; white-space: nowrap; }
td.t { white-space: nowrap; }
td.s { font-family: monospace; color: #555; }
pre { white-space: pre-wrap; background: #fafafa; border: 1px solid #ddd; padding: .6em; font-family: inherit; }
footer { margin-top: 2em; font-size: .85em; color: #555; border-top: 1px solid #ccc; padding-top: .5em; }
@media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
<h1>${e(input.title)}</h1>
<table class="facts">
${facts}
</table>
<h2>时间线</h2>
<table>
<thead><tr><th>时间</th><th>事项</th><th>操作人</th><th>说明</th><th>审计链位置</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>记录原文</h2>
${texts}
<footer>${e(input.footer)}</footer>
</body>
</html>
`;
}
