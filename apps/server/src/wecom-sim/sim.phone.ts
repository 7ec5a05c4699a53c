import type { MenuButton } from '../integrations/wecom/wecom.menu.ts';
import type { Delivery, SimState, SimUser } from './sim.state.ts';

// The simulator's phone view: what one member's WeCom client would show — app messages
// (text, markdown, text cards, template cards with working buttons), app group chats and
// schedules. Server-rendered, every value escaped; only the text-card tones become markup.

/** HTML-escapes text for element content and attribute values. */
export function h(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
/** Only http(s) links are rendered as links. */
const href = (v: unknown) => (typeof v === 'string' && /^https?:\/\//.test(v) ? h(v) : '#');
/** As a phone in China shows it: Beijing time (UTC+8, no daylight saving). */
const time = (s: number) => new Date((s + 8 * 3600) * 1000).toISOString().slice(0, 16).replace('T', ' ');

/** A text card description: `<div class="gray|normal|highlight">` lines kept as tones, everything else as text. */
export function renderDescription(description: string): string {
  const parts: string[] = [];
  const re = /<div class="(gray|normal|highlight)">([\s\S]*?)<\/div>/g;
  let last = 0;
  for (let m = re.exec(description); m; m = re.exec(description)) {
    if (m.index > last) parts.push(`<div>${h(unescapeEntities(description.slice(last, m.index)))}</div>`);
    parts.push(`<div class="${m[1]}">${h(unescapeEntities(m[2]!))}</div>`);
    last = m.index + m[0].length;
  }
  if (last < description.length) parts.push(`<div>${h(unescapeEntities(description.slice(last)))}</div>`);
  return parts.join('');
}

const unescapeEntities = (s: string) => s.replace(/&(lt|gt|quot|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e]!);

function renderCard(d: Delivery, base: string): string {
  const card = obj(d.card.card ?? d.body.template_card);
  const title = obj(card.main_title);
  const rows = list(card.horizontal_content_list)
    .map((r) => `<div class="kv"><span>${h(r.keyname)}</span><span>${h(r.value)}</span></div>`)
    .join('');
  const buttons = list(card.button_list);
  const action = obj(card.card_action);
  const controls =
    d.card.replaceName !== null
      ? `<div class="done">${h(d.card.replaceName)}</div>`
      : buttons
          .map((b) =>
            // a link button (type 1) opens its page; a callback button pushes template_card_event
            b.type === 1
              ? `<a class="btn style${h(b.style ?? 1)}" href="${href(b.url)}">${h(b.text)}</a>`
              : `<form method="post" action="${h(base)}/phone/click"><input type="hidden" name="msgid" value="${h(d.msgid)}"><input type="hidden" name="userid" value="${h(d.userid)}"><input type="hidden" name="key" value="${h(b.key)}"><button class="style${h(b.style ?? 1)}">${h(b.text)}</button></form>`,
          )
          .join('');
  return `<div class="card"><div class="title">${h(title.title)}</div>${title.desc ? `<div class="gray">${h(title.desc)}</div>` : ''}${card.sub_title_text ? `<div>${h(card.sub_title_text)}</div>` : ''}${rows}${typeof action.url === 'string' ? `<a href="${href(action.url)}">查看详情</a>` : ''}<div class="buttons">${controls}</div></div>`;
}

function renderMessage(d: Delivery, base: string): string {
  const b = d.body;
  const type = String(b.msgtype);
  let inner: string;
  if (type === 'text') inner = `<div class="text">${h(obj(b.text).content)}</div>`;
  else if (type === 'markdown') inner = `<pre class="text">${h(obj(b.markdown).content)}</pre>`;
  else if (type === 'textcard') {
    const c = obj(b.textcard);
    inner = `<div class="card"><div class="title">${h(c.title)}</div>${renderDescription(String(c.description ?? ''))}<a href="${href(c.url)}">${h(c.btntxt || '详情')}</a></div>`;
  } else if (type === 'template_card') inner = renderCard(d, base);
  else inner = `<div class="text gray">[${h(type)}]</div>`;
  const note = d.recalled ? '<div class="note">已撤回</div>' : d.dropped ? '<div class="note">未送达：超过每人每分钟 30 条的频率限制（企业微信静默丢弃）</div>' : '';
  return `<li${d.recalled || d.dropped ? ' class="muted"' : ''}><div class="when">${time(d.at)}</div>${inner}${note}</li>`;
}

const STYLE = `body{font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#ededed;margin:0}main{max-width:420px;margin:0 auto;background:#f7f7f7;min-height:100vh}header{background:#2b2f36;color:#fff;padding:12px 16px}header small{opacity:.7}h2{font-size:13px;color:#888;margin:16px 16px 4px}ul{list-style:none;margin:0;padding:0 12px}li{margin:10px 0}.when{font-size:12px;color:#aaa;text-align:center}.card,.text{background:#fff;border-radius:6px;padding:12px;white-space:pre-wrap}.title{font-weight:600}.gray{color:#999}.highlight{color:#f0a020}.kv{display:flex;justify-content:space-between;color:#555}.buttons{display:flex;gap:8px;margin-top:8px}.buttons form,.buttons .btn{flex:1}.buttons .btn{display:block;margin:0;text-align:center;padding:6px;border:1px solid #ddd;border-radius:4px;background:#fff;text-decoration:none}button{width:100%;padding:6px;border:1px solid #ddd;border-radius:4px;background:#fff}.style1{color:#3975c6}.style2{color:#d43030}.done{color:#999;text-align:center;width:100%}.note{font-size:12px;color:#d43030}.muted{opacity:.55}a{color:#3975c6;display:block;margin-top:6px}form.pick{padding:12px 16px}.menu{display:flex;gap:8px;background:#fff;border-bottom:1px solid #ddd;padding:8px 12px}.menu>a,.menu summary{flex:1;text-align:center;margin:0;padding:4px;cursor:pointer}.menu details a{margin:4px 0}`;

/** The member picker: search by name or userid. */
export function renderPicker(s: SimState, q: string, base: string): string {
  const needle = q.trim().toLowerCase();
  const found = [...s.users.values()].filter((u) => u.status === 1 && (!needle || u.userid.includes(needle) || u.name.includes(q.trim()))).slice(0, 50);
  const items = found.map((u) => `<li><a href="${h(base)}/phone?userid=${encodeURIComponent(u.userid)}">${h(u.name)} <small class="gray">${h(u.userid)} · ${h(u.position)}</small></a></li>`).join('');
  return page('企业微信模拟器', `<header>企业微信模拟器 <small>选择一位成员，看他手机上的企业微信</small></header><form class="pick" method="get" action="${h(base)}/phone"><input name="q" value="${h(q)}" placeholder="姓名或账号"> <button style="width:auto">查找</button></form><ul>${items || '<li class="gray">没有匹配的成员</li>'}</ul>`);
}

/** The app's menu as the client shows it under the app: links open inside WeCom; a group lists its entries. */
function renderMenu(menu: MenuButton[]): string {
  if (menu.length === 0) return '';
  const entry = (b: MenuButton): string => ('sub_button' in b ? '' : b.type === 'view' ? `<a data-menu="${h(b.name)}" href="${href(b.url)}">${h(b.name)}</a>` : `<span class="gray">${h(b.name)}</span>`);
  const items = menu.map((b) => ('sub_button' in b ? `<details><summary>${h(b.name)}</summary>${b.sub_button.map(entry).join('')}</details>` : entry(b))).join('');
  return `<nav class="menu">${items}</nav>`;
}

/** One member's client: the app's menu, messages newest first, group chats, schedules. */
export function renderPhone(s: SimState, u: SimUser, base: string): string {
  const messages = s.deliveries.filter((d) => d.userid === u.userid).slice(-100).reverse().map((d) => renderMessage(d, base)).join('');
  const chats = [...s.chats.values()]
    .filter((c) => c.userlist.includes(u.userid))
    .map((c) => `<li><div class="card"><div class="title">${h(c.name || c.chatid)}</div><div class="gray">${c.userlist.length} 人</div>${c.messages.slice(-5).map((m) => `<div class="text">${h(obj(m.body.text).content ?? obj(m.body.markdown).content ?? `[${String(m.body.msgtype)}]`)}</div>`).join('')}</div></li>`)
    .join('');
  const schedules = [...s.schedules.values()]
    .filter((x) => x.attendees.some((a) => a.userid === u.userid) || x.admins.includes(u.userid))
    .map((x) => `<li><div class="card${x.status === 1 ? ' muted' : ''}"><div class="title">${h(x.summary)}${x.status === 1 ? '（已取消）' : ''}</div><div class="gray">${time(x.start_time)} – ${time(x.end_time)} ${h(x.location)}</div></div></li>`)
    .join('');
  const dept = s.departments.get(u.main_department);
  return page(
    `${u.name} 的企业微信`,
    `<header>${h(u.name)} <small>${h(u.userid)} · ${h(dept?.name ?? '')} · ${h(u.position)}</small><br><small><a style="display:inline;color:#9cf" href="/api/wecom/oauth/start?next=/">在企业微信中打开跃升</a> · <a style="display:inline;color:#9cf" href="${h(base)}/phone">换一位成员</a></small></header>${renderMenu(s.menu)}<h2>应用消息</h2><ul>${messages || '<li class="gray">还没有消息</li>'}</ul><h2>群聊</h2><ul>${chats || '<li class="gray">没有群聊</li>'}</ul><h2>日程</h2><ul>${schedules || '<li class="gray">没有日程</li>'}</ul>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${h(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}
