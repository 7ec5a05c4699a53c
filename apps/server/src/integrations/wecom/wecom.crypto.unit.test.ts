import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptChecked, getJsApiSignature, openEnvelope, replyXml, sealEnvelope, signature, signatureMatches } from './wecom.crypto.ts';
import { CRYPTO_ERROR, WeComCryptoError } from './wecom.errors.ts';
import { loadVectors } from './wecom.vectors.ts';
import { parseXml } from './wecom.xml.ts';

const vectors = loadVectors();
const off = { nowS: 0, maxAgeS: 0 };

function codeOf(f: () => unknown): number | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof WeComCryptoError) return e.code;
    throw e;
  }
}

/** Flips one base64 character in the middle to another valid one. */
const flip = (s: string, at = Math.floor(s.length / 2)) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

describe('callback crypto against the SPEC vectors', () => {
  for (const set of vectors.callback_crypto) {
    const keys = { token: set.token, aesKey: set.encodingAESKey, receiveId: set.receiveid };
    for (const c of set.cases) {
      const payload = c.echostr ?? c.encrypt ?? '';
      const q = { msgSignature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce };
      describe(`${set.id} ${c.kind}`, () => {
        it('signs, opens and reproduces the ciphertext with the recovered random', () => {
          expect(signature(set.token, c.timestamp, c.nonce, payload)).toBe(c.msg_signature);
          const msg = openEnvelope(keys, q, payload, off);
          expect(msg).toBe(c.expected.msg);
          expect(Buffer.byteLength(msg)).toBe(c.expected.msg_len);
          const again = sealEnvelope(keys, msg, c, Buffer.from(c.expected.random_utf8, 'utf8'));
          expect(again).toEqual({ encrypt: payload, msgSignature: c.msg_signature });
          // the pad byte the SPEC names (> 16 for the POST cases: Node's auto padding would throw)
          expect((20 + c.expected.msg_len + set.receiveid.length + c.expected.pad_byte) % 32).toBe(0);
        });

        it('rejects every tampered form', () => {
          expect(codeOf(() => openEnvelope(keys, { ...q, msgSignature: flip(c.msg_signature, 3).toLowerCase() }, payload, off))).toBe(CRYPTO_ERROR.validateSignature);
          expect(codeOf(() => openEnvelope(keys, { ...q, msgSignature: c.msg_signature.slice(1) }, payload, off))).toBe(CRYPTO_ERROR.validateSignature);
          expect(codeOf(() => openEnvelope(keys, { ...q, timestamp: String(Number(c.timestamp) + 1) }, payload, off))).toBe(CRYPTO_ERROR.validateSignature);
          expect(codeOf(() => openEnvelope(keys, { ...q, nonce: `${c.nonce}1` }, payload, off))).toBe(CRYPTO_ERROR.validateSignature);
          expect(codeOf(() => openEnvelope(keys, q, flip(payload), off))).toBe(CRYPTO_ERROR.validateSignature);
          expect(codeOf(() => openEnvelope({ ...keys, token: `${set.token}x` }, q, payload, off))).toBe(CRYPTO_ERROR.validateSignature);
          // correctly signed but altered ciphertexts: the decryption checks must catch them
          expect(codeOf(() => decryptChecked(keys, flip(payload, payload.length - 6)))).toBe(CRYPTO_ERROR.illegalBuffer);
          expect(codeOf(() => decryptChecked(keys, payload.slice(0, -4)))).not.toBeNull();
          expect(codeOf(() => decryptChecked(keys, `${payload.slice(0, 10)}*${payload.slice(11)}`))).toBe(CRYPTO_ERROR.decodeBase64);
          expect(codeOf(() => decryptChecked(keys, Buffer.from(payload, 'base64').subarray(0, 32).toString('base64')))).toBe(CRYPTO_ERROR.illegalBuffer);
          expect(codeOf(() => decryptChecked({ ...keys, receiveId: 'ww0000000000000000' }, payload))).toBe(CRYPTO_ERROR.validateCorpId);
          expect(codeOf(() => decryptChecked({ ...keys, aesKey: vectors.callback_crypto.find((s) => s.id !== set.id)!.encodingAESKey }, payload))).not.toBeNull();
        });

        it('enforces the timestamp window when it is on', () => {
          const ts = Number(c.timestamp);
          expect(openEnvelope(keys, q, payload, { nowS: ts + 300, maxAgeS: 300 })).toBe(c.expected.msg);
          expect(codeOf(() => openEnvelope(keys, q, payload, { nowS: ts + 301, maxAgeS: 300 }))).toBe(CRYPTO_ERROR.timestamp);
          expect(codeOf(() => openEnvelope(keys, q, payload, { nowS: ts - 301, maxAgeS: 300 }))).toBe(CRYPTO_ERROR.timestamp);
        });
      });
    }
  }

  it('rejects padding that is not PKCS#7 to 32, even with a valid signature', () => {
    const set = vectors.callback_crypto[0]!;
    const keys = { token: set.token, aesKey: set.encodingAESKey, receiveId: set.receiveid };
    // a message whose plaintext ends in a pad byte of 33 (not 1..32), encrypted without the library's padding
    const body = Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0, 0, 0, 2]), Buffer.from('hi'), Buffer.from(set.receiveid)]);
    const padded = Buffer.concat([body, Buffer.alloc(64 - body.length, 33)]);
    const key = Buffer.from(`${set.encodingAESKey}=`, 'base64');
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const bad = Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
    expect(codeOf(() => openEnvelope(keys, { msgSignature: signature(set.token, '1', '2', bad), timestamp: '1', nonce: '2' }, bad, off))).toBe(CRYPTO_ERROR.illegalBuffer);
  });

  it('compares signatures in constant time and only at equal length', () => {
    expect(signatureMatches('abc', 'abc')).toBe(true);
    expect(signatureMatches('abc', 'ABC')).toBe(true);
    expect(signatureMatches('abc', 'abcd')).toBe(false);
  });

  it('builds the passive reply XML that parses back to the envelope', () => {
    const set = vectors.callback_crypto[1]!;
    const keys = { token: set.token, aesKey: set.encodingAESKey, receiveId: set.receiveid };
    const at = { timestamp: '1476422779', nonce: '1597212914' };
    const sealed = sealEnvelope(keys, '<xml><MsgType>update_button</MsgType></xml>', at);
    const { value } = parseXml(replyXml(sealed, at));
    expect(value).toEqual({ Encrypt: sealed.encrypt, MsgSignature: sealed.msgSignature, TimeStamp: at.timestamp, Nonce: at.nonce });
    expect(openEnvelope(keys, { msgSignature: sealed.msgSignature, ...at }, sealed.encrypt, off)).toBe('<xml><MsgType>update_button</MsgType></xml>');
  });

  it('signs JS-SDK configs as the official vector says', () => {
    const v = vectors.jssdk_signature;
    expect(getJsApiSignature({ url: v.url, ticket: v.jsapi_ticket, nonceStr: v.noncestr, timestamp: v.timestamp }).signature).toBe(v.signature);
  });
});
