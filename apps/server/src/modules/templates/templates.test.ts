import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { EffectiveTemplate, GroupTemplateView, OverrideView } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { FIXTURE_PASSWORD } from '../../../test/support/org-fixture.ts';
import { insertPolicy, supersedePolicies } from '../../../test/support/policy-rows.ts';
import { buildTemplateFixture, templateBody, type TemplateFixture } from '../../../test/support/template-fixture.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor } from '../audit/audit.service.ts';

let t: TestApp;
let fx: TemplateFixture;
const as: Record<string, Client> = {};

const issuePaths = (body: string) => (JSON.parse(body) as { error: { details: { issues: { path: string; message: string }[] } } }).error.details.issues;
const put = (who: string, body: unknown) => as[who]!.request('PUT', '/api/templates/group', body);
const putOverride = (who: string, unitId: string, values: unknown) => as[who]!.request('PUT', `/api/templates/overrides/${unitId}`, { values });
const effective = async (who: string, employeeId: string) => {
  const res = await as[who]!.request('GET', `/api/templates/effective/${employeeId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<EffectiveTemplate>();
};
const audits = (action: string) => queryRows<{ before: unknown; after: unknown; actor_label: string }>(t.db.database.db, sql`select before, after, actor_label from audit_log where action = ${action} order by seq`);

beforeAll(async () => {
  t = await createTestApp();
  fx = await buildTemplateFixture(t);
  for (const [who, user] of Object.entries({ grouphr: 'f-grouphr', hrhead: 'f-hrhead', hrbp: 'f-hrbp', bhrbp: 'f-bhrbp', manager: 'f-manager', employee: 'f-employee', auditor: 'f-auditor', exec: 'f-ceo' })) {
    as[who] = await t.login(user, FIXTURE_PASSWORD);
  }
});
afterAll(() => t.close());

describe('before any template', () => {
  it('reads as empty, and the effective template says what is missing', async () => {
    const res = await as.grouphr!.request('GET', '/api/templates/group');
    expect(res.json<GroupTemplateView>()).toEqual({ template: null, policy: null, canWrite: true });
    const eff = await as.grouphr!.request('GET', `/api/templates/effective/${fx.people.a1Dev!.id}`);
    expect(eff.statusCode).toBe(409);
    expect(eff.json().error.message).toMatch(/尚未设置/);
  });

  it('first start creates the default only when a group policy is in force', async () => {
    const db = t.db.database.db;
    expect(await db.transaction((tx) => t.services.templates.ensureDefault(tx, systemActor('test')))).toBe(false);
    await insertPolicy(db, fx.units.G.id);
    expect(await db.transaction((tx) => t.services.templates.ensureDefault(tx, systemActor('test')))).toBe(true);
    expect(await db.transaction((tx) => t.services.templates.ensureDefault(tx, systemActor('test')))).toBe(false);
    const view = (await as.grouphr!.request('GET', '/api/templates/group')).json<GroupTemplateView>();
    expect(view.template).toMatchObject({ name: '集团标准改进计划模板', version: 1 });
    expect(view.policy).toMatchObject({ version: 1 });
  });

  it('a template saved with no policy in force is allowed and marked not bound by a policy', async () => {
    await supersedePolicies(t.db.database.db, fx.units.G.id);
    // past the default policy's 90 days: nothing bounds it now
    const res = await put('grouphr', templateBody((s) => {
      s.bounds.duration = { min: 30, max: 120 };
      s.values.duration = { defaultDays: 60, minDays: 30, maxDays: 120 };
    }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<GroupTemplateView>()).toMatchObject({ policy: null, template: { version: 2 } });
  });
});

describe('the group template against the policy in force', () => {
  beforeAll(async () => {
    await insertPolicy(t.db.database.db, fx.units.G.id, (p) => (p.outcomes.allowed = ['passed', 'extended', 'not_passed']));
  });

  it('names each field past the policy', async () => {
    const cases: [string, Parameters<typeof templateBody>[0], string, RegExp][] = [
      ['duration', (s) => ((s.bounds.duration = { min: 30, max: 120 }), (s.values.duration.maxDays = 120)), 'body.settings.values.duration.maxDays', /期限上限 120 天超过制度的 90 天/],
      ['cadence', (s) => ((s.values.cadence.oneOnOneEveryDays = 21), s.bounds.cadence.oneOnOneOptions.push(21)), 'body.settings.values.cadence.oneOnOneEveryDays', /更稀疏/],
      ['evaluation', (s) => ((s.values.evaluation.points = [{ key: 'final', name: '终期', atPercent: 100 }]), (s.bounds.evaluation.minPoints = 1)), 'body.settings.values.evaluation.points', /少于制度要求的 2 个/],
      ['goal fields', (s) => ((s.values.goalForm.fields = ['title', 'measure']), (s.bounds.goalForm.requiredFields = ['title'])), 'body.settings.values.goalForm.fields', /target、dueDate/],
      ['extension', (s) => (s.bounds.extension.maxDays = 45), 'body.settings.bounds.extension.maxDays', /超过制度的 30 天/],
    ];
    for (const [name, change, path, message] of cases) {
      const res = await put('grouphr', templateBody(change));
      expect(res.statusCode, name).toBe(400);
      expect(issuePaths(res.body), name).toContainEqual({ path, message: expect.stringMatching(message) });
    }
  });

  it('outcomes not allowed by a stricter policy are refused', async () => {
    await insertPolicy(t.db.database.db, fx.units.G.id, (p) => (p.outcomes.allowed = ['passed', 'not_passed']));
    const res = await put('grouphr', templateBody());
    // outcomes are locked in the default template: only the value counts, not its unused bounds
    expect(issuePaths(res.body).map((i) => i.path)).toEqual(['body.settings.values.outcomes.allowed']);
    await insertPolicy(t.db.database.db, fx.units.G.id);
  });

  it('saves a valid template as a new version, audited with before and after', async () => {
    const res = await put('grouphr', templateBody((s) => (s.bounds.duration = { min: 30, max: 90 })));
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<GroupTemplateView>();
    expect(view.template!.version).toBe(3);
    expect(view.policy).toMatchObject({ version: 4 });
    const [last] = (await audits('template.update')).slice(-1);
    expect(last).toMatchObject({ actor_label: 'f-grouphr', before: { version: 2 }, after: { version: 3, policy: { version: 4 } } });
  });
});

describe('unit overrides', () => {
  it('an adjustable parameter within bounds is saved; the view shows bounds and locks', async () => {
    const res = await putOverride('hrhead', fx.units.A.id, { duration: { defaultDays: 80, minDays: 30, maxDays: 90 }, cadence: { oneOnOneEveryDays: 14, threePartyEveryDays: 30 } });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<OverrideView>();
    expect(view).toMatchObject({ unitName: '单元A', canWrite: true, override: { version: 1 } });
    expect(view.template!.settings.locked).toEqual(['outcomes', 'evaluation']);
    expect(view.template!.settings.bounds.duration).toEqual({ min: 30, max: 90 });
    expect((await audits('template_override.create')).at(-1)).toMatchObject({ actor_label: 'f-hrhead', before: null, after: { version: 1 } });
  });

  it('a save from an older version is refused instead of undoing a newer one', async () => {
    const res = await as.grouphr!.request('PUT', `/api/templates/overrides/${fx.units.A.id}`, { values: {}, baseVersion: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ message: '该单位的覆盖已被他人修改为第 1 版，请刷新后再修改', details: { currentVersion: 1 } });
    const group = await put('grouphr', { ...templateBody(), baseVersion: 2 });
    expect(group.statusCode).toBe(409);
    expect(group.json().error.message).toBe('模板已被他人修改为第 3 版，请刷新后再修改');
  });

    it('a locked parameter cannot be overridden, even within bounds', async () => {
    const res = await putOverride('grouphr', fx.units.A.id, { outcomes: { allowed: ['passed', 'not_passed'] } });
    expect(res.statusCode).toBe(400);
    expect(issuePaths(res.body)).toEqual([{ path: 'body.values.outcomes', message: '该参数已被集团锁定，不能覆盖' }]);
  });

  it('values outside the bounds are refused, each field named', async () => {
    const res = await putOverride('hrbp', fx.units.A1T.id, { duration: { defaultDays: 60, minDays: 20, maxDays: 100 }, cadence: { oneOnOneEveryDays: 10, threePartyEveryDays: 30 } });
    expect(res.statusCode).toBe(400);
    expect(issuePaths(res.body).map((i) => i.path)).toEqual(['body.values.duration.minDays', 'body.values.duration.maxDays', 'body.values.cadence.oneOnOneEveryDays']);
  });

  it("a subsidiary's narrower policy bounds its units' overrides", async () => {
    await insertPolicy(t.db.database.db, fx.units.B.id, (p) => (p.outcomes.durationDays = { min: 30, max: 60 }));
    const res = await putOverride('bhrbp', fx.units.B1.id, { duration: { defaultDays: 60, minDays: 30, maxDays: 90 } });
    expect(issuePaths(res.body)).toContainEqual({ path: 'body.values.duration.maxDays', message: '期限上限 90 天超过制度的 60 天' });
    const ok = await putOverride('bhrbp', fx.units.B1.id, { duration: { defaultDays: 45, minDays: 30, maxDays: 60 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<OverrideView>().policy).toMatchObject({ ownerUnitId: fx.units.B.id });
  });

  it("a unit inheriting a value outside its subsidiary's policy must override it: on save, on removal, and for the group template", async () => {
    // B1 overriding only the cadence would inherit the template's 90 days, past B's 60
    const res = await putOverride('bhrbp', fx.units.B1.id, { cadence: { oneOnOneEveryDays: 14, threePartyEveryDays: 30 } });
    expect(res.statusCode).toBe(400);
    expect(issuePaths(res.body)).toEqual([{ path: 'body.values.duration', message: expect.stringMatching(/^沿用的值不符合本单位适用的制度（期限上限 90 天超过制度的 60 天）/) }]);
    const del = await as.bhrbp!.request('DELETE', `/api/templates/overrides/${fx.units.B1.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toMatch(/期限上限 90 天超过制度的 60 天/);
    // B's own people inherit the template: the preview flags it, and group HR may not save it as is
    const lead = await effective('grouphr', fx.people.bLead!.id);
    expect(lead.policyIssues).toEqual([{ path: 'values.duration.maxDays', message: '期限上限 90 天超过制度的 60 天' }]);
    const group = await put('grouphr', templateBody((s) => (s.values.reminders.overdueMinutes = 30)));
    expect(group.statusCode).toBe(400);
    expect(issuePaths(group.body)).toContainEqual({ path: 'body.settings.values.duration.maxDays', message: expect.stringMatching(/不符合「单元B」的制度（第 1 版）/) });
    // an override of B itself fixes it
    expect((await putOverride('grouphr', fx.units.B.id, { duration: { defaultDays: 60, minDays: 30, maxDays: 60 } })).statusCode).toBe(200);
    expect((await effective('grouphr', fx.people.bLead!.id)).policyIssues).toEqual([]);
  });

  it('the group template cannot lock or narrow a parameter units override without fixing them first', async () => {
    const res = await put('grouphr', templateBody((s) => s.locked.push('duration')));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/单元A/);
    expect(res.json().error.details.overrides.map((o: { unitName: string }) => o.unitName).sort()).toEqual(['单元A', '单元B', '单元B1']);
  });

  it('lists the overrides in scope only', async () => {
    const names = async (who: string) => (await as[who]!.request('GET', '/api/templates/overrides')).json<{ items: { unitName: string }[] }>().items.map((o) => o.unitName);
    expect(await names('grouphr')).toEqual(expect.arrayContaining(['单元A', '单元B', '单元B1']));
    expect(await names('hrhead')).toEqual(['单元A']);
    expect(await names('bhrbp')).toEqual(['单元B', '单元B1']);
    expect(await names('hrbp')).toEqual([]);
  });
});

