import { SimError } from './sim.errors.ts';
import type { MenuButton } from '../integrations/wecom/wecom.menu.ts';
import type { SimState } from './sim.state.ts';
import type { SimRoute } from './sim.types.ts';

// The app's custom menu (创建菜单, DOC 90231): 1–3 buttons, each a click (key ≤128 bytes), a view
// (url ≤256 bytes) or a group of 1–5 sub-buttons; names ≤16 bytes on top, ≤40 bytes below.
// The errcodes are the menu codes shared with WeChat official accounts (UNCONFIRMED for WeCom).

const bytes = (s: string) => Buffer.byteLength(s);

function button(raw: unknown, top: boolean): MenuButton {
  const b = (raw ?? {}) as Record<string, unknown>;
  const name = typeof b.name === 'string' ? b.name : '';
  if (!name || bytes(name) > (top ? 16 : 40)) throw new SimError(40018, 'invalid button name size');
  const subs = Array.isArray(b.sub_button) ? b.sub_button : [];
  if (top && subs.length > 0) {
    if (subs.length > 5) throw new SimError(40023, 'invalid sub button size');
    return { name, sub_button: subs.map((s) => button(s, false)) };
  }
  if (b.type === 'view') {
    if (typeof b.url !== 'string' || !/^https?:\/\//.test(b.url)) throw new SimError(40055, 'invalid button url');
    if (bytes(b.url) > 256) throw new SimError(40020, 'invalid button url size');
    return { type: 'view', name, url: b.url };
  }
  if (b.type === 'click') {
    if (typeof b.key !== 'string' || !b.key || bytes(b.key) > 128) throw new SimError(40019, 'invalid button key size');
    return { type: 'click', name, key: b.key };
  }
  throw new SimError(40017, 'invalid button type');
}

function create(s: SimState, agentid: string | undefined, body: Record<string, unknown>) {
  if (Number(agentid) !== s.creds.agentId) throw new SimError(40056);
  const list = Array.isArray(body.button) ? body.button : [];
  if (list.length < 1 || list.length > 3) throw new SimError(40016, 'invalid button size');
  s.menu = list.map((b) => button(b, true));
  return {};
}

export const menuRoutes: Record<string, SimRoute> = {
  '/cgi-bin/menu/create': { method: 'POST', handler: (req, { state }) => create(state, req.query.agentid, req.body) },
  '/cgi-bin/menu/get': {
    method: 'GET',
    handler: (req, { state }) => {
      if (Number(req.query.agentid) !== state.creds.agentId) throw new SimError(40056);
      return { button: state.menu };
    },
  },
};
