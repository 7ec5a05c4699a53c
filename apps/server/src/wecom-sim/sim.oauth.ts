import { SimError } from './sim.errors.ts';
import { str } from './sim.params.ts';
import { randomId, userVisible, type SimState } from './sim.state.ts';
import type { SimRoute } from './sim.types.ts';

const CODE_S = 300;
const USER_TICKET_S = 1800;
const TICKET_S = 7200;

/**
 * The WeCom client's side of /connect/oauth2/authorize: the member holding the phone
 * (`userid`) agrees, and WeCom redirects with a one-time code (5 min). Returns the redirect URL.
 */
export function authorize(s: SimState, q: Record<string, string>, userid: string, via: 'client' | 'qr' = 'client'): string {
  if (q.appid !== s.creds.corpId) throw new SimError(40013);
  if (via === 'qr') {
    // wwlogin/sso/login: login_type CorpApp and this app's agentid; the scanner must be in its range
    if (q.login_type !== 'CorpApp') throw new SimError(40058, 'login_type must be CorpApp');
    if (q.agentid !== String(s.creds.agentId)) throw new SimError(40056);
    const scanner = s.users.get(userid.toLowerCase());
    if (scanner && !userVisible(s, scanner)) throw new SimError(50002);
  } else if (q.response_type !== 'code') throw new SimError(40058, 'response_type must be code');
  const scope = via === 'qr' ? 'snsapi_base' : (q.scope ?? '');
  if (scope !== 'snsapi_base' && scope !== 'snsapi_privateinfo') throw new SimError(40058, 'scope');
  if (scope === 'snsapi_privateinfo' && q.agentid !== String(s.creds.agentId)) throw new SimError(40056, 'agentid is required for snsapi_privateinfo');
  if (q.state !== undefined && !/^[a-zA-Z0-9]{0,128}$/.test(q.state)) throw new SimError(40058, 'state: [a-zA-Z0-9], at most 128');
  let redirect: URL;
  try {
    redirect = new URL(q.redirect_uri ?? '');
  } catch {
    throw new SimError(50001);
  }
  const u = s.users.get(userid.toLowerCase());
  if (!u || u.status !== 1) throw new SimError(60111);
  const code = randomId(43);
  s.oauthCodes.set(code, { userid: u.userid, scope, expiresAt: s.nowS() + CODE_S });
  redirect.searchParams.set('code', code);
  if (q.state) redirect.searchParams.set('state', q.state);
  return redirect.toString();
}

export const oauthRoutes: Record<string, SimRoute> = {
  '/cgi-bin/auth/getuserinfo': {
    method: 'GET',
    handler: (req, { state }) => {
      const code = req.query.code ?? '';
      const held = state.oauthCodes.get(code);
      // single use: a code is gone once exchanged, and after 5 minutes unused
      state.oauthCodes.delete(code);
      if (!held || held.expiresAt <= state.nowS()) throw new SimError(40029);
      const u = state.users.get(held.userid)!;
      if (held.scope === 'snsapi_privateinfo' && userVisible(state, u)) {
        const ticket = randomId(64);
        state.userTickets.set(ticket, { userid: u.userid, expiresAt: state.nowS() + USER_TICKET_S });
        return { userid: u.userid, user_ticket: ticket, expires_in: USER_TICKET_S };
      }
      return { userid: u.userid };
    },
  },
  '/cgi-bin/auth/getuserdetail': {
    method: 'POST',
    handler: (req, { state }) => {
      const t = state.userTickets.get(str(req.body, 'user_ticket', { required: true })!);
      if (!t) throw new SimError(84015);
      if (t.expiresAt <= state.nowS()) throw new SimError(84014);
      const u = state.users.get(t.userid)!;
      return { userid: u.userid, gender: u.gender, mobile: u.mobile, email: u.email, avatar: '', qr_code: '', biz_mail: '', address: '' };
    },
  },
  '/cgi-bin/get_jsapi_ticket': { method: 'GET', handler: (_req, { state }) => ticket(state, 'corp') },
  '/cgi-bin/ticket/get': {
    method: 'GET',
    handler: (req, { state }) => {
      if (req.query.type !== 'agent_config') throw new SimError(91040);
      return ticket(state, 'agent');
    },
  },
};

function ticket(s: SimState, kind: 'corp' | 'agent') {
  const t = randomId(86);
  s.jsapiTickets.set(t, { kind, expiresAt: s.nowS() + TICKET_S });
  return { ticket: t, expires_in: TICKET_S };
}
