import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { templateSnapshots } from '../../db/schema/index.ts';
import { FIXTURE_PASSWORD } from '../../../test/support/org-fixture.ts';
import { insertPolicy } from '../../../test/support/policy-rows.ts';
import { buildTemplateFixture, templateBody, type TemplateFixture } from '../../../test/support/template-fixture.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { templateConflicts } from './template-conflicts.ts';
import { effectiveTemplate, loadSnapshot, verifySnapshot } from './template-snapshot.ts';

let t: TestApp;
let fx: TemplateFixture;
let hr: Client;

const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
};
const override = (unitId: string, values: unknown) => ok(hr.request('PUT', `/api/templates/overrides/${unitId}`, { values }));

beforeAll(async () => {
  t = await createTestApp();
  fx = await buildTemplateFixture(t);
  hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
  await insertPolicy(t.db.database.db, fx.units.G.id);
  await ok(hr.request('PUT', '/api/templates/group', templateBody()));
  await override(fx.units.A.id, { duration: { defaultDays: 80, minDays: 30, maxDays: 90 } });
});
afterAll(() => t.close());

describe('snapshots', () => {
  it('freeze the effective template with the policy version, hashed; identical inputs reuse the row', async () => {
    const db = t.db.database.db;
    const at = new Date('2026-03-02T02:00:00Z');
    const s = await effectiveTemplate(db, fx.extra.deep, at);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s).toMatchObject({ policyVersion: 1, createdAt: at });
    expect(s.content.values.duration.defaultDays).toBe(80);
    expect(s.content.approvalChain[0]).toMatchObject({ key: 'manager', person: { id: fx.people.a1TDev!.id } });
    expect(verifySnapshot(s)).toBe(true);
    // inside a caller's transaction, later: the same row
    const again = await db.transaction((tx) => effectiveTemplate(tx, fx.extra.deep, new Date('2026-03-05T00:00:00Z')));
    expect(again.id).toBe(s.id);
    expect(again.createdAt).toEqual(at);
    const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(templateSnapshots);
    expect(n!.n).toBe(1);
  });

  it('later edits of the template, the overrides or the policy never change a stored snapshot', async () => {
    const db = t.db.database.db;
    const before = await effectiveTemplate(db, fx.extra.deep, new Date('2026-03-02T02:00:00Z'));
    await ok(hr.request('PUT', '/api/templates/group', templateBody((s) => (s.values.reminders.beforeCheckInHours = 48))));
    await override(fx.units.A.id, { duration: { defaultDays: 45, minDays: 30, maxDays: 60 } });
    await insertPolicy(db, fx.units.G.id, (p) => (p.communication.minutesDueWorkingDays = 3));

    const stored = await loadSnapshot(db, before.id);
    expect(stored!.content).toEqual(before.content);
    expect(stored!.sha256).toBe(before.sha256);
    expect(verifySnapshot(stored!)).toBe(true);

    const after = await effectiveTemplate(db, fx.extra.deep, new Date('2026-03-06T00:00:00Z'));
    expect(after.id).not.toBe(before.id);
    expect(after.sha256).not.toBe(before.sha256);
    expect(after).toMatchObject({ policyVersion: 2, content: { templateVersion: 2, values: { duration: { defaultDays: 45 }, reminders: { beforeCheckInHours: 48 } } } });
    expect(stored!.content).toMatchObject({ templateVersion: 1, values: { duration: { defaultDays: 80 }, reminders: { beforeCheckInHours: 24 } } });
  });

  it('the database refuses to change or delete a snapshot, and a changed content would not verify', async () => {
    const db = t.db.database.db;
    const s = await effectiveTemplate(db, fx.people.a2Dev!.id, new Date('2026-03-06T00:00:00Z'));
    await expect(db.execute(sql`update template_snapshots set content = jsonb_set(content, '{values,duration,maxDays}', '365') where id = ${s.id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from template_snapshots where id = ${s.id}`)).rejects.toThrow();
    expect((await loadSnapshot(db, s.id))!.sha256).toBe(s.sha256);
    // as if someone with the trigger disabled had edited it
    const edited = structuredClone(s.content);
    edited.values.duration.maxDays = 365;
    expect(verifySnapshot({ sha256: s.sha256, content: edited })).toBe(false);
    expect(verifySnapshot(s)).toBe(true);
  });
});

describe('templateConflicts', () => {
  beforeAll(async () => {
    await override(fx.units.A1T.id, { cadence: { oneOnOneEveryDays: 14, threePartyEveryDays: 30 } });
    await override(fx.units.B1.id, { duration: { defaultDays: 90, minDays: 30, maxDays: 90 } });
  });

  it('lists nothing for settings the templates fit', async () => {
    const policy = structuredClone((await import('@uplift/contract')).defaultPolicySettings);
    expect(await t.db.database.db.transaction((tx) => templateConflicts(tx, fx.units.G.id, policy))).toEqual([]);
  });

  it('a new group policy lists the template and each override it invalidates, with the fields', async () => {
    const { defaultPolicySettings } = await import('@uplift/contract');
    const p = structuredClone(defaultPolicySettings);
    p.outcomes.durationDays = { min: 30, max: 75 };
    p.communication.oneOnOneEveryDays = 10;
    const out = await t.db.database.db.transaction((tx) => templateConflicts(tx, fx.units.G.id, p));
    const byUnit = Object.fromEntries(out.map((c) => [c.overrideUnitId ?? 'template', c]));
    expect(Object.keys(byUnit).sort()).toEqual([fx.units.A1T.id, fx.units.B1.id, 'template'].sort());
    // the template's own 1:1 every 7 days fits; its option of 14 does not
    expect(byUnit.template!.fields).toEqual(['values.duration.maxDays', 'bounds.duration.max', 'bounds.cadence.oneOnOneOptions']);
    expect(byUnit[fx.units.A1T.id]).toMatchObject({ name: '集团标准改进计划模板（单元A1T）', fields: ['values.cadence.oneOnOneEveryDays'] });
    expect(byUnit[fx.units.B1.id]!.fields).toEqual(['values.duration.maxDays', 'values.duration.defaultDays']);
    expect(out.every((c) => c.templateId === byUnit.template!.templateId)).toBe(true);
    // A's override (60 days) fits
    expect(byUnit[fx.units.A.id]).toBeUndefined();
  });

  it("a subsidiary's policy checks what its people inherit, and leaves units under a deeper policy alone", async () => {
    const { defaultPolicySettings } = await import('@uplift/contract');
    const p = structuredClone(defaultPolicySettings);
    p.outcomes.durationDays = { min: 30, max: 50 };
    p.outcomes.allowed = ['passed', 'not_passed'];
    const out = await t.db.database.db.transaction((tx) => templateConflicts(tx, fx.units.A.id, p));
    // A's own override (45 of 30–60 days) decides the duration its people get; the outcomes come from the group template
    expect(out.map((c) => [c.overrideUnitId, c.fields])).toEqual([
      [fx.units.A.id, ['values.duration.maxDays']],
      [null, ['values.outcomes.allowed']],
    ]);
    // B has its own policy in force: a new group policy no longer speaks for B1
    await insertPolicy(t.db.database.db, fx.units.B.id);
    const group = structuredClone(defaultPolicySettings);
    group.outcomes.durationDays = { min: 30, max: 75 };
    const g = await t.db.database.db.transaction((tx) => templateConflicts(tx, fx.units.G.id, group));
    expect(g.map((c) => c.overrideUnitId)).toEqual([null]);
  });
});
