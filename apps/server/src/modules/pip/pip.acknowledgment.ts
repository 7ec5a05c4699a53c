import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { acknowledgments } from '../../db/schema/index.ts';

/** A plan's acknowledgments live in the product's one acknowledgment record under this subject type. */
export const PIP_ACK_SUBJECT = 'pip_plan';

/** Every acknowledgment (and witnessed refusal) of a plan, oldest first: earlier versions stay. */
export async function acknowledgmentsOf(exec: Db | Tx, planId: string) {
  return exec
    .select()
    .from(acknowledgments)
    .where(and(eq(acknowledgments.subjectType, PIP_ACK_SUBJECT), eq(acknowledgments.subjectId, planId)))
    .orderBy(asc(acknowledgments.at), asc(acknowledgments.subjectVersion));
}
