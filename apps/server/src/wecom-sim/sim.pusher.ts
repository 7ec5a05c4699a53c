import { randomInt } from 'node:crypto';
import { sealEnvelope } from '../integrations/wecom/wecom.crypto.ts';
import type { CallbackPush, SimState } from './sim.state.ts';

export type PusherDeps = {
  state: SimState;
  /** The app's callback URL, or null while unknown (then pushes are recorded, not sent). */
  target: () => string | null;
  fetch?: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  timeoutMs?: number;
};

const ATTEMPTS = 3; // "3 times in total" (SPEC §7.1)

/** CDATA-wraps a value for an event XML (a "]]>" inside is split across two sections). */
export function cdata(v: string): string {
  return `<![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** An event XML as WeCom builds it: ToUserName corp, FromUserName, CreateTime, MsgType event, Event, then `fields`. */
export function eventXml(s: SimState, event: string, from: string, fields: Record<string, string | number>): string {
  const parts = Object.entries(fields).map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}>${cdata(v)}</${k}>`));
  return `<xml><ToUserName>${cdata(s.creds.corpId)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${s.nowS()}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata(event)}</Event>${parts.join('')}<AgentID>${s.creds.agentId}</AgentID></xml>`;
}

/**
 * Pushes encrypted callbacks like WeCom: WXBizMsgCrypt with the app's Token/AESKey/corp id,
 * msg_signature/timestamp/nonce in the query, 5 s timeout, retried on timeout and on any
 * non-200, 3 attempts in total. Retries reuse the timestamp and nonce (UNCONFIRMED in SPEC §14).
 */
export function createPusher(deps: PusherDeps) {
  const doFetch = deps.fetch ?? fetch;
  const pending = new Set<Promise<CallbackPush>>();

  async function deliver(xml: string, event: string): Promise<CallbackPush> {
    const s = deps.state;
    const record: CallbackPush = { at: s.nowS(), event, xml, attempts: 0, status: null, ok: false, reply: '' };
    s.pushes.push(record);
    const url = deps.target();
    if (!url) return record;
    const at = { timestamp: String(s.nowS()), nonce: String(randomInt(1, 2 ** 31)) };
    const sealed = sealEnvelope({ token: s.creds.token, aesKey: s.creds.aesKey, receiveId: s.creds.corpId }, xml, at);
    const body = `<xml><ToUserName>${cdata(s.creds.corpId)}</ToUserName><AgentID>${cdata(String(s.creds.agentId))}</AgentID><Encrypt>${cdata(sealed.encrypt)}</Encrypt></xml>`;
    const q = new URLSearchParams({ msg_signature: sealed.msgSignature, timestamp: at.timestamp, nonce: at.nonce });
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      record.attempts = attempt;
      try {
        const res = await doFetch(`${url}?${q.toString()}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body, signal: AbortSignal.timeout(deps.timeoutMs ?? 5_000) });
        const text = await res.text();
        record.status = res.status;
        if (res.status === 200) {
          record.ok = true;
          record.reply = text;
          return record;
        }
      } catch {
        record.status = null;
      }
      if (attempt < ATTEMPTS) await deps.sleep(1_000 * attempt);
    }
    return record;
  }

  return {
    /** Sends an event in the background; `settle()` waits for every push in flight. */
    push(xml: string, event: string): Promise<CallbackPush> {
      const p = deliver(xml, event).finally(() => pending.delete(p));
      pending.add(p);
      return p;
    },
    async settle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    /** The URL-verification GET an admin does when saving the callback URL: the body must be exactly the echo. */
    async verifyUrl(): Promise<{ ok: boolean; status: number | null; body: string }> {
      const s = deps.state;
      const url = deps.target();
      if (!url) return { ok: false, status: null, body: '' };
      const echo = String(randomInt(1, 2 ** 48));
      const at = { timestamp: String(s.nowS()), nonce: String(randomInt(1, 2 ** 31)) };
      const sealed = sealEnvelope({ token: s.creds.token, aesKey: s.creds.aesKey, receiveId: s.creds.corpId }, echo, at);
      const q = new URLSearchParams({ msg_signature: sealed.msgSignature, timestamp: at.timestamp, nonce: at.nonce, echostr: sealed.encrypt });
      const res = await doFetch(`${url}?${q.toString()}`, { signal: AbortSignal.timeout(deps.timeoutMs ?? 5_000) });
      const body = await res.text();
      return { ok: res.status === 200 && body === echo, status: res.status, body };
    },
  };
}

export type SimPusher = ReturnType<typeof createPusher>;
