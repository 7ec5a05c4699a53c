import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { pipPlans } from '../../db/schema/index.ts';

/**
 * Marks how the follow-up of a plan not passed concluded (a re-assessment that met the standard,
 * or a decided termination review): HR may then close the plan. Written on the plan row's
 * outcome summary, which the transition table reads.
 */
export async function concludeFollowUp(tx: Tx, planId: string, how: 'reassessment_met' | 'termination_review', now: Date): Promise<void> {
  await tx
    .update(pipPlans)
    .set({ outcome: sql`jsonb_set(${pipPlans.outcome}, '{concluded}', to_jsonb(${how}::text))`, version: sql`${pipPlans.version} + 1`, updatedAt: now })
    .where(eq(pipPlans.id, planId));
}
