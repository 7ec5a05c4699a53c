import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { sealEnvelope, signature } from '../../integrations/wecom/wecom.crypto.ts';
import type { WecomEvent } from '../../integrations/wecom/wecom.events.ts';
import { loadVectors } from '../../integrations/wecom/wecom.vectors.ts';

// The callback endpoint through the HTTP app on a real database, with every SPEC vector and
// tampered forms of each. Recorded vectors are old, so the window is off (MAX_AGE 0) here.

const vectors = loadVectors();
type Set = (typeof vectors.callback_crypto)[number];
type Case = Set['cases'][number];

const apps = new Map<string, TestApp>();
const seen = new Map<string, WecomEvent[]>();

const envFor = (set: Set, maxAge = '0') => ({
  WECOM_CORP_ID: set.receiveid,
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'unused-in-these-tests',
  WECOM_TOKEN: set.token,
  WECOM_AES_KEY: set.encodingAESKey,
  WECOM_CALLBACK_MAX_AGE_S: maxAge,
});

beforeAll(async () => {
  for (const set of vectors.callback_crypto) {
    const t = await createTestApp({ env: envFor(set) });
    const list: WecomEvent[] = [];
    t.services.wecom.events.on('msg:text', async (_tx, e) => {
      list.push(e);
    });
    apps.set(set.id, t);
    seen.set(set.id, list);
  }
});
afterAll(async () => {
  for (const t of apps.values()) await t.close();
});

const counts = async (t: TestApp) => {
  const [r] = await queryRows<{ receipts: number; audits: number }>(
    t.db.database.db,
    sql`select (select count(*)::int from wecom_callback_receipts) as receipts, (select count(*)::int from audit_log where action = 'wecom.callback') as audits`,
  );
  return r!;
};

