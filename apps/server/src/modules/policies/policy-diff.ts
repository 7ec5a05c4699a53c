import { diffLines } from 'diff';
import { policySectionKeys, policySectionTitles, type PolicyDiff, type PolicySections, type PolicySettings, type SettingChange } from '@uplift/contract';

type Content = { title: string; sections: PolicySections; settings: PolicySettings };

/** Leaf paths of a settings object; lists compare as a whole, except evaluation points by key. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value) && prefix === 'evaluation.points') {
    for (const p of value as { key: string }[]) out.set(`${prefix}.${p.key}`, p);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
  return out;
}

/** Field-by-field changes of the settings (paths like "goals.maxGoals"), in a stable order. */
export function settingsChanges(before: PolicySettings, after: PolicySettings): SettingChange[] {
  const a = flatten(before, '', new Map());
  const b = flatten(after, '', new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((p) => ({ path: p, before: a.get(p) ?? null, after: b.get(p) ?? null }));
}

/** A readable diff of two versions: each section's text line by line, and the settings field by field. */
export function policyDiff(previous: Content | null, current: Content): Omit<PolicyDiff, 'previous'> {
  const sections = policySectionKeys.map((key) => {
    const before = previous?.sections[key] ?? '';
    const after = current.sections[key];
    const lines: PolicyDiff['sections'][number]['lines'] = [];
    for (const part of diffLines(before, after)) {
      const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
      for (const text of part.value.replace(/\n$/, '').split('\n')) lines.push({ kind, text });
    }
    return { key, changed: before !== after, lines };
  });
  return { titleChanged: previous !== null && previous.title !== current.title, sections, settings: previous ? settingsChanges(previous.settings, current.settings) : [] };
}

/** One line for the notification: which sections changed and how many settings. */
export function changeSummary(diff: Omit<PolicyDiff, 'previous'>): { 'zh-CN': string; 'en-US': string } {
  const changed = diff.sections.filter((s) => s.changed);
  const zh = changed.map((s) => policySectionTitles[s.key]['zh-CN']).join('、');
  const en = changed.map((s) => policySectionTitles[s.key]['en-US']).join(', ');
  const n = diff.settings.length;
  return {
    'zh-CN': `${changed.length ? `修改了：${zh}` : '条文未变'}${n ? `；${n} 项执行设置有变化（${diff.settings.slice(0, 3).map((c) => c.path).join('、')}${n > 3 ? ' 等' : ''}）` : ''}。`,
    'en-US': `${changed.length ? `Changed: ${en}` : 'Text unchanged'}${n ? `; ${n} setting${n === 1 ? '' : 's'} changed (${diff.settings.slice(0, 3).map((c) => c.path).join(', ')}${n > 3 ? '…' : ''})` : ''}.`,
  };
}
