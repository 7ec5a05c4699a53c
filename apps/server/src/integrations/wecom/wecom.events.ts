import type { Tx } from '../../db/client.ts';
import type { XmlObject } from './wecom.xml.ts';

/** A decrypted callback: the common header fields plus everything else as parsed XML. */
export type WecomEvent = {
  msgType: string;
  /** `Event` for MsgType=event (e.g. template_card_event, change_contact), else null. */
  event: string | null;
  /** `ChangeType` of change_contact (create_user, update_party, …), else null. */
  changeType: string | null;
  fromUser: string;
  toUser: string;
  createTime: number;
  agentId: number | null;
  fields: XmlObject;
};

/** What a handler may answer: nothing, or a passive reply (e.g. update_button) sent encrypted. */
export type HandlerResult = void | { replyXml: string };
/** Runs inside the callback's transaction: pass `tx` down, never use the db handle. */
export type WecomEventHandler = (tx: Tx, e: WecomEvent) => Promise<HandlerResult>;

/** The key a handler registers under: the Event name, or "msg:<MsgType>" for plain messages. */
export const eventKey = (e: Pick<WecomEvent, 'msgType' | 'event'>): string => (e.msgType === 'event' ? (e.event ?? '') : `msg:${e.msgType}`);

/**
 * The registry modules plug their callback handlers into (change_contact,
 * template_card_event, add_schedule, …). Several handlers may share a key; they run in
 * registration order, and the first passive reply wins.
 */
export function createEventRegistry() {
  const handlers = new Map<string, WecomEventHandler[]>();
  return {
    on(key: string, handler: WecomEventHandler): void {
      handlers.set(key, [...(handlers.get(key) ?? []), handler]);
    },
    async dispatch(tx: Tx, e: WecomEvent): Promise<{ handled: number; replyXml: string | null }> {
      const list = handlers.get(eventKey(e)) ?? [];
      let replyXml: string | null = null;
      for (const h of list) {
        const r = await h(tx, e);
        if (r && replyXml === null) replyXml = r.replyXml;
      }
      return { handled: list.length, replyXml };
    },
  };
}

export type EventRegistry = ReturnType<typeof createEventRegistry>;
