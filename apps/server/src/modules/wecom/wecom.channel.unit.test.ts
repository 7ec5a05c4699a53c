import { describe, expect, it } from 'vitest';
import { notificationMessage } from './wecom.channel.ts';

const payload = { title: { 'zh-CN': '改进计划已开始' }, body: { 'zh-CN': '请在 3 天内确认目标\n面谈：周三' }, link: '/pips/1?tab=goals' };

describe('a notification as a WeCom message', () => {
  it('is a text card whose link signs in through WeCom and returns to the subject', () => {
    expect(notificationMessage({ payload }, 'https://hr.example.com')).toEqual({
      msgtype: 'textcard',
      textcard: {
        title: '改进计划已开始',
        description: '<div class="normal">请在 3 天内确认目标</div><div class="normal">面谈：周三</div>',
        url: 'https://hr.example.com/api/wecom/oauth/start?next=%2Fpips%2F1%3Ftab%3Dgoals',
        btntxt: '详情',
      },
    });
  });

  it('is plain text when there is no public address to link to', () => {
    expect(notificationMessage({ payload: { title: payload.title } }, null)).toEqual({ msgtype: 'text', text: { content: '改进计划已开始' } });
    expect(notificationMessage({ payload }, null)).toEqual({ msgtype: 'text', text: { content: '改进计划已开始\n请在 3 天内确认目标\n面谈：周三' } });
  });
});
