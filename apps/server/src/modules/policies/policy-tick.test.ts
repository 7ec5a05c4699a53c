import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { defaultPolicySettings, type PolicyVersion } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { DAY } from '../../lib/clock.ts';
import { JOB } from '../../jobs/definitions.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, eventually, type TestApp } from '../../../test/support/test-app.ts';
import { sections } from './policy-fixtures.ts';

let t: TestApp;
let fx: OrgFixture;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  fx = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
});
afterAll(() => t.close());

describe('the tick job', () => {
  it('puts a scheduled version in force once its day has come on the injected clock', async () => {
    const hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
    const v = (await hr.request('POST', `/api/policies/${fx.units.G.id}/versions`, { title: '制度', sections: sections('tick'), settings: defaultPolicySettings })).json<PolicyVersion>();
    await hr.request('PUT', `/api/policy-versions/${v.id}/adoption`, { procedure: 'workers_congress', date: '2026-02-01', notes: '' });
    const up = multipart({ ownerType: 'policy_version', ownerId: v.id }, { name: 'e.pdf', content: '%PDF', type: 'application/pdf' });
    await hr.request('POST', '/api/files', up.payload, up.headers);
    await hr.request('POST', `/api/policy-versions/${v.id}/submit`);
    expect((await hr.request('POST', `/api/policy-versions/${v.id}/publish`, { effectiveFrom: '2026-03-05' })).json().state).toBe('scheduled');
    const state = async () => (await queryRows<{ state: string }>(t.db.database.db, sql`select state from policy_versions where id = ${v.id}`))[0]!.state;

    await t.jobs!.send(JOB.tick);
    t.clock.advance(3 * DAY);
    await t.jobs!.send(JOB.tick);
    await eventually(async () => (await state()) === 'in_force');
    // and what it notified was delivered in the same run
    await eventually(async () => {
      const [r] = await queryRows<{ pending: number }>(t.db.database.db, sql`select count(*) filter (where o.status <> 'sent')::int as pending from outbox o join notifications n on n.id = o.notification_id where n.dedupe_key = ${`policy.publish:${v.id}`}`);
      return r!.pending === 0;
    });
  });
});
