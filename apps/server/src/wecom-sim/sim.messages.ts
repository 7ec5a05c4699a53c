import { createHash } from 'node:crypto';
import { SimError } from './sim.errors.ts';
import { int, obj, str } from './sim.params.ts';
import { departmentVisible, randomId, subtree, userVisible, type SimState } from './sim.state.ts';
import type { SimRoute } from './sim.types.ts';

const MSGTYPES = new Set(['text', 'image', 'voice', 'video', 'file', 'textcard', 'news', 'mpnews', 'markdown', 'miniprogram_notice', 'template_card']);
const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);
const PER_MINUTE = 30;
const PER_HOUR = 1000;
const RESPONSE_CODE_S = 72 * 3600;
const RECALL_WINDOW_S = 24 * 3600;
const MAX_DELIVERIES = 200_000;

const split = (v: string | null) => (v ? v.split('|').map((x) => x.trim()).filter(Boolean) : []);

/** Resolves touser/toparty/totag against the contacts and the visibility range. */
function recipients(s: SimState, body: Record<string, unknown>) {
  const touser = str(body, 'touser');
  const invaliduser: string[] = [];
  const invalidparty: string[] = [];
  const to = new Set<string>();
  if (touser === '@all') {
    for (const u of s.users.values()) if (u.status === 1 && userVisible(s, u)) to.add(u.userid);
    return { to: [...to], invaliduser, invalidparty, invalidtag: [] as string[] };
  }
  const users = split(touser);
  const parties = split(str(body, 'toparty'));
  const tags = split(str(body, 'totag'));
  if (users.length > 1000) throw new SimError(40031, 'touser: at most 1000');
  if (parties.length > 100) throw new SimError(82002);
  if (tags.length > 100) throw new SimError(82003);
  if (users.length + parties.length + tags.length === 0) throw new SimError(40035, 'touser, toparty and totag all empty');
  for (const raw of users) {
    const id = raw.toLowerCase();
    const u = s.users.get(id);
    if (u && u.status === 1 && userVisible(s, u)) to.add(id);
    else invaliduser.push(id);
  }
  for (const p of parties) {
    const id = Number(p);
    if (!Number.isInteger(id) || !s.departments.has(id) || !departmentVisible(s, id)) {
      invalidparty.push(p);
      continue;
    }
    const ids = new Set(subtree(s, id));
    for (const u of s.users.values()) if (u.status === 1 && u.department.some((d) => ids.has(d))) to.add(u.userid);
  }
  // the simulator has no tags: every tag is invalid
  return { to: [...to], invaliduser, invalidparty, invalidtag: tags };
}

/** Per member 30/min and 1000/hour; the excess is dropped silently (SPEC §3.1). */
function overLimit(s: SimState, userid: string, now: number): boolean {
  let minute = 0;
  let hour = 0;
  for (let i = s.deliveries.length - 1; i >= 0; i--) {
    const d = s.deliveries[i]!;
    if (now - d.at >= 3600) break;
    if (d.userid !== userid || d.dropped) continue;
    hour++;
    if (now - d.at < 60) minute++;
  }
  return minute >= PER_MINUTE || hour >= PER_HOUR;
}

