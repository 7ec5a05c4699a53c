import type { Db, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Calendar } from '../calendar/calendar.service.ts';
import type { Files } from '../files/files.service.ts';
import type { Notify } from '../notify/notify.service.ts';
import { createPipRecord, type PipObserver } from '../pip/pip.record.ts';
import type { Pips } from '../pip/pip.service.ts';
import { createCheckinMinutes } from './checkins.minutes.ts';
import { CHECKIN_FILES, checkinFilePolicy } from './checkins.files.ts';
import { createCheckins } from './checkins.service.ts';
import { createEvaluations, type EvaluationDeps } from '../evaluations/evaluations.service.ts';

/** The check-ins module's services from their explicit dependencies. */
export function createCheckinModule(deps: { db: Db; clock: Clock; audit: Audit; notify: Notify; calendar: Calendar; files: Files; pips: Pips; timeZone: string; businessDate(at: Date): string; onReassessed?: EvaluationDeps['onReassessed']; observe?: PipObserver }) {
  const record = createPipRecord(deps);
  const base = { ...deps, record };
  // attachments of the minutes: read by the plan's participants and HR in scope, attached while the minutes are open
  deps.files.registerOwner(CHECKIN_FILES, checkinFilePolicy);
  const meetings = createCheckins(base);
  const evaluations = createEvaluations(base);
  /** A plan entering in_progress (start or resume): its cadence's meetings and its evaluation points. */
  async function planStarted(tx: Tx, ctx: AuditContext, planId: string): Promise<void> {
    await meetings.generate(tx, ctx, planId);
    await evaluations.schedule(tx, ctx, planId);
  }
  return { meetings, minutes: createCheckinMinutes(base), evaluations, planStarted };
}

export type CheckinModule = ReturnType<typeof createCheckinModule>;
