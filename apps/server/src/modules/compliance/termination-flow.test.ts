import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { evidenceManifestSchema } from '@uplift/contract';
import { deriveKey } from '../../lib/keys.ts';
import { sha256Hex } from '../files/storage.ts';
import { verifyEvidence } from '../evidence/evidence.verify.ts';
import { acknowledgeOutcome, buildPipFixture, decideOutcome, expectStatus, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let f: PipFixture;
beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
});
afterAll(() => t.close());

/**
 * The whole not-passed path through the API, as HR would walk it: final review, the employee's
 * receipt, training with attendance, a re-assessment on the same goals still not met, the guard,
 * a termination review with named overrides for what is unmet, its decision by someone else, the
 * plan closed — and the evidence package of all of it, checked by the verifier.
 */
describe('not passed → training → re-assessment not met → termination review → evidence', () => {
  it('walks every step, each one recorded, and exports a package that verifies', async () => {
    await f.at('2026-09-01T01:00:00.000Z');
    const p = await runningPlanBetween(t, f, '2026-09-03', '2026-10-31');
    await f.at('2026-11-02T01:00:00.000Z');
    await expectStatus(f.c.manager.request('POST', `/api/pips/${p.id}/actions/begin_final_review`, {}), 200);
    await decideOutcome(t, f, p.id, { outcome: 'not_passed', note: '回款仍远低于目标', followUps: ['training', 'reassessment'] });
    await acknowledgeOutcome(p.employee.client, p.id);
    const goalIds = ((await expectStatus(f.c.hr.request('GET', `/api/pips/${p.id}`), 200)).goals as { id: string }[]).map((g) => g.id);
    const training = { topic: '大客户回款技巧', gap: '回款额仅达目标的 60%', goalIds: [goalIds[0]], startsOn: '2026-11-03', endsOn: '2026-11-04', trainer: '销售学院 王老师' };
    const tid = (await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/trainings`, training), 201)).id as string;
    // the guard before the follow-up is done: training and re-assessment unmet
    const early = await expectStatus(f.c.hrbp.request('GET', `/api/pips/${p.id}/guard`), 200);
    expect(early.unmet).toEqual(expect.arrayContaining(['training_or_adjustment', 'reassessment_not_met']));
    await f.at('2026-11-05T01:00:00.000Z');
    await expectStatus(f.c.hrbp.request('PUT', `/api/pips/${p.id}/trainings/${tid}`, { ...training, attendance: 'attended', attendanceNote: '全程参加' }), 200);
    const re = (await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/reassessments`, {}), 201)).id as string;
    await expectStatus(f.c.manager.request('PUT', `/api/evaluations/${re}/manager`, { goals: goalIds.map((goalId) => ({ goalId, rating: '未达成', percent: 45 })), overall: '未达成', summary: '培训后仍未达标', conclusion: 'not_met' }), 200);
    await expectStatus(p.employee.client.request('PUT', `/api/evaluations/${re}/self`, { goals: goalIds.map((goalId) => ({ goalId, rating: '部分达成' })), summary: '有进步' }), 200);
    await expectStatus(f.c.hrbp.request('PUT', `/api/evaluations/${re}/hrbp`, { comment: '再评估仍未达标，依据充分' }), 200);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 409)).error.details.precondition).toBe('closable');

    const guard = await expectStatus(f.c.hrbp.request('GET', `/api/pips/${p.id}/guard`), 200);
    const met = (key: string) => (guard.conditions as { condition: string; met: boolean }[]).find((c) => c.condition === key)!.met;
    expect(met('training_or_adjustment')).toBe(true);
    expect(met('reassessment_not_met')).toBe(true);
    expect(met('standards_acknowledged')).toBe(true);
    // proceeding with what is still unmet needs a named override for each
    const body = { union: { date: '2026-11-05', note: '已书面通知工会主席' }, noticeMode: 'pay_in_lieu', wages: { averageMonthly: 1_200_000, lastMonth: 1_150_000, localAverageMonthly: 1_100_000 } };
    const refused = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/termination-review`, body), 409);
    const unmet = refused.error.details.unmet as string[];
    const review = await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/termination-review`, { ...body, overrides: unmet.map((condition) => ({ condition, reason: `法务已审阅：${condition}` })) }), 201);
    await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/termination-review/${review.id}/decide`, { decision: 'approved', note: '同意' }), 403);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/termination-review/${review.id}/decide`, { decision: 'approved', note: '同意，按代通知金方式办理' }), 200);
    expect((await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/actions/close`, {}), 200)).state).toBe('closed');

    // the evidence package: every step, the receipt's exact text, the guard report; the verifier agrees
    const res = await f.c.auditor.request('GET', `/api/pips/${p.id}/evidence`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const files = unzipSync(res.rawPayload);
    const manifest = evidenceManifestSchema.parse(JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')));
    const paths = manifest.files.map((x) => x.path);
    const text = (path: string) => Buffer.from(files[path]!).toString('utf8');
    const receipt = paths.find((x) => x.endsWith('-receipt.txt'))!;
    expect(text(receipt)).toContain('评审结果：未通过');
    const outcome = JSON.parse(text(paths.find((x) => x.startsWith('outcomes/') && x.endsWith('.json'))!));
    expect(outcome).toMatchObject({ receiptHashMatches: true, receipt: [{ contentSha256: sha256Hex(text(receipt)) }] });
    expect(paths).toEqual(expect.arrayContaining(['termination/1-review.json', 'termination/1-guard-report.txt']));
    expect(text('termination/1-guard-report.txt')).toContain('合规检查');
    expect(paths.some((x) => x.startsWith('trainings/'))).toBe(true);
    expect(text('timeline.html')).toContain('解除审查');
    expect(verifyEvidence(Buffer.from(res.rawPayload), { checkpointKey: deriveKey(TEST_SECRET, 'audit-checkpoint') }).ok).toBe(true);
  });
});