const qs = (o: Record<string, string>) => new URLSearchParams(o).toString();
const get = (t: TestApp, q: Record<string, string>) => t.app.inject({ method: 'GET', url: `/api/wecom/callback?${qs(q)}` });
const post = (t: TestApp, q: Record<string, string>, body: string) => t.app.inject({ method: 'POST', url: `/api/wecom/callback?${qs(q)}`, headers: { 'content-type': 'text/xml' }, payload: body });
const envelopeXml = (set: Set, encrypt: string) => `<xml><ToUserName><![CDATA[${set.receiveid}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
/** A ciphertext altered and then correctly re-signed: only the decryption checks can catch it. */
const resigned = (set: Set, c: Case, encrypt: string) => ({ msg_signature: signature(set.token, c.timestamp, c.nonce, encrypt), timestamp: c.timestamp, nonce: c.nonce });

for (const set of vectors.callback_crypto) {
  const verifyCase = set.cases.find((c) => c.kind === 'url_verify')!;
  const postCase = set.cases.find((c) => c.kind === 'post_decrypt')!;

  describe(`WeCom callback, vector set ${set.id}`, () => {
    let t: TestApp;
    beforeEach(() => {
      t = apps.get(set.id)!;
    });

    it('answers the URL check with exactly the decrypted echostr', async () => {
      const res = await get(t, { msg_signature: verifyCase.msg_signature, timestamp: verifyCase.timestamp, nonce: verifyCase.nonce, echostr: verifyCase.echostr! });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(verifyCase.expected.msg);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      // and percent-encoded on the wire as WeCom sends it
      const wire = `/api/wecom/callback?msg_signature=${verifyCase.msg_signature}&timestamp=${verifyCase.timestamp}&nonce=${verifyCase.nonce}&echostr=${encodeURIComponent(verifyCase.echostr!)}`;
      expect((await t.app.inject({ method: 'GET', url: wire })).body).toBe(verifyCase.expected.msg);
    });

    it('rejects tampered URL checks', async () => {
      const q = { msg_signature: verifyCase.msg_signature, timestamp: verifyCase.timestamp, nonce: verifyCase.nonce, echostr: verifyCase.echostr! };
      for (const bad of [{ ...q, msg_signature: flip(q.msg_signature, 0).toLowerCase().replace(/^[^0-9a-f]/, '0') }, { ...q, nonce: `${q.nonce}0` }, { ...q, echostr: flip(q.echostr, 10) }, { ...q, timestamp: '1' }]) {
        expect((await get(t, bad)).statusCode).toBe(401);
      }
      const { echostr: _drop, ...noEcho } = q;
      expect((await get(t, noEcho)).statusCode).toBe(400);
    });

    it('processes the POST once, audited, and answers a repeated delivery 200 without processing again', async () => {
      const before = await counts(t);
      const q = { msg_signature: postCase.msg_signature, timestamp: postCase.timestamp, nonce: postCase.nonce };
      const first = await post(t, q, envelopeXml(set, postCase.encrypt!));
      expect(first.statusCode).toBe(200);
      expect(first.body).toBe('');
      const events = seen.get(set.id)!;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ msgType: 'text', fromUser: postCase.expected.msg.match(/<FromUserName>(?:<!\[CDATA\[)?(\w+)/)![1], toUser: set.receiveid });
      expect(events[0]!.fields.Content).toBe(set.id === 'A' ? 'hello' : '你好');
      const repeat = await post(t, q, envelopeXml(set, postCase.encrypt!));
      expect(repeat.statusCode).toBe(200);
      expect(events).toHaveLength(1);
      expect(await counts(t)).toEqual({ receipts: before.receipts + 1, audits: before.audits + 1 });
      const [audit] = await queryRows<{ actor_label: string; after: { msgType: string; fromUser: string } }>(t.db.database.db, sql`select actor_label, after from audit_log where action = 'wecom.callback' order by seq desc limit 1`);
      expect(audit).toMatchObject({ actor_label: 'wecom', after: { msgType: 'text' } });
    });

    it('rejects every tampered POST and changes nothing', async () => {
      const before = await counts(t);
      const enc = postCase.encrypt!;
      const q = { msg_signature: postCase.msg_signature, timestamp: postCase.timestamp, nonce: postCase.nonce };
      const keys = { token: set.token, aesKey: set.encodingAESKey, receiveId: set.receiveid };
      const otherCorp = sealEnvelope({ ...keys, receiveId: 'ww0000000000000000' }, postCase.expected.msg, postCase);
      const notXml = sealEnvelope(keys, 'not xml at all', postCase);
      const noHeader = sealEnvelope(keys, '<xml><Content>hi</Content></xml>', postCase);
      const cases: [string, Record<string, string>, string, number][] = [
        ['flipped signature', { ...q, msg_signature: q.msg_signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }, envelopeXml(set, enc), 401],
        ['other timestamp', { ...q, timestamp: String(Number(q.timestamp) + 1) }, envelopeXml(set, enc), 401],
        ['other nonce', { ...q, nonce: `${q.nonce}1` }, envelopeXml(set, enc), 401],
        ['altered ciphertext', q, envelopeXml(set, flip(enc, 40)), 401],
        ['altered and re-signed', resigned(set, postCase, flip(enc, enc.length - 8)), envelopeXml(set, flip(enc, enc.length - 8)), 400],
        ['truncated and re-signed', resigned(set, postCase, enc.slice(0, -24)), envelopeXml(set, enc.slice(0, -24)), 400],
        ['not base64, re-signed', resigned(set, postCase, `${enc.slice(0, 20)}!${enc.slice(21)}`), envelopeXml(set, `${enc.slice(0, 20)}!${enc.slice(21)}`), 400],
        ['another corp as receiveid', { ...q, msg_signature: otherCorp.msgSignature }, envelopeXml(set, otherCorp.encrypt), 401],
        ['decrypts to non-XML', { ...q, msg_signature: notXml.msgSignature }, envelopeXml(set, notXml.encrypt), 400],
        ['XML without the header fields', { ...q, msg_signature: noHeader.msgSignature }, envelopeXml(set, noHeader.encrypt), 400],
        ['outer XML malformed', q, `<xml><Encrypt><![CDATA[${enc}]]></Encrypt>`, 400],
        ['outer XML without Encrypt', q, '<xml><ToUserName>x</ToUserName></xml>', 400],
        ['outer ToUserName of another corp', q, envelopeXml(set, enc).replace(set.receiveid, 'ww0000000000000000'), 401],
        ['a DTD', q, `<!DOCTYPE xml [<!ENTITY x "y">]>${envelopeXml(set, enc)}`, 400],
        ['empty body', q, '', 400],
        ['no signature', { timestamp: q.timestamp, nonce: q.nonce }, envelopeXml(set, enc), 400],
      ];
      for (const [name, query, body, status] of cases) {
        const res = await post(t, query, body);
        expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
        expect(res.json().error.code, name).toBeTruthy();
      }
      expect(await counts(t)).toEqual(before);
      expect(seen.get(set.id)).toHaveLength(1);
    });
  });
}

describe('WeCom callback: freshness window', () => {
  it('accepts a timestamp within WECOM_CALLBACK_MAX_AGE_S of the clock and rejects one outside', async () => {
    const set = vectors.callback_crypto[0]!;
    const c = set.cases.find((x) => x.kind === 'url_verify')!;
    const t = await createTestApp({ env: envFor(set, '300') });
    try {
      const q = { msg_signature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce, echostr: c.echostr! };
      t.clock.set(new Date((Number(c.timestamp) + 300) * 1000));
      expect((await get(t, q)).body).toBe(c.expected.msg);
      t.clock.set(new Date((Number(c.timestamp) + 301) * 1000));
      expect((await get(t, q)).statusCode).toBe(401);
      t.clock.set(new Date((Number(c.timestamp) - 301) * 1000));
      expect((await get(t, q)).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('WeCom callback: receipts', () => {
  it('keeps receipts a week, then prunes them', async () => {
    const set = vectors.callback_crypto[0]!;
    const t = apps.get(set.id)!;
    const c = set.cases.find((x) => x.kind === 'post_decrypt')!;
    // processed here or by an earlier test: either way a receipt exists
    expect((await post(t, { msg_signature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce }, envelopeXml(set, c.encrypt!))).statusCode).toBe(200);
    const before = (await counts(t)).receipts;
    expect(before).toBeGreaterThan(0);
    expect(await t.services.wecom.callbacks.prune()).toBe(0);
    t.clock.advance(8 * 86_400_000);
    expect(await t.services.wecom.callbacks.prune()).toBe(before);
    expect((await counts(t)).receipts).toBe(0);
  });
});
