import { describe, expect, it } from 'vitest';
import { buttonCard, cutBytes, markdownMessage, MessageBuildError, noticeCard, selectCard, textCard, textMessage, voteCard } from './wecom.messages.ts';

const bytes = (s: string) => Buffer.byteLength(s);

describe('message builders', () => {
  it('cuts text and markdown to 2048 UTF-8 bytes without splitting a character', () => {
    const long = '绩效改进'.repeat(300); // 3,600 bytes
    const t = textMessage(long).text.content;
    expect(bytes(t)).toBeLessThanOrEqual(2048);
    expect(t.endsWith('…')).toBe(true);
    expect(t.replace('…', '')).toMatch(/^(绩效改进)*(绩|绩效|绩效改)?$/);
    expect(markdownMessage('**ok**')).toEqual({ msgtype: 'markdown', markdown: { content: '**ok**' } });
    expect(cutBytes('abc', 3)).toBe('abc');
  });

  it('builds the SPEC textcard: toned lines escaped, title cut at 128 characters, button at 4', () => {
    const card = textCard({ title: '请假审批已通过', lines: [{ text: '2024-05-01', tone: 'gray' }, { text: '年假 3 天' }, { text: '<b>&</b>', tone: 'highlight' }], url: 'https://hr.example.com/leave/123', button: '详情' });
    expect(card).toEqual({
      msgtype: 'textcard',
      textcard: {
        title: '请假审批已通过',
        description: '<div class="gray">2024-05-01</div><div class="normal">年假 3 天</div><div class="highlight">&lt;b&gt;&amp;&lt;/b&gt;</div>',
        url: 'https://hr.example.com/leave/123',
        btntxt: '详情',
      },
    });
    const long = textCard({ title: '标'.repeat(200), lines: Array.from({ length: 40 }, () => ({ text: '一行说明文字' })), url: 'https://x.example', button: '立即查看详情' });
    expect([...long.textcard.title]).toHaveLength(128);
    expect([...long.textcard.description].length).toBeLessThanOrEqual(512);
    expect(long.textcard.description.endsWith('</div>')).toBe(true);
    expect(long.textcard.btntxt).toHaveLength(4);
    expect(() => textCard({ title: 't', lines: [], url: 'hr.example.com/x' })).toThrow(MessageBuildError);
  });

  it('builds the SPEC approval card (button_interaction)', () => {
    const card = buttonCard({
      task_id: 'leave-2024-000123',
      main_title: { title: '张三 申请年假', desc: '2024-05-01 ~ 2024-05-03' },
      horizontal_content_list: [{ keyname: '天数', value: '3' }],
      url: 'https://hr.example.com/leave/123',
      buttons: [
        { text: '同意', style: 1, key: 'approve:123' },
        { text: '驳回', style: 2, key: 'reject:123' },
      ],
    });
    expect(card).toEqual({
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'leave-2024-000123',
        main_title: { title: '张三 申请年假', desc: '2024-05-01 ~ 2024-05-03' },
        horizontal_content_list: [{ keyname: '天数', value: '3' }],
        card_action: { type: 1, url: 'https://hr.example.com/leave/123' },
        button_list: [
          { text: '同意', style: 1, key: 'approve:123' },
          { text: '驳回', style: 2, key: 'reject:123' },
        ],
      },
    });
  });

  it('refuses cards WeCom would reject', () => {
    const base = { task_id: 'ok', main_title: { title: 't' } };
    expect(() => buttonCard({ ...base, task_id: 'has space', buttons: [{ text: 'a', key: 'a' }] })).toThrow(/task_id/);
    expect(() => buttonCard({ ...base, buttons: [] })).toThrow(/1 to 6/);
    expect(() => buttonCard({ ...base, buttons: Array.from({ length: 7 }, (_, i) => ({ text: `${i}`, key: `${i}` })) })).toThrow(/1 to 6/);
    expect(() => buttonCard({ ...base, buttons: [{ text: 'a', key: 'k' }, { text: 'b', key: 'k' }] })).toThrow(/unique/);
    expect(() => buttonCard({ ...base, buttons: [{ text: 'a', key: 'k'.repeat(1025) }] })).toThrow(/1024/);
    expect(() => voteCard({ ...base, question_key: 'q', options: [], submit: { text: '提交', key: 's' } })).toThrow(/1 to 20/);
    expect(() => noticeCard({ main_title: { title: 't' }, url: 'https://x.example', horizontal_content_list: Array.from({ length: 7 }, () => ({ keyname: 'k' })) })).toThrow(/at most 6/);
  });

  it('builds notice and vote cards', () => {
    const n = noticeCard({ main_title: { title: '改进计划已开始' }, url: 'https://hr.example.com/pips/1', emphasis: { title: '60', desc: '天' } });
    expect(n.template_card).toMatchObject({ card_type: 'text_notice', card_action: { type: 1, url: 'https://hr.example.com/pips/1' }, emphasis_content: { title: '60', desc: '天' } });
    const v = voteCard({ task_id: 'ack-1', main_title: { title: '签收改进计划' }, question_key: 'ack', options: [{ id: 'yes', text: '已阅读并确认' }], submit: { text: '提交', key: 'submit:ack-1' } });
    expect(v.template_card).toMatchObject({ card_type: 'vote_interaction', checkbox: { question_key: 'ack', mode: 0, option_list: [{ id: 'yes', text: '已阅读并确认' }] } });
  });

  it('builds a multiple_interaction card of drop-down questions', () => {
    const c = selectCard({ task_id: 'rate-1', main_title: { title: '本周目标进展' }, questions: [{ key: 'g1', title: '目标一', options: [{ id: 'on', text: '按计划' }, { id: 'late', text: '落后' }] }], submit: { text: '提交', key: 'submit:rate-1' } });
    expect(c.template_card).toEqual({
      card_type: 'multiple_interaction',
      task_id: 'rate-1',
      main_title: { title: '本周目标进展' },
      select_list: [{ question_key: 'g1', title: '目标一', option_list: [{ id: 'on', text: '按计划' }, { id: 'late', text: '落后' }] }],
      submit_button: { text: '提交', key: 'submit:rate-1' },
    });
    expect(() => selectCard({ task_id: 'x', main_title: { title: 't' }, questions: [], submit: { text: 's', key: 's' } })).toThrow(/1 to 3/);
  });
});
