import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { defaultPolicySettings, type PolicySettings, type PolicyVersion } from '@uplift/contract';
import { users } from '../../db/schema/index.ts';
import type { Tx } from '../../db/client.ts';
import { createLogger } from '../../lib/logger.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { loadAccess } from '../access/access.ts';
import { AppError } from '../../lib/errors.ts';
import { createPolicyModule } from './policies.module.ts';
import { sections } from './policy-fixtures.ts';

let t: TestApp;
let fx: OrgFixture;
let hr: Client;
beforeAll(async () => {
  t = await createTestApp();
  fx = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

describe('the templates hook', () => {
  it('publishing asks the templates work for conflicts and refuses, listing the templates to fix first', async () => {
    const seen: { ownerUnitId: string; settings: PolicySettings }[] = [];
    let conflicts = [{ templateId: '00000000-0000-4000-8000-00000000000a', name: '标准 PIP 模板', fields: ['outcomes.durationDays.max'] }];
    const s = t.services;
    const mod = createPolicyModule({
      db: t.db.database.db,
      clock: t.clock,
      audit: s.audit,
      notify: s.notify,
      log: createLogger('silent'),
      files: s.files,
      acks: s.acknowledgments,
      businessDate: (at) => at.toISOString().slice(0, 10),
      templateConflicts: async (_tx: Tx, ownerUnitId, settings) => {
        seen.push({ ownerUnitId, settings });
        return conflicts;
      },
    });
    const v = (await hr.request('POST', `/api/policies/${fx.units.G.id}/versions`, { title: '集团制度', sections: sections('t'), settings: defaultPolicySettings })).json<PolicyVersion>();
    await hr.request('PUT', `/api/policy-versions/${v.id}/adoption`, { procedure: 'union_consultation', date: '2026-02-01', notes: '' });
    const up = multipart({ ownerType: 'policy_version', ownerId: v.id }, { name: '纪要.pdf', content: '%PDF', type: 'application/pdf' });
    expect((await hr.request('POST', '/api/files', up.payload, up.headers)).statusCode).toBe(201);
    expect((await hr.request('POST', `/api/policy-versions/${v.id}/submit`)).statusCode).toBe(200);

    const [u] = await t.db.database.db.select().from(users).where(eq(users.username, 'f-grouphr'));
    const access = await loadAccess(t.db.database.db, { ...u!, roles: [] } as never);
    const ctx = { actorId: u!.id, actorLabel: 'f-grouphr', requestId: null };
    const err = await mod.policies.publish(access, ctx, v.id, '2026-03-02').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CONFLICT', details: { reason: 'TEMPLATE_CONFLICTS', templates: conflicts } });
    expect((err as Error).message).toContain('标准 PIP 模板');
    expect(seen).toEqual([{ ownerUnitId: fx.units.G.id, settings: defaultPolicySettings }]);
    expect((await mod.policies.get(access, v.id)).state).toBe('in_review');

    conflicts = [];
    expect((await mod.policies.publish(access, ctx, v.id, '2026-03-02')).state).toBe('in_force');
  });
});
