import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicySettings, defaultTemplateSettings, type PolicySettings, type PolicyVersion } from '@uplift/contract';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { sections } from './policy-fixtures.ts';

// The real templates module behind the policies' publication check (services.ts wires them).
let t: TestApp;
let fx: OrgFixture;
let hr: Client;
beforeAll(async () => {
  t = await createTestApp();
  fx = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

async function readyVersion(tag: string, settings: PolicySettings): Promise<string> {
  const v = (await hr.request('POST', `/api/policies/${fx.units.G.id}/versions`, { title: '集团 PIP 制度', sections: sections(tag), settings })).json<PolicyVersion>();
  expect((await hr.request('PUT', `/api/policy-versions/${v.id}/adoption`, { procedure: 'workers_congress', date: '2026-02-01', notes: '' })).statusCode).toBe(200);
  const up = multipart({ ownerType: 'policy_version', ownerId: v.id }, { name: '决议.pdf', content: '%PDF', type: 'application/pdf' });
  expect((await hr.request('POST', '/api/files', up.payload, up.headers)).statusCode).toBe(201);
  expect((await hr.request('POST', `/api/policy-versions/${v.id}/submit`)).statusCode).toBe(200);
  return v.id;
}

describe('publishing a policy that would invalidate the group template', () => {
  it('is refused, listing the template and the field; once the template is fixed it publishes', async () => {
    const v1 = await readyVersion('v1', defaultPolicySettings);
    expect((await hr.request('POST', `/api/policy-versions/${v1}/publish`, { effectiveFrom: '2026-03-02' })).json().state).toBe('in_force');
    const template = defaultTemplateSettings(defaultPolicySettings);
    expect((await hr.request('PUT', '/api/templates/group', { name: '集团标准模板', settings: template })).statusCode).toBe(200);

    // version 2 shortens plans to at most 60 days: the template still allows 90
    const tighter: PolicySettings = { ...defaultPolicySettings, outcomes: { ...defaultPolicySettings.outcomes, durationDays: { min: 30, max: 60 } } };
    const v2 = await readyVersion('v2', tighter);
    const refused = await hr.request('POST', `/api/policy-versions/${v2}/publish`, { effectiveFrom: '2026-03-02' });
    expect(refused.statusCode).toBe(409);
    const details = refused.json().error.details as { reason: string; templates: { name: string; fields: string[] }[] };
    expect(details.reason).toBe('TEMPLATE_CONFLICTS');
    expect(details.templates.map((x) => x.name)).toEqual(['集团标准模板']);
    expect(details.templates[0]!.fields.join(' ')).toContain('duration');
    expect(refused.json().error.message).toContain('集团标准模板');
    expect((await hr.request('GET', `/api/policy-versions/${v2}`)).json().state).toBe('in_review');

    const group = (await hr.request('GET', '/api/templates/group')).json();
    const fixed = { ...template, values: { ...template.values, duration: { defaultDays: 60, minDays: 30, maxDays: 60 } }, bounds: { ...template.bounds, duration: { min: 30, max: 60 } } };
    const saved = await hr.request('PUT', '/api/templates/group', { name: '集团标准模板', settings: fixed, baseVersion: group.template.version });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await hr.request('POST', `/api/policy-versions/${v2}/publish`, { effectiveFrom: '2026-03-02' });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().state).toBe('in_force');
  });
});
