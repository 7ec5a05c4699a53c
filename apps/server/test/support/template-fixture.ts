import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { defaultPolicySettings, defaultTemplateSettings, type SaveTemplate, type TemplateSettings } from '@uplift/contract';
import { employees, orgUnits } from '../../src/db/schema/index.ts';
import { rebuildReportPaths } from '../../src/modules/people/reporting-line.ts';
import { buildOrgFixture } from './org-fixture.ts';
import type { TestApp } from './test-app.ts';

/**
 * The org fixture made deeper for template tests: A1T ─ D4 ─ D5 ─ D6 (seven levels from the
 * group), `deep` in D6 reporting to a1TDev, `orphan` in D5 without a manager, `bM3` an M3 in
 * B1 (B has no HR head and no HRBP), A's HR head set to aHr.
 */
export async function buildTemplateFixture(t: TestApp) {
  const db = t.db.database.db;
  const fx = await buildOrgFixture(db, t.services.fieldCrypto);
  const now = new Date('2026-03-01T00:00:00Z');
  let parent: { id: string; path: string } = fx.units.A1T;
  const deepUnits: Record<string, { id: string; path: string; code: string }> = {};
  for (const code of ['D4', 'D5', 'D6']) {
    const id = randomUUID();
    const path = `${parent.path}${id}/`;
    await db.insert(orgUnits).values({ id, code, name: `单元${code}`, type: 'team', parentId: parent.id, path, depth: path.split('/').filter(Boolean).length - 1, createdAt: now, updatedAt: now });
    deepUnits[code] = { id, path, code };
    parent = deepUnits[code];
  }
  await db.update(orgUnits).set({ hrHeadId: fx.people.aHr!.id }).where(eq(orgUnits.id, fx.units.A.id));
  const person = async (no: string, unit: { id: string; path: string }, managerId: string | null, grade: string) => {
    const id = randomUUID();
    await db.insert(employees).values({ id, employeeNo: no, name: `员工${no}`, gender: 'male', unitId: unit.id, orgPath: unit.path, position: '工程师', grade, managerId, hireDate: '2024-01-01', serviceStartDate: '2024-01-01', status: 'active', createdAt: now, updatedAt: now });
    return id;
  };
  const extra = {
    deep: await person('X-DEEP', deepUnits.D6!, fx.people.a1TDev!.id, 'M3'),
    orphan: await person('X-ORPHAN', deepUnits.D5!, null, 'P5'),
    bM3: await person('X-BM3', fx.units.B1, fx.people.b1Dev!.id, 'M3'),
  };
  await db.transaction((tx) => rebuildReportPaths(tx));
  return { ...fx, units: { ...fx.units, ...deepUnits } as typeof fx.units & Record<'D4' | 'D5' | 'D6', { id: string; path: string; code: string }>, extra };
}

export type TemplateFixture = Awaited<ReturnType<typeof buildTemplateFixture>>;

/** The default template with a group HR tail node (so every chain ends with somebody), with `change` applied. */
export function templateBody(change: (s: TemplateSettings) => void = () => {}): SaveTemplate {
  const settings = structuredClone(defaultTemplateSettings(defaultPolicySettings));
  settings.values.approvalChain.nodes.push({ key: 'grouphr', kind: 'group_hr', minGrade: null });
  change(settings);
  return { name: '集团标准改进计划模板', settings };
}
