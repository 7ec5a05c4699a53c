import { deriveKey } from '../lib/keys.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../db/client.ts';
import { createPusher } from './sim.pusher.ts';
import { simPlugin } from './sim.routes.ts';
import { seedFromDatabase } from './sim.seed.ts';
import { createSimState, type SimCredentials } from './sim.state.ts';

/** Where the simulator is mounted in Uplift's own server. */
export const SIM_PREFIX = '/wecom-sim';

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

export type WecomSimDeps = {
  db: Db;
  clock: Clock;
  secret: string;
  /** The app's callback URL once the server listens (pushes are recorded, not sent, before). */
  callbackUrl: () => string | null;
  sleep: (ms: number) => Promise<void>;
  demo: boolean;
};

/** The WeCom simulator: in-memory corp, encrypted callback pusher, and the Fastify plugin serving it. */
export function createWecomSim(deps: WecomSimDeps) {
  const { adminKey, ...creds } = simCredentials(deps.secret);
  const state = createSimState(creds, deps.clock);
  const pusher = createPusher({ state, target: deps.callbackUrl, sleep: deps.sleep });
  let seeding: Promise<void> | null = null;
  const ensureSeeded = () => (seeding ??= seedFromDatabase(state, deps.db).then(() => undefined, (e: unknown) => {
    seeding = null;
    throw e;
  }));
  const reseed = async () => {
    seeding = null;
    const counts = await seedFromDatabase(state, deps.db);
    seeding = Promise.resolve();
    return counts;
  };
  return {
    state,
    credentials: creds,
    adminKey,
    pusher,
    ensureSeeded,
    plugin: simPlugin({ ctx: { state, pusher }, ensureSeeded, reseed, adminKey, openAuthorize: deps.demo }),
  };
}

export type WecomSim = ReturnType<typeof createWecomSim>;
