import type { Db, Tx } from '../../db/client.ts';
import type { ChangeEmployee } from '@uplift/contract';
import type { Clock } from '../../lib/clock.ts';
import type { Access } from '../access/access.ts';
import type { Acknowledgments } from '../acknowledgments/acknowledgments.service.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Evaluations } from '../evaluations/evaluations.service.ts';
import type { Files } from '../files/files.service.ts';
import type { Notify } from '../notify/notify.service.ts';
import { createPipRecord, type PipObserver } from '../pip/pip.record.ts';
import type { Pips } from '../pip/pip.service.ts';
import { createFollowUp } from './followup.service.ts';
import { trainingFilePolicy } from './outcomes.files.ts';
import { TRAINING_FILES } from './outcomes.queries.ts';
import { createOutcomes } from './outcomes.service.ts';

/** Outcomes of the final review and the follow-up of plans not passed. */
export function createOutcomeModule(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  notify: Notify;
  acks: Acknowledgments;
  files: Files;
  pips: Pips;
  evaluations: Pick<Evaluations, 'open'>;
  businessDate(at: Date): string;
  changeEmployee: (tx: Tx, access: Access, ctx: AuditContext, id: string, input: ChangeEmployee) => Promise<unknown>;
  observe?: PipObserver;
}) {
  const record = createPipRecord(deps);
  deps.files.registerOwner(TRAINING_FILES, trainingFilePolicy);
  return { outcomes: createOutcomes({ ...deps, record }), followUp: createFollowUp({ ...deps, record }) };
}

export type OutcomeModule = ReturnType<typeof createOutcomeModule>;
