import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { wecomPipSchedules } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Audit } from '../audit/audit.service.ts';
import type { WecomClient } from '../../integrations/wecom/wecom.client.ts';
import { scheduleChange } from '../../integrations/wecom/wecom.event-parsers.ts';
import type { EventRegistry, WecomEventHandler } from '../../integrations/wecom/wecom.events.ts';
import { createWecomPipDrain } from './wecom-pip.drain.ts';
import { createWecomPipObserver, enqueue } from './wecom-pip.observer.ts';

export type WecomPipDeps = { db: Db; clock: Clock; client: WecomClient; events: EventRegistry; audit: Audit; enabled: boolean };

/**
 * WeCom in a running plan: each check-in in its participants' WeCom calendars, a private app
 * group chat per plan that gets the milestones. The plan's record feeds `observe` (ops written
 * in the event's transaction); `drain` executes them afterwards (tick, and after requests).
 * Off where the WeCom channel is off (tools, tests without the simulator): nothing is written.
 */
export function createWecomPip(deps: WecomPipDeps) {
  const { clock } = deps;
  const drainer = createWecomPipDrain(deps);

  // an answer to a schedule arrives as modify_schedule (add_schedule when WeCom reports the
  // creation): the schedule is read back by the drain, never inside the callback's transaction
  const onSchedule: WecomEventHandler = async (tx, e) => {
    const change = scheduleChange(e);
    if (!change) return;
    const [link] = await tx.select({ checkinId: wecomPipSchedules.checkinId }).from(wecomPipSchedules).where(eq(wecomPipSchedules.scheduleId, change.scheduleId));
    // a schedule Uplift does not know (or not yet: the add_schedule of one just made has no answers to read)
    if (!link) return;
    await enqueue(tx, clock, [{ kind: 'rsvp', ref: link.checkinId, op: 'fetch', payload: { scheduleId: change.scheduleId } }]);
  };
  if (deps.enabled) {
    deps.events.on('add_schedule', onSchedule);
    deps.events.on('modify_schedule', onSchedule);
  }

  return {
    enabled: deps.enabled,
    observe: deps.enabled ? createWecomPipObserver({ clock }) : undefined,
    /** Runs the due WeCom operations (idempotent; a no-op when off). */
    drain: async (max?: number) => (deps.enabled ? drainer.drain(max) : { done: 0, skipped: 0, retried: 0, failed: 0 }),
  };
}

export type WecomPip = ReturnType<typeof createWecomPip>;
