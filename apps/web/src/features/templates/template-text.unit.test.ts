import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { defaultPolicySettings, defaultTemplateSettings, templateParamKeys } from '@uplift/contract';
import type { Translate } from '../../i18n/i18n.ts';
import { enUS } from '../../i18n/en-us.ts';
import { zhCN } from '../../i18n/zh-cn.ts';
import { describeBounds, describeValue, issuesAt, issuesByPath, issuesUnder, move } from './template-text.ts';

function translator(lng: 'zh-CN' | 'en-US'): Translate {
  const i = i18next.createInstance();
  void i.init({ resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } }, lng, initAsync: false, interpolation: { escapeValue: false } });
  return i.t as Translate;
}
const zh = translator('zh-CN');
const en = translator('en-US');
const s = defaultTemplateSettings(defaultPolicySettings);

describe('template texts', () => {
  it('describe every value and bound in both languages, with no key left untranslated', () => {
    for (const t of [zh, en]) {
      for (const k of templateParamKeys) {
        expect(describeValue(k, s.values[k], t)).not.toMatch(/templates\./);
        expect(describeBounds(k, s.bounds, t)).not.toMatch(/templates\./);
      }
    }
    expect(describeValue('duration', s.values.duration, zh)).toBe('默认 60 天（30–90 天）');
    expect(describeValue('approvalChain', s.values.approvalChain, zh)).toBe('直属上级 → 上级的上级 → 所在单位 HRBP → 子公司 HR 负责人 (≥ M3)');
    expect(describeValue('outcomes', s.values.outcomes, en)).toBe('Passed, Extended, Not passed');
    expect(describeBounds('duration', s.bounds, zh)).toBe('30–90');
    expect(describeBounds('cadence', s.bounds, en)).toBe('1:1 every (days) 7/14 days; Three-party every (days) 14/30 days');
  });

  it('key issues by path below the edited object', () => {
    const issues = issuesByPath(
      [
        { path: 'body.settings.values.duration.maxDays', message: '期限上限 120 天超过制度的 90 天' },
        { path: 'body.settings.values.approvalChain.nodes.1.minGrade', message: '职级格式如 M3、P5' },
        { path: 'body.name', message: '必填' },
      ],
      ['body.settings.', 'body.'],
    );
    expect(issuesAt(issues, 'values.duration.maxDays')).toEqual(['期限上限 120 天超过制度的 90 天']);
    expect(issuesAt(issues, 'name')).toEqual(['必填']);
    expect(issuesUnder(issues, 'values.approvalChain.nodes')).toEqual(['职级格式如 M3、P5']);
    expect(issuesUnder(issues, 'values.approvalChain.node')).toEqual([]);
  });

  it('moves a node up and down, and leaves the ends alone', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});
