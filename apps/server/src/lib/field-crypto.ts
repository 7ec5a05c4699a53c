import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { deriveKey } from './keys.ts';

/**
 * Encryption of sensitive fields at rest (AES-256-GCM) with a key id for rotation, and an HMAC
 * blind index so equal values can be matched without decrypting. Stored as "k1:base64(iv|ct|tag)".
 */
export type FieldCrypto = {
  encrypt(plain: string | null): string | null;
  decrypt(stored: string | null): string | null;
  /** Deterministic HMAC of the normalised value (trimmed, lower-case, no spaces or dashes). */
  blindIndex(plain: string | null): string | null;
};

const CURRENT = 'k1';

export function createFieldCrypto(secret: string): FieldCrypto {
  const keys = new Map([[CURRENT, deriveKey(secret, 'field-encryption')]]);
  const indexKey = deriveKey(secret, 'blind-index');
  return {
    encrypt(plain) {
      if (plain === null || plain === '') return null;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.get(CURRENT)!, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${CURRENT}:${Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64')}`;
    },
    decrypt(stored) {
      if (!stored) return null;
      const sep = stored.indexOf(':');
      const key = keys.get(stored.slice(0, sep));
      if (!key) throw new Error(`unknown field key id ${stored.slice(0, sep)}`);
      const raw = Buffer.from(stored.slice(sep + 1), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    },
    blindIndex(plain) {
      if (plain === null || plain === '') return null;
      const normalised = plain.trim().toLowerCase().replace(/[\s-]/g, '');
      return createHmac('sha256', indexKey).update(normalised).digest('hex');
    },
  };
}

/** Masks for people without HR rights: 138****1234, 1101**********1234, z***@example.com. */
export function maskMobile(v: string | null): string | null {
  if (!v) return null;
  return v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '****';
}
export function maskNationalId(v: string | null): string | null {
  if (!v) return null;
  return v.length >= 8 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}` : '****';
}
export function maskEmail(v: string | null): string | null {
  if (!v) return null;
  const at = v.indexOf('@');
  return at > 0 ? `${v[0]}***${v.slice(at)}` : '***';
}
