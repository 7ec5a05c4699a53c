import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { templateSnapshots } from '../../db/schema/index.ts';
import { canonicalJson } from '../audit/audit.chain.ts';
import { computeEffective, type EffectiveResult } from './effective-template.ts';

/** A frozen effective template: what a PIP stores at its start. */
export type TemplateSnapshot = {
  id: string;
  sha256: string;
  policyVersionId: string | null;
  policyVersion: number | null;
  content: EffectiveResult;
  createdAt: Date;
};

/** SHA-256 (hex) of the canonical JSON of a snapshot's content. */
export function snapshotHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** True when the stored content still matches its hash. */
export function verifySnapshot(s: { sha256: string; content: unknown }): boolean {
  return snapshotHash(s.content) === s.sha256;
}

/**
 * The effective template for an employee, frozen and hashed (with the policy version in force);
 * identical content reuses the same row, so a PIP may call this inside its own transaction
 * (`exec` is its tx). `at` is when it was taken (recorded on a new row, not part of the hash).
 */
export async function effectiveTemplate(exec: Db | Tx, employeeId: string, at: Date): Promise<TemplateSnapshot> {
  const content = await computeEffective(exec, employeeId);
  const sha256 = snapshotHash(content);
  await exec
    .insert(templateSnapshots)
    .values({
      sha256,
      content,
      employeeId,
      templateId: content.templateId,
      templateVersion: content.templateVersion,
      policyVersionId: content.policy?.id ?? null,
      policyVersion: content.policy?.version ?? null,
      createdAt: at,
    })
    .onConflictDoNothing({ target: templateSnapshots.sha256 });
  const [row] = await exec.select().from(templateSnapshots).where(eq(templateSnapshots.sha256, sha256));
  return presentSnapshot(row!);
}

/** A stored snapshot by id (null when there is none). */
export async function loadSnapshot(exec: Db | Tx, id: string): Promise<TemplateSnapshot | null> {
  const [row] = await exec.select().from(templateSnapshots).where(eq(templateSnapshots.id, id));
  return row ? presentSnapshot(row) : null;
}

function presentSnapshot(row: typeof templateSnapshots.$inferSelect): TemplateSnapshot {
  return { id: row.id, sha256: row.sha256, policyVersionId: row.policyVersionId, policyVersion: row.policyVersion, content: row.content as EffectiveResult, createdAt: row.createdAt };
}
