import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { pipAcknowledgments } from '../../db/schema/index.ts';

/**
 * The acknowledgment record of a plan. Kept behind these two functions so the product's shared
 * acknowledgment module (subject type 'pip_plan') can replace the table without touching callers.
 */
export type AcknowledgmentInput = {
  subjectType: 'pip_plan';
  subjectId: string;
  version: number;
  contentSha256: string;
  channel: string;
  ip: string | null;
  userAgent: string | null;
  refused: boolean;
  witness: string | null;
  actorId: string | null;
  at: Date;
};

export async function recordAcknowledgment(tx: Tx, a: AcknowledgmentInput): Promise<string> {
  const [row] = await tx
    .insert(pipAcknowledgments)
    .values({ planId: a.subjectId, version: a.version, contentSha256: a.contentSha256, channel: a.channel, ip: a.ip, userAgent: a.userAgent, refused: a.refused, witness: a.witness, actorId: a.actorId, at: a.at })
    .returning({ id: pipAcknowledgments.id });
  return row!.id;
}

export async function acknowledgmentsOf(exec: Db | Tx, subjectId: string) {
  return exec.select().from(pipAcknowledgments).where(eq(pipAcknowledgments.planId, subjectId)).orderBy(asc(pipAcknowledgments.at));
}
