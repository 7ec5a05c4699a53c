import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and fast enough for a login burst on 2 cores.
const options = { algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id hash in PHC string form (salt and parameters inside). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verified against when the user does not exist, so both paths take the same time.
let dummy: Promise<string> | null = null;

/** True when `password` matches; a null hash (no local password) never matches but costs the same. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummy ??= hashPassword('uplift-timing-equaliser');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