describe('the effective template', () => {
  beforeAll(async () => {
    expect((await putOverride('hrbp', fx.units.A1T.id, { duration: { defaultDays: 40, minDays: 30, maxDays: 60 } })).statusCode).toBe(200);
  });

  it("an override view shows what the unit inherits from above, with its source", async () => {
    const view = (await as.hrbp!.request('GET', `/api/templates/overrides/${fx.units.A1T.id}`)).json<OverrideView>();
    expect(view.override!.values).toEqual({ duration: { defaultDays: 40, minDays: 30, maxDays: 60 } });
    expect(view.inherited!.values.duration.defaultDays).toBe(80);
    expect(view.inherited!.sources.duration).toEqual({ kind: 'override', unitId: fx.units.A.id, unitName: '单元A' });
    expect(view.inherited!.sources.goalForm).toEqual({ kind: 'template' });
  });

  it('the nearest override wins along a seven-level path, with each source named', async () => {
    const e = await effective('grouphr', fx.extra.deep);
    expect(e.values.duration).toEqual({ defaultDays: 40, minDays: 30, maxDays: 60 });
    expect(e.sources.duration).toEqual({ kind: 'override', unitId: fx.units.A1T.id, unitName: '单元A1T' });
    expect(e.sources.cadence).toEqual({ kind: 'override', unitId: fx.units.A.id, unitName: '单元A' });
    expect(e.sources.goalForm).toEqual({ kind: 'template' });
    const a2 = await effective('grouphr', fx.people.a2Dev!.id);
    expect([a2.values.duration.defaultDays, a2.sources.duration]).toEqual([80, { kind: 'override', unitId: fx.units.A.id, unitName: '单元A' }]);
  });

  it('resolves the chain to people up a deep path: HRBP of A1 three units up, the HR head for an M3', async () => {
    const e = await effective('grouphr', fx.extra.deep);
    expect(e.approvalChain.map((n) => [n.key, n.status, n.person?.id ?? null])).toEqual([
      ['manager', 'resolved', fx.people.a1TDev!.id],
      ['skip', 'resolved', fx.people.a1TLead!.id],
      ['hrbp', 'resolved', fx.people.a1Hrbp!.id],
      ['hrhead', 'resolved', fx.people.aHr!.id],
      ['grouphr', 'resolved', fx.people.groupHr!.id],
    ]);
    expect(e.chainComplete).toBe(true);
    expect(e.policy).toMatchObject({ ownerUnitId: fx.units.G.id });
  });

  it('escalates past a missing manager and a missing HRBP', async () => {
    const orphan = await effective('grouphr', fx.extra.orphan);
    expect(orphan.approvalChain.map((n) => [n.key, n.status, n.escalatedTo])).toEqual([
      ['manager', 'escalated', 'hrbp'],
      ['skip', 'escalated', 'hrbp'],
      ['hrbp', 'resolved', null],
      ['hrhead', 'not_applicable', null],
      ['grouphr', 'resolved', null],
    ]);
    const a2 = await effective('grouphr', fx.people.a2Dev!.id);
    expect(a2.approvalChain.find((n) => n.key === 'hrbp')).toMatchObject({ status: 'escalated', escalatedTo: 'grouphr', person: null });
  });

  it('a vacant HR head escalates too; the policy is the subsidiary’s', async () => {
    const e = await effective('bhrbp', fx.extra.bM3);
    expect(e.approvalChain.map((n) => [n.key, n.status, n.escalatedTo])).toEqual([
      ['manager', 'resolved', null],
      ['skip', 'resolved', null],
      ['hrbp', 'escalated', 'grouphr'],
      ['hrhead', 'escalated', 'grouphr'],
      ['grouphr', 'resolved', null],
    ]);
    expect(e.policy).toMatchObject({ ownerUnitId: fx.units.B.id });
    expect(e.values.duration.maxDays).toBe(60);
  });
});

