import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Acknowledgments } from '../acknowledgments/acknowledgments.service.ts';
import type { Audit } from '../audit/audit.service.ts';
import type { Calendar } from '../calendar/calendar.service.ts';
import type { Notify } from '../notify/notify.service.ts';
import { createPipAway } from './pip.away.ts';
import { createPipGoals } from './pip.goals.ts';
import { createPipLifecycle } from './pip.lifecycle.ts';
import { createPipRecord, type Emit, type PipObserver } from './pip.record.ts';
import { createPips, type OnStarted } from './pip.service.ts';
import { createPipView } from './pip.view.ts';

/** The PIP module's services from their explicit dependencies. */
export function createPipModule(deps: { db: Db; clock: Clock; audit: Audit; notify: Notify; calendar: Calendar; acks: Acknowledgments; businessDate(at: Date): string; emit?: Emit; onStarted?: OnStarted; observe?: PipObserver }) {
  const record = createPipRecord(deps);
  const base = { db: deps.db, clock: deps.clock, record, businessDate: deps.businessDate, ...(deps.emit && { emit: deps.emit }), ...(deps.onStarted && { onStarted: deps.onStarted }) };
  const plans = createPips(base);
  return {
    plans,
    goals: createPipGoals({ ...base, pips: plans, acks: deps.acks }),
    view: createPipView({ db: deps.db, clock: deps.clock, pips: plans }),
    lifecycle: createPipLifecycle({ ...base, pips: plans, calendar: deps.calendar }),
    away: createPipAway({ ...base, audit: deps.audit }),
  };
}

export type PipModule = ReturnType<typeof createPipModule>;
