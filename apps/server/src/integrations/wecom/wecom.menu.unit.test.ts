import { describe, expect, it } from 'vitest';
import { appMenu, MenuBuildError } from './wecom.menu.ts';

describe('the app menu', () => {
  it("opens each of Uplift's pages through WeCom sign-in, within the documented limits", () => {
    const menu = appMenu('https://hr.example.com');
    expect(menu.button.map((b) => b.name)).toEqual(['工作台', '我的计划', '更多']);
    expect(menu.button[0]).toEqual({ type: 'view', name: '工作台', url: 'https://hr.example.com/api/wecom/oauth/start?next=%2Fm' });
    const more = menu.button[2] as { sub_button: { name: string }[] };
    expect(more.sub_button.map((b) => b.name)).toEqual(['消息', '我的制度', '改进候选']);
  });

  it('refuses an address that would make a link longer than 256 bytes', () => {
    expect(() => appMenu(`https://${'a'.repeat(240)}.example`)).toThrow(MenuBuildError);
  });
});