describe('permissions', () => {
  it('only group HR edits the group template', async () => {
    for (const who of ['hrhead', 'hrbp', 'manager', 'employee', 'auditor', 'exec']) expect((await put(who, templateBody())).statusCode, who).toBe(403);
  });

  it('HR roles and auditors read; managers, employees and executives do not', async () => {
    for (const who of ['grouphr', 'hrhead', 'hrbp', 'bhrbp', 'auditor']) expect((await as[who]!.request('GET', '/api/templates/group')).statusCode, who).toBe(200);
    for (const who of ['manager', 'employee', 'exec']) expect((await as[who]!.request('GET', '/api/templates/group')).statusCode, who).toBe(403);
    expect((await as.auditor!.request('GET', '/api/templates/group')).json<GroupTemplateView>().canWrite).toBe(false);
  });

  it('overrides outside the caller’s scope are neither read nor written', async () => {
    const body = { duration: { defaultDays: 60, minDays: 30, maxDays: 60 } };
    expect((await putOverride('hrbp', fx.units.A.id, body)).statusCode).toBe(404); // above their unit
    expect((await as.hrbp!.request('GET', `/api/templates/overrides/${fx.units.A.id}`)).statusCode).toBe(404);
    expect((await putOverride('bhrbp', fx.units.A1.id, body)).statusCode).toBe(404);
    expect((await putOverride('hrhead', fx.units.B1.id, body)).statusCode).toBe(404);
    expect((await putOverride('auditor', fx.units.A1.id, body)).statusCode).toBe(403); // reads, never writes
    expect((await putOverride('manager', fx.units.A1.id, body)).statusCode).toBe(403);
    expect((await putOverride('grouphr', fx.units.G.id, body)).statusCode).toBe(400); // the group has the template itself
    expect((await as.hrbp!.request('GET', `/api/templates/overrides/${fx.units.A1T.id}`)).json<OverrideView>().canWrite).toBe(true);
  });

  it('the effective preview: HR in scope and the manager chain; not the person, not others', async () => {
    expect((await as.manager!.request('GET', `/api/templates/effective/${fx.people.a1TDev!.id}`)).statusCode).toBe(200); // an indirect report
    expect((await as.manager!.request('GET', `/api/templates/effective/${fx.people.a2Dev!.id}`)).statusCode).toBe(404);
    expect((await as.employee!.request('GET', `/api/templates/effective/${fx.people.a1Dev!.id}`)).statusCode).toBe(404); // themselves
    expect((await as.bhrbp!.request('GET', `/api/templates/effective/${fx.people.a1Dev!.id}`)).statusCode).toBe(404);
    expect((await as.hrbp!.request('GET', `/api/templates/effective/${fx.extra.deep}`)).statusCode).toBe(200);
    expect((await as.employee!.request('GET', `/api/templates/effective/${fx.people.a2Dev!.id}`)).statusCode).toBe(404);
    // the CEO heads everyone's reporting line, like the people file
    expect((await as.exec!.request('GET', `/api/templates/effective/${fx.people.a1Dev!.id}`)).statusCode).toBe(200);
  });

  it('removing an override is audited and the unit inherits again', async () => {
    const res = await as.hrbp!.request('DELETE', `/api/templates/overrides/${fx.units.A1T.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await audits('template_override.delete')).at(-1)).toMatchObject({ actor_label: 'f-hrbp', after: null, before: { unitId: fx.units.A1T.id } });
    expect((await effective('grouphr', fx.extra.deep)).sources.duration).toEqual({ kind: 'override', unitId: fx.units.A.id, unitName: '单元A' });
    expect((await as.hrbp!.request('DELETE', `/api/templates/overrides/${fx.units.A1T.id}`)).statusCode).toBe(404);
  });
});
