import { describe, expect, it } from 'vitest';
import { escapeHtml, eventDetail, eventLabel, renderTimeline } from './evidence.timeline.ts';

describe('the readable timeline', () => {
  it('names events in Chinese, falling back to the kind for an event it does not know', () => {
    expect(eventLabel('checkin_minutes')).toBe('记录面谈纪要');
    expect(eventLabel('approve')).toBe('审批通过');
    expect(eventLabel('termination_proposed')).toBe('termination_proposed');
    expect(eventDetail('submit', {}, 'draft', 'pending_approval')).toBe('状态：草稿 → 审批中');
    expect(eventDetail('appeal_answered', { status: 'upheld' }, null, null)).toBe('申诉成立');
  });

  it('escapes every value and has no script: one self-contained page', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderTimeline({
      title: '证据包 <b>',
      facts: [['员工', '<img src=x onerror=alert(1)>']],
      rows: [{ at: '2026-09-10T03:00:00.000Z', when: '2026-09-10 11:00', title: '记录面谈纪要', actor: 'f-manager', detail: '</td><script>', auditSeqs: [12, 13] }],
      texts: [{ heading: '纪要', body: '<script>alert(1)</script>' }],
      footer: '生成 & 校验',
    });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('#12 #13');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<link|src=["']http/);
  });
});
