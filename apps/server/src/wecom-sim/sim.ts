import type { Clock } from '../lib/clock.ts';
import type { Db } from '../db/client.ts';
import { simCredentials } from './sim.credentials.ts';
import { createPusher } from './sim.pusher.ts';
import { simPlugin } from './sim.routes.ts';
import { seedFromDatabase } from './sim.seed.ts';
import { createSimState } from './sim.state.ts';

/** Where the simulator is mounted in Uplift's own server. */
export const SIM_PREFIX = '/wecom-sim';

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
