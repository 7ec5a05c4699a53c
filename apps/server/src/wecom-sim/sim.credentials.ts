import { deriveKey } from '../lib/keys.ts';
import type { SimCredentials } from './sim.state.ts';

// What a test or tool needs to drive a simulator it did not start: its credentials and admin
// key, derived from UPLIFT_SECRET, and the header the admin API reads (no server code here).

/** The header carrying the simulator's admin key. */
export const SIM_ADMIN_HEADER = 'x-wecom-sim-key';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function alnum(bytes: Buffer, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[bytes[i % bytes.length]! % ALNUM.length];
  return out;
}

/** The simulated corp's credentials, derived from UPLIFT_SECRET: stable across restarts. */
export function simCredentials(secret: string): SimCredentials & { adminKey: string } {
  const k = deriveKey(secret, 'wecom-simulator');
  const part = (label: string) => Buffer.from(deriveKey(`${k.toString('hex')}/${label}`, 'wecom-simulator'));
  return {
    corpId: `ww${part('corp').toString('hex').slice(0, 16)}`,
    agentId: 1000002,
    secret: alnum(part('secret'), 43),
    contactSecret: alnum(part('contact'), 43),
    token: alnum(part('token'), 32),
    aesKey: alnum(part('aes'), 43),
    adminKey: part('admin').toString('base64url'),
  };
}

