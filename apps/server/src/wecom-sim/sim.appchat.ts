import { SimError } from './sim.errors.ts';
import { obj, str, strList } from './sim.params.ts';
import { randomId, type AppChat, type SimState } from './sim.state.ts';
import type { SimRoute } from './sim.types.ts';

// App group chats (SPEC §6): the visibility range must be the root department; members must
// be active members of the corp; only chats created by this app exist here.

const CHAT_MSGTYPES = new Set(['text', 'image', 'voice', 'video', 'file', 'textcard', 'news', 'mpnews', 'markdown']);

function requireRootRange(s: SimState) {
  if (!s.visibility.parties.has(1)) throw new SimError(48002, 'app visibility range must be the root department');
}

function members(s: SimState, ids: string[]): string[] {
  return ids.map((raw) => {
    const id = raw.toLowerCase();
    const u = s.users.get(id);
    if (!u || u.status !== 1) throw new SimError(86007, id);
    return id;
  });
}

function chat(s: SimState, chatid: string | null): AppChat {
  const c = chatid ? s.chats.get(chatid) : undefined;
  if (!c) throw new SimError(86003);
  return c;
}

export const appchatRoutes: Record<string, SimRoute> = {
  '/cgi-bin/appchat/create': {
    method: 'POST',
    handler: (req, { state }) => {
      requireRootRange(state);
      const userlist = [...new Set(members(state, strList(req.body, 'userlist', 2000)))];
      if (userlist.length < 2) throw new SimError(86006);
      const chatid = str(req.body, 'chatid') ?? randomId(32);
      if (!/^[0-9a-zA-Z]{1,32}$/.test(chatid)) throw new SimError(86001);
      if (state.chats.has(chatid)) throw new SimError(86215, 'chatid exists');
      const owner = str(req.body, 'owner')?.toLowerCase() ?? userlist[0]!;
      if (!userlist.includes(owner)) throw new SimError(86005);
      state.chats.set(chatid, { chatid, name: [...(str(req.body, 'name') ?? '')].slice(0, 50).join(''), owner, userlist, messages: [] });
      return { chatid };
    },
  },
  '/cgi-bin/appchat/update': {
    method: 'POST',
    handler: (req, { state }) => {
      requireRootRange(state);
      const c = chat(state, str(req.body, 'chatid', { required: true }));
      const add = members(state, strList(req.body, 'add_user_list', 2000));
      const del = new Set(strList(req.body, 'del_user_list', 2000).map((u) => u.toLowerCase()));
      const owner = str(req.body, 'owner')?.toLowerCase() ?? null;
      if (del.has(c.owner) && !owner) throw new SimError(86005, 'owner removed without a new owner');
      const next = [...new Set([...c.userlist.filter((u) => !del.has(u)), ...add])];
      if (next.length < 2 || next.length > 2000) throw new SimError(86006);
      if (owner && !next.includes(owner)) throw new SimError(86005);
      Object.assign(c, { userlist: next, owner: owner ?? c.owner, ...(str(req.body, 'name') !== null && { name: str(req.body, 'name') }) });
      return {};
    },
  },
  '/cgi-bin/appchat/get': {
    method: 'GET',
    handler: (req, { state }) => {
      const c = chat(state, req.query.chatid ?? null);
      return { chat_info: { chatid: c.chatid, name: c.name, owner: c.owner, userlist: c.userlist, chat_type: 0 } };
    },
  },
  '/cgi-bin/appchat/send': {
    method: 'POST',
    handler: (req, { state }) => {
      const c = chat(state, str(req.body, 'chatid', { required: true }));
      const msgtype = str(req.body, 'msgtype', { required: true })!;
      if (!CHAT_MSGTYPES.has(msgtype)) throw new SimError(40058, `msgtype ${msgtype}`);
      const payload = obj(req.body, msgtype, true)!;
      if ((msgtype === 'text' || msgtype === 'markdown') && !str(payload, 'content')) throw new SimError(44004);
      c.messages.push({ at: state.nowS(), body: req.body });
      return {};
    },
  },
};
