import { timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { CRYPTO_ERROR, WeComCryptoError } from './wecom.errors.ts';

/** Callback credentials of one app: Token, EncodingAESKey and the receiveid (corp id). */
export type CallbackKeys = { token: string; aesKey: string; receiveId: string };

export type SignedQuery = { msgSignature: string; timestamp: string; nonce: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** sha1 over the sorted [token, timestamp, nonce, encrypt], lower-case hex (SPEC §7.2). */
export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return getSignature(token, timestamp, nonce, encrypted);
}

/** Constant-time string equality (the length is not secret). */
export function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Constant-time comparison of a received signature (hex, any case) with the expected one. */
export function signatureMatches(expected: string, given: string): boolean {
  return constantTimeEqual(expected, given.toLowerCase());
}

/**
 * Verifies and decrypts one callback payload (echostr or <Encrypt>): signature (constant time),
 * freshness of the timestamp (maxAgeS 0 = off), base64, AES-256-CBC, PKCS#7 padding to 32,
 * msg_len and the receiveid. Throws WeComCryptoError; never returns a half-checked message.
 */
export function openEnvelope(keys: CallbackKeys, q: SignedQuery, encrypted: string, check: { nowS: number; maxAgeS: number }): string {
  if (!signatureMatches(signature(keys.token, q.timestamp, q.nonce, encrypted), q.msgSignature)) {
    throw new WeComCryptoError(CRYPTO_ERROR.validateSignature, 'msg_signature does not match');
  }
  if (check.maxAgeS > 0) {
    const ts = /^\d{1,12}$/.test(q.timestamp) ? Number(q.timestamp) : Number.NaN;
    if (!Number.isFinite(ts) || Math.abs(check.nowS - ts) > check.maxAgeS) {
      throw new WeComCryptoError(CRYPTO_ERROR.timestamp, `timestamp outside the ${check.maxAgeS} s window`);
    }
  }
  return decryptChecked(keys, encrypted);
}

/** Decrypts and checks padding, length and receiveid (the package checks none of them). */
export function decryptChecked(keys: Pick<CallbackKeys, 'aesKey' | 'receiveId'>, encrypted: string): string {
  if (!BASE64.test(encrypted)) throw new WeComCryptoError(CRYPTO_ERROR.decodeBase64, 'not base64');
  const raw = Buffer.from(encrypted, 'base64');
  // PKCS#7 to a 32-byte block: the ciphertext is whole blocks, at least one past the 20-byte header
  if (raw.length < 32 || raw.length % 32 !== 0) throw new WeComCryptoError(CRYPTO_ERROR.illegalBuffer, 'ciphertext is not whole 32-byte blocks');
  let opened: { message: string; id: string; random: Buffer };
  try {
    opened = decrypt(keys.aesKey, encrypted);
  } catch {
    throw new WeComCryptoError(CRYPTO_ERROR.decryptAes, 'AES decryption failed');
  }
  // Re-encrypting with the recovered random must give back the exact ciphertext: this proves the
  // pad (1..32, all equal), msg_len and UTF-8 were well formed, which decrypt() does not check.
  if (encrypt(keys.aesKey, opened.message, opened.id, opened.random) !== encrypted) {
    throw new WeComCryptoError(CRYPTO_ERROR.illegalBuffer, 'bad padding or length in the decrypted buffer');
  }
  if (opened.id !== keys.receiveId) throw new WeComCryptoError(CRYPTO_ERROR.validateCorpId, 'receiveid does not match the corp id');
  return opened.message;
}

/** Encrypts and signs a message the way WeCom does (for passive replies and the simulator's pushes). */
export function sealEnvelope(keys: CallbackKeys, message: string, at: { timestamp: string; nonce: string }, random?: Buffer): { encrypt: string; msgSignature: string } {
  const encrypted = encrypt(keys.aesKey, message, keys.receiveId, random);
  return { encrypt: encrypted, msgSignature: signature(keys.token, at.timestamp, at.nonce, encrypted) };
}

/** The encrypted passive-reply XML (SPEC §7.2). */
export function replyXml(sealed: { encrypt: string; msgSignature: string }, at: { timestamp: string; nonce: string }): string {
  return `<xml><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt><MsgSignature><![CDATA[${sealed.msgSignature}]]></MsgSignature><TimeStamp>${at.timestamp}</TimeStamp><Nonce><![CDATA[${at.nonce}]]></Nonce></xml>`;
}

/** The JS-SDK signature (SPEC §8.3): sha1 of the four fields in fixed order, raw values. */
export { getJsApiSignature } from '@wecom/crypto';
