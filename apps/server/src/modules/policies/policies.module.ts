import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { orgUnits, policyVersions } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { inScope } from '../access/access.ts';
import type { Acknowledgments } from '../acknowledgments/acknowledgments.service.ts';
import type { Audit } from '../audit/audit.service.ts';
import type { Files } from '../files/files.service.ts';
import type { Notify } from '../notify/notify.service.ts';
import { createPolicies, FILE_OWNER, type TemplateConflicts } from './policies.service.ts';
import { createPolicyAcks } from './policy-acks.service.ts';
import { createPolicyPublishing } from './policy-publishing.ts';
import { createPolicyQuestions } from './policy-questions.service.ts';
import { mayReadOwner } from './policy-scope.ts';

/**
 * The policies domain wired from its dependencies: versions, publication on the clock,
 * acknowledgments and Q&A; registers who may read and attach a version's evidence files.
 */
export function createPolicyModule(deps: { db: Db; clock: Clock; audit: Audit; notify: Notify; log: Logger; files: Files; acks: Acknowledgments; businessDate(at: Date): string; templateConflicts?: TemplateConflicts }) {
  const { db, clock, audit } = deps;
  const publishing = createPolicyPublishing({ db, clock, audit, notify: deps.notify, log: deps.log, businessDate: deps.businessDate });
  const policies = createPolicies({ db, clock, audit, files: deps.files, publishing, businessDate: deps.businessDate, ...(deps.templateConflicts && { templateConflicts: deps.templateConflicts }) });
  const policyAcks = createPolicyAcks({ db, policies, acks: deps.acks });
  const policyQuestions = createPolicyQuestions({ db, clock, audit, notify: deps.notify, policies, acks: policyAcks });

  // evidence of the adoption: read by whoever reads the version, changed until it is published
  deps.files.registerOwner(FILE_OWNER, {
    async mayRead(exec, access, id) {
      const [r] = await exec.select({ path: orgUnits.path }).from(policyVersions).innerJoin(orgUnits, eq(orgUnits.id, policyVersions.ownerUnitId)).where(eq(policyVersions.id, id));
      return !!r && mayReadOwner(access, r.path);
    },
    async assertWritable(tx, access, id) {
      const [r] = await tx.select({ path: orgUnits.path, state: policyVersions.state }).from(policyVersions).innerJoin(orgUnits, eq(orgUnits.id, policyVersions.ownerUnitId)).where(eq(policyVersions.id, id)).for('update');
      if (!r || !mayReadOwner(access, r.path)) throw new AppError('NOT_FOUND', '没有这个制度版本');
      if (!inScope(access.orgWrite, r.path)) throw new AppError('FORBIDDEN', '您不能修改这个单位的制度');
      if (r.state !== 'draft' && r.state !== 'in_review') throw new AppError('CONFLICT', '已发布的版本不能再更改证明材料');
    },
  });
  return { policies, policyPublishing: publishing, policyAcks, policyQuestions };
}
