import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'audit-checkpoint' | 'backup' | 'field-encryption' | 'blind-index' | 'session' | 'wecom-simulator';

/** Derives a 32-byte purpose-bound key from UPLIFT_SECRET (HKDF-SHA256), so one root key never signs two kinds of thing. */
export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('uplift'), Buffer.from(`uplift/${purpose}/v1`), 32));
}
