import { randomUUID } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import { defaultPolicySettings, policySettingsSchema, type PolicySettings } from '@uplift/contract';
import type { Db } from '../../src/db/client.ts';
import { policyVersions } from '../../src/db/schema/index.ts';

/**
 * A policy version row for tests that need a policy in force without the policies module:
 * the owner's next version, settings from the default with `change` applied. Putting one in
 * force supersedes the owner's current one (at most one in force per owner).
 */
export async function insertPolicy(db: Db, ownerUnitId: string, change: (s: PolicySettings) => void = () => {}, state: 'in_force' | 'draft' = 'in_force') {
  const settings = structuredClone(defaultPolicySettings);
  change(settings);
  policySettingsSchema.parse(settings);
  const now = new Date('2026-03-01T00:00:00Z');
  if (state === 'in_force') {
    await db.update(policyVersions).set({ state: 'superseded', supersededAt: now }).where(and(eq(policyVersions.ownerUnitId, ownerUnitId), eq(policyVersions.state, 'in_force')));
  }
  const [last] = await db.select({ v: max(policyVersions.version) }).from(policyVersions).where(eq(policyVersions.ownerUnitId, ownerUnitId));
  const id = randomUUID();
  const version = (last?.v ?? 0) + 1;
  const sections = { scope: '', start: '', goals: '', communication: '', evaluation: '', outcomes: '' };
  await db.insert(policyVersions).values({ id, ownerUnitId, version, title: `制度 v${version}`, state, sections, settings, effectiveFrom: '2026-03-01', createdAt: now, updatedAt: now, inForceAt: state === 'in_force' ? now : null });
  return { id, version, settings };
}

/** Takes the owner's policy out of force (no policy in force afterwards). */
export async function supersedePolicies(db: Db, ownerUnitId: string) {
  await db.update(policyVersions).set({ state: 'superseded' }).where(and(eq(policyVersions.ownerUnitId, ownerUnitId), eq(policyVersions.state, 'in_force')));
}
