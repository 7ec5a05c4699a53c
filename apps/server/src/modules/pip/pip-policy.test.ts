import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, runningPlanOf, buildPipFixture, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';

// A plan follows what its policy version says about pauses and appeals.
let t: TestApp;
let f: PipFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t, (s) => {
    s.evaluation.pauseAbsences = ['sick_leave', 'maternity_leave'];
    s.communication.appealAnswerWorkingDays = 3;
  });
});
afterAll(() => t.close());

describe('what the policy says', () => {
  it('HR pauses only for an absence the policy names; the plan page offers just those', async () => {
    const { id } = await runningPlanOf(t, f);
    const plan = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200);
    expect(plan.snapshot).toMatchObject({ pauseAbsences: ['sick_leave', 'maternity_leave'], appealWorkingDays: 3 });
    const refused = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/pause`, { reason: '外出培训', absence: 'other' }), 400);
    expect(refused.error.details.issues[0].path).toBe('body.absence');
    expect(refused.error.message).toContain('病假、产假');
    const missing = await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/pause`, { reason: '病假' }), 400);
    expect(missing.error.details.issues[0].path).toBe('body.absence');
    expect((await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200)).state).toBe('in_progress');
    expect(await expectStatus(f.c.hr.request('POST', `/api/pips/${id}/actions/pause`, { reason: '病假', absence: 'sick_leave' }), 200)).toMatchObject({ state: 'paused' });
  });

  it("an appeal is due within the policy's working days (the test clock's Monday 2 March 2026 → Thursday 5 March)", async () => {
    const { id, employee } = await runningPlanOf(t, f);
    await expectStatus(employee.client.request('POST', `/api/pips/${id}/appeals`, { body: '目标二的基线有误' }), 201);
    const tl = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}/timeline`), 200);
    expect(tl.appeals[0]).toMatchObject({ status: 'open', dueDate: '2026-03-05' });
  });
});
