import type { SimState, TokenScope } from './sim.state.ts';
import type { SimPusher } from './sim.pusher.ts';

/** One parsed API call, after the token check. */
export type SimRequest = { path: string; query: Record<string, string>; body: Record<string, unknown>; scope: TokenScope; ip: string };
export type SimContext = { state: SimState; pusher: SimPusher };
export type SimHandler = (req: SimRequest, ctx: SimContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
/** A simulated endpoint: its method and handler; `token: false` for gettoken. */
export type SimRoute = { method: 'GET' | 'POST'; handler: SimHandler };
