import type { AddressInfo } from 'node:net';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Audit } from '../../modules/audit/audit.service.ts';
import { createWecomSim, SIM_PREFIX, type WecomSim } from '../../wecom-sim/sim.ts';
import { createWecomCallbacks } from './wecom.callback.ts';
import { createWecomClient } from './wecom.client.ts';
import type { WecomCredentials } from './wecom.config.ts';
import { WeComProtocolError } from './wecom.errors.ts';
import { createEventRegistry } from './wecom.events.ts';

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type WecomPlatformDeps = { config: Config; db: Db; clock: Clock; log: Logger; audit: Audit; sleep?: (ms: number) => Promise<void> };

/**
 * WeCom for the rest of the app: the typed client, the callback handler with its event
 * registry, and — without credentials — the simulator, reached over HTTP at the server's own
 * address like the real API (so the production code path is what runs).
 */
export function createWecomPlatform(deps: WecomPlatformDeps) {
  const { config, clock } = deps;
  const sleep = deps.sleep ?? realSleep;
  let selfUrl: string | null = null;
  const sim: WecomSim | null =
    config.wecom.mode === 'simulator'
      ? createWecomSim({ db: deps.db, clock, secret: config.secret, sleep, demo: config.demo, callbackUrl: () => (selfUrl ? `${selfUrl}/api/wecom/callback` : null) })
      : null;
  const credentials: WecomCredentials =
    config.wecom.mode === 'live'
      ? config.wecom.credentials
      : {
          corpId: sim!.credentials.corpId,
          agentId: sim!.credentials.agentId,
          secret: sim!.credentials.secret,
          contactSecret: sim!.credentials.contactSecret,
          callback: { token: sim!.credentials.token, aesKey: sim!.credentials.aesKey },
        };
  const live = config.wecom.mode === 'live' ? config.wecom.baseUrl : null;
  const baseUrl = () => {
    if (live) return live;
    if (!selfUrl) throw new WeComProtocolError('(simulator)', 'the simulator is reached over HTTP and the server is not listening yet');
    return `${selfUrl}${SIM_PREFIX}`;
  };
  const client = createWecomClient({ baseUrl, corpId: credentials.corpId, agentId: credentials.agentId, secrets: { app: credentials.secret, contact: credentials.contactSecret }, clock, sleep });
  const events = createEventRegistry();
  const callbacks = createWecomCallbacks({ db: deps.db, clock, audit: deps.audit, log: deps.log, keys: credentials.callback ? { ...credentials.callback, receiveId: credentials.corpId } : null, maxAgeS: config.wecom.callbackMaxAgeS, events });
  return {
    mode: config.wecom.mode,
    credentials,
    client,
    events,
    callbacks,
    sim,
    /** Where the in-client OAuth page lives: WeCom's, or the simulator's stand-in on the origin the browser used. */
    authorizeBase(origin: string): string {
      return sim ? `${origin}${SIM_PREFIX}` : 'https://open.weixin.qq.com';
    },
    /** Where the browser QR sign-in page lives: WeCom's, or the simulator's stand-in. */
    qrLoginBase(origin: string): string {
      return sim ? `${origin}${SIM_PREFIX}` : 'https://login.work.weixin.qq.com';
    },
    /** PUBLIC_URL, if set: the address WeCom redirects browsers to (its 可信域名). */
    publicBase(): string | null {
      return config.publicUrl?.replace(/\/+$/, '') ?? null;
    },
    /** Where links in messages point: PUBLIC_URL; with the simulator the listening address will do (phones never see a loopback link otherwise). */
    linkBase(): string | null {
      return config.publicUrl?.replace(/\/+$/, '') ?? (sim ? selfUrl : null);
    },
    /** Called once the server listens: the simulator and its callbacks go through this address. */
    setSelfUrl(address: AddressInfo | string) {
      selfUrl = typeof address === 'string' ? address.replace(/\/+$/, '') : `http://${address.family === 'IPv6' ? `[${loopback(address.address, '::1')}]` : loopback(address.address, '127.0.0.1')}:${address.port}`;
    },
  };
}

// a server bound to every interface is reached over loopback
const loopback = (addr: string, local: string) => (addr === '0.0.0.0' || addr === '::' ? local : addr);

export type WecomPlatform = ReturnType<typeof createWecomPlatform>;
