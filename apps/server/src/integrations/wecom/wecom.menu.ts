// The app's custom menu (创建菜单, DOC 90231): 1–3 buttons, a group holding 1–5; names ≤16 bytes
// on top and ≤40 below; a view button's url ≤256 bytes. A pure builder; a bad menu throws.

export type MenuButton = { type: 'view'; name: string; url: string } | { type: 'click'; name: string; key: string } | { name: string; sub_button: MenuButton[] };
export type AppMenu = { button: MenuButton[] };

export class MenuBuildError extends Error {}

const bytes = (s: string) => Buffer.byteLength(s);

function check(b: MenuButton, top: boolean): MenuButton {
  if (!b.name || bytes(b.name) > (top ? 16 : 40)) throw new MenuBuildError(`menu "${b.name}": name 1 to ${top ? 16 : 40} bytes`);
  if ('sub_button' in b) {
    if (!top) throw new MenuBuildError(`menu "${b.name}": only top buttons hold a group`);
    if (b.sub_button.length < 1 || b.sub_button.length > 5) throw new MenuBuildError(`menu "${b.name}": 1 to 5 sub-buttons`);
    b.sub_button.forEach((s) => check(s, false));
  } else if (b.type === 'view' && (!/^https?:\/\//.test(b.url) || bytes(b.url) > 256)) throw new MenuBuildError(`menu "${b.name}": url with http(s)://, at most 256 bytes`);
  return b;
}

/** Uplift's menu: each entry opens a page inside WeCom, signed in through OAuth. */
export function appMenu(base: string): AppMenu {
  const open = (name: string, path: string): MenuButton => ({ type: 'view', name, url: `${base}/api/wecom/oauth/start?next=${encodeURIComponent(path)}` });
  const button: MenuButton[] = [open('工作台', '/m'), open('我的计划', '/pips'), { name: '更多', sub_button: [open('消息', '/inbox'), open('我的制度', '/my/policies'), open('改进候选', '/candidates')] }];
  button.forEach((b) => check(b, true));
  return { button };
}
