import { createHash, randomInt } from 'node:crypto';
import { lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { wecomCallbackReceipts } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { systemActor, type Audit } from '../../modules/audit/audit.service.ts';
import { openEnvelope, replyXml, sealEnvelope, type CallbackKeys, type SignedQuery } from './wecom.crypto.ts';
import { CRYPTO_ERROR, WeComCryptoError } from './wecom.errors.ts';
import type { EventRegistry, WecomEvent } from './wecom.events.ts';
import { parseXml, xmlText, XmlError, type XmlObject } from './wecom.xml.ts';

export type CallbackDeps = { db: Db; clock: Clock; audit: Audit; log: Logger; keys: CallbackKeys | null; maxAgeS: number; events: EventRegistry };

/** WeCom retries within minutes; a week of receipts covers that with a wide margin. */
export const RECEIPT_DAYS = 7;

export type CallbackOutcome = { status: 'processed' | 'duplicate'; event: WecomEvent; reply: string };

/** The callback endpoint's logic: verify, decrypt, de-duplicate, audit and dispatch in one transaction. */
export function createWecomCallbacks(deps: CallbackDeps) {
  const nowS = () => Math.floor(deps.clock.now().getTime() / 1000);
  const keys = () => {
    if (!deps.keys) throw new WeComCryptoError(CRYPTO_ERROR.illegalAesKey, 'callbacks are not configured (WECOM_TOKEN, WECOM_AES_KEY)');
    return deps.keys;
  };

  /** URL verification: the decrypted echostr, to be answered verbatim. */
  function verifyUrl(q: SignedQuery & { echostr: string }): string {
    return openEnvelope(keys(), q, q.echostr, { nowS: nowS(), maxAgeS: deps.maxAgeS });
  }

  /** An event push: nothing changes unless every check passes; a repeat answers without processing. */
  async function receive(q: SignedQuery, body: string): Promise<CallbackOutcome> {
    const k = keys();
    const outer = parseOrReject(body);
    const encrypted = xmlText(outer, 'Encrypt');
    if (!encrypted) throw new WeComCryptoError(CRYPTO_ERROR.parseXml, 'no <Encrypt> in the body');
    const to = xmlText(outer, 'ToUserName');
    if (to !== null && to !== k.receiveId) throw new WeComCryptoError(CRYPTO_ERROR.validateCorpId, 'ToUserName is not our corp id');
    const plain = openEnvelope(k, q, encrypted, { nowS: nowS(), maxAgeS: deps.maxAgeS });
    const event = toEvent(parseOrReject(plain));
    const msgId = xmlText(event.fields, 'MsgId');
    // messages carry MsgId; an event retry carries the same XML, so its hash identifies it
    const dedupKey = msgId ? `msg:${msgId}` : `evt:${createHash('sha256').update(plain).digest('hex')}`;

    return deps.db.transaction(async (tx) => {
      const [receipt] = await tx
        .insert(wecomCallbackReceipts)
        .values({ dedupKey, msgType: event.msgType, event: event.event, fromUser: event.fromUser, agentId: event.agentId, createdAt: new Date(event.createTime * 1000), receivedAt: deps.clock.now() })
        .onConflictDoNothing()
        .returning({ id: wecomCallbackReceipts.id });
      if (!receipt) return { status: 'duplicate' as const, event, reply: '' };
      const { handled, replyXml: passive } = await deps.events.dispatch(tx, event);
      await deps.audit.append(tx, systemActor('wecom'), {
        action: 'wecom.callback',
        entityType: 'wecom_callback',
        entityId: receipt.id,
        after: { msgType: event.msgType, event: event.event, changeType: event.changeType, fromUser: event.fromUser, createTime: event.createTime, agentId: event.agentId, handlers: handled },
      });
      return { status: 'processed' as const, event, reply: passive ? sealReply(k, passive) : '' };
    });
  }

  function sealReply(k: CallbackKeys, xml: string): string {
    const at = { timestamp: String(nowS()), nonce: String(randomInt(1, 2 ** 31)) };
    return replyXml(sealEnvelope(k, xml, at), at);
  }

  /** Forgets receipts past WeCom's retry window (kept a week); returns how many went. */
  async function prune(): Promise<number> {
    const before = new Date(deps.clock.now().getTime() - RECEIPT_DAYS * 86_400_000);
    const gone = await deps.db.delete(wecomCallbackReceipts).where(lt(wecomCallbackReceipts.receivedAt, before)).returning({ id: wecomCallbackReceipts.id });
    return gone.length;
  }

  return { verifyUrl, receive, prune, configured: deps.keys !== null };
}

export type WecomCallbacks = ReturnType<typeof createWecomCallbacks>;

function parseOrReject(text: string): XmlObject {
  try {
    const { name, value } = parseXml(text);
    if (name !== 'xml' || typeof value !== 'object' || Array.isArray(value)) throw new XmlError('root must be <xml> with elements');
    return value;
  } catch (e) {
    if (e instanceof XmlError) throw new WeComCryptoError(CRYPTO_ERROR.parseXml, `malformed XML: ${e.message}`);
    throw e;
  }
}

/** The common header of a decrypted callback; a message without them is malformed. */
function toEvent(x: XmlObject): WecomEvent {
  const msgType = xmlText(x, 'MsgType');
  const fromUser = xmlText(x, 'FromUserName');
  const toUser = xmlText(x, 'ToUserName');
  const createTime = xmlText(x, 'CreateTime');
  if (!msgType || fromUser === null || toUser === null || !createTime || !/^\d{1,12}$/.test(createTime)) {
    throw new WeComCryptoError(CRYPTO_ERROR.parseXml, 'missing MsgType, FromUserName, ToUserName or CreateTime');
  }
  const event = msgType === 'event' ? xmlText(x, 'Event') : null;
  if (msgType === 'event' && !event) throw new WeComCryptoError(CRYPTO_ERROR.parseXml, 'event without Event');
  const agent = xmlText(x, 'AgentID');
  return { msgType, event, changeType: xmlText(x, 'ChangeType'), fromUser, toUser, createTime: Number(createTime), agentId: agent && /^\d+$/.test(agent) ? Number(agent) : null, fields: x };
}