function send(s: SimState, body: Record<string, unknown>): Record<string, unknown> {
  const agentid = int(body, 'agentid', { required: true });
  if (agentid !== s.creds.agentId) throw new SimError(40056);
  const msgtype = str(body, 'msgtype', { required: true })!;
  if (!MSGTYPES.has(msgtype)) throw new SimError(40058, `msgtype ${msgtype}`);
  const payload = obj(body, msgtype, true)!;
  if ((msgtype === 'text' || msgtype === 'markdown') && !str(payload, 'content')) throw new SimError(44004);
  const now = s.nowS();
  const card = msgtype === 'template_card' ? payload : null;
  const taskId = card ? str(card, 'task_id') : null;
  const interactive = card !== null && (INTERACTIVE.has(String(card.card_type)) || card.action_menu !== undefined);
  if (card && INTERACTIVE.has(String(card.card_type)) && !taskId) throw new SimError(40058, 'template_card.task_id missing');

  // duplicate check on the identical request JSON within the interval (default 1800, max 4 h)
  let dup: { key: string; until: number } | null = null;
  if (int(body, 'enable_duplicate_check') === 1) {
    const interval = int(body, 'duplicate_check_interval', { min: 1, max: 14_400 }) ?? 1800;
    dup = { key: createHash('sha256').update(JSON.stringify(body)).digest('hex'), until: now + interval };
    const seen = s.duplicates.get(dup.key);
    // not re-delivered; whether the live server repeats the msgid is UNCONFIRMED (SPEC §11.6)
    if (seen && seen.until > now) return { invaliduser: '', invalidparty: '', invalidtag: '', msgid: seen.msgid };
  }
  const r = recipients(s, body);
  if (r.to.length === 0) throw new SimError(81013);
  if (taskId) {
    if (s.taskIds.has(taskId)) throw new SimError(40058, 'task_id already used');
    s.taskIds.add(taskId);
  }
  const msgid = randomId(48);
  if (dup) s.duplicates.set(dup.key, { msgid, until: dup.until });
  const responseCode = interactive ? randomId(40) : null;
  if (responseCode) s.responseCodes.set(responseCode, { msgid, expiresAt: now + RESPONSE_CODE_S, used: false });
  s.messages.set(msgid, { msgid, at: now, body, recipients: r.to, taskId, responseCode, recalled: false });
  // the log is what the phone view shows; keep it bounded in a long-running demo
  if (s.deliveries.length > MAX_DELIVERIES) s.deliveries.splice(0, s.deliveries.length - MAX_DELIVERIES + r.to.length);
  for (const userid of r.to) {
    s.deliveries.push({ msgid, userid, at: now, body, dropped: overLimit(s, userid, now) ? 'rate_limit' : null, recalled: false, card: { replaceName: null, card: null } });
  }
  return {
    invaliduser: r.invaliduser.join('|'),
    invalidparty: r.invalidparty.join('|'),
    invalidtag: r.invalidtag.join('|'),
    msgid,
    ...(responseCode && { response_code: responseCode }),
  };
}

/** Issues a fresh response_code for a card click (what the template_card_event callback carries). */
export function clickResponseCode(s: SimState, msgid: string): string {
  const code = randomId(40);
  s.responseCodes.set(code, { msgid, expiresAt: s.nowS() + RESPONSE_CODE_S, used: false });
  return code;
}

function updateCard(s: SimState, body: Record<string, unknown>): Record<string, unknown> {
  const agentid = int(body, 'agentid', { required: true });
  if (agentid !== s.creds.agentId) throw new SimError(40056);
  const code = str(body, 'response_code', { required: true })!;
  const held = s.responseCodes.get(code);
  // single use within 72 h; the live errcode for a spent code is not documented (SPEC §3.3)
  if (!held || held.used || held.expiresAt <= s.nowS()) throw new SimError(40058, 'invalid response_code');
  const button = obj(body, 'button');
  const card = obj(body, 'template_card');
  if (!button && !card) throw new SimError(40058, 'button or template_card required');
  held.used = true;
  const msg = s.messages.get(held.msgid);
  const userids = Array.isArray(body.userids) ? (body.userids as unknown[]).map((u) => String(u).toLowerCase()) : null;
  const targets = int(body, 'atall') === 1 || !userids ? (msg?.recipients ?? []) : userids;
  const invaliduser = targets.filter((u) => !msg?.recipients.includes(u));
  for (const d of s.deliveries) {
    if (d.msgid === held.msgid && targets.includes(d.userid)) d.card = { replaceName: button ? (str(button, 'replace_name') ?? '') : null, card };
  }
  return { invaliduser };
}

function recall(s: SimState, body: Record<string, unknown>): Record<string, unknown> {
  const msgid = str(body, 'msgid', { required: true })!;
  const msg = s.messages.get(msgid);
  if (!msg || msg.recalled || s.nowS() - msg.at > RECALL_WINDOW_S) throw new SimError(40058, 'invalid msgid');
  msg.recalled = true;
  for (const d of s.deliveries) if (d.msgid === msgid) d.recalled = true;
  return {};
}

export const messageRoutes: Record<string, SimRoute> = {
  '/cgi-bin/message/send': { method: 'POST', handler: (req, { state }) => send(state, req.body) },
  '/cgi-bin/message/update_template_card': { method: 'POST', handler: (req, { state }) => updateCard(state, req.body) },
  '/cgi-bin/message/recall': { method: 'POST', handler: (req, { state }) => recall(state, req.body) },
};
