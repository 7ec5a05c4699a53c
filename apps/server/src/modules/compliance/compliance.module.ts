import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import type { Audit } from '../audit/audit.service.ts';
import type { Notify } from '../notify/notify.service.ts';
import { createPipRecord } from '../pip/pip.record.ts';
import { createProtectedRecords } from './protected.service.ts';
import { createTerminations } from './termination.service.ts';

/** The compliance module: 第四十二条 records and the termination review with its guard. */
export function createComplianceModule(deps: { db: Db; clock: Clock; audit: Audit; notify: Notify; crypto: FieldCrypto; businessDate(at: Date): string }) {
  const record = createPipRecord(deps);
  const terminations = createTerminations({ ...deps, record });
  return { protectedRecords: createProtectedRecords(deps), terminations, terminationEvidence: terminations.terminationEvidence };
}

export type ComplianceModule = ReturnType<typeof createComplianceModule>;
