import { createHash, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { unzipSync, zipSync } from 'fflate';
import { evidenceManifestSchema, type EvidenceManifest } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { acknowledgments, pipOutcomes, pipRoleAdjustments, pipTrainings, storedFiles } from '../../db/schema/index.ts';
import { deriveKey } from '../../lib/keys.ts';
import { approvedPlanOf, buildPipFixture, expectStatus, goals as planGoals, runningPlanBetween, type PipFixture } from '../../../test/support/pip-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, TEST_SECRET, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { verifyEvidence } from './evidence.verify.ts';

let t: TestApp;
let f: PipFixture;
const key = () => deriveKey(TEST_SECRET, 'audit-checkpoint');
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x7f, 0x10, 0x20]);
const MINUTES = '沟通了回款进度，约定下周拜访两家客户。<script>alert(1)</script>';

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPipFixture(t);
  t.clock.set('2026-09-01T01:00:00.000Z');
  await f.relogin();
});
afterAll(() => t.close());

type Scenario = { id: string; employee: { id: string; client: Client }; checkinId: string; fileId: string; appealId: string };

/**
 * A plan with everything a tribunal looks for: goals acknowledged, a 1:1 with minutes, progress,
 * a photo, the employee's comment and confirmation, an appeal answered, the mid evaluation complete.
 */
async function scenario(): Promise<Scenario> {
  await f.at('2026-09-01T01:00:00.000Z');
  const p = await runningPlanBetween(t, f, '2026-09-03', '2026-10-31');
  const checkins = (await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/checkins`), 200)).items as { id: string; scheduledOn: string }[];
  const first = checkins[0]!;
  await f.at('2026-09-10T03:00:00.000Z');
  const goals = (await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}`), 200)).goals as { id: string }[];
  const body = multipart({ ownerType: 'checkin', ownerId: first.id }, { name: '面谈照片.png', content: photo, type: 'image/png' });
  const file = await expectStatus(f.c.manager.request('POST', '/api/files', body.payload, body.headers), 201);
  await expectStatus(f.c.manager.request('PUT', `/api/checkins/${first.id}/minutes`, { minutes: MINUTES, progress: goals.map((g, i) => ({ goalId: g.id, percent: 30 + i * 10, comment: `进度 ${i + 1}` })) }), 200);
  const employee = f.reports.find((r) => r.username === p.employee.username)!.client;
  await expectStatus(employee.request('POST', `/api/checkins/${first.id}/comments`, { body: '客户拜访需要市场部支持' }), 201);
  await expectStatus(employee.request('POST', `/api/checkins/${first.id}/confirm`), 200);
  const { id: appealId } = await expectStatus(employee.request('POST', `/api/pips/${p.id}/appeals`, { body: '我认为回款目标过高' }), 201);
  await expectStatus(f.c.hrbp.request('POST', `/api/pips/${p.id}/appeals/${appealId}/answer`, { status: 'dismissed', answer: '目标依据上季度同岗位中位数，维持不变' }), 200);
  await f.at('2026-10-08T01:00:00.000Z');
  await t.services.checkins.evaluations.tick();
  const mid = ((await expectStatus(f.c.manager.request('GET', `/api/pips/${p.id}/evaluations`), 200)).items as { id: string }[])[0]!;
  const me = f.reports.find((r) => r.username === p.employee.username)!.client;
  await expectStatus(f.c.manager.request('PUT', `/api/evaluations/${mid.id}/manager`, { goals: goals.map((g) => ({ goalId: g.id, rating: '部分达成', percent: 60, comment: '有进展' })), overall: '部分达成', summary: '回款有进展，投诉仍偏多' }), 200);
  await expectStatus(me.request('PUT', `/api/evaluations/${mid.id}/self`, { goals: goals.map((g) => ({ goalId: g.id, rating: '达成', comment: '已尽力' })), summary: '我认为已基本达成' }), 200);
  await expectStatus(f.c.hrbp.request('PUT', `/api/evaluations/${mid.id}/hrbp`, { comment: '双方判断有差距，终期前增加一次三方沟通' }), 200);
  return { id: p.id, employee: { id: p.employee.id, client: me }, checkinId: first.id, fileId: file.id, appealId };
}

const exportOf = async (c: Client, id: string) => {
  const res = await c.request('GET', `/api/pips/${id}/evidence`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
};
const open = (bytes: Buffer) => {
  const files = unzipSync(bytes);
  const manifest: EvidenceManifest = evidenceManifestSchema.parse(JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')));
  const text = (path: string) => Buffer.from(files[path]!).toString('utf8');
  return { files, manifest, text };
};

let s: Scenario;
let res: Awaited<ReturnType<typeof exportOf>>;
let zip: Buffer;
// one plan and its first export, read by every test (none changes them)
beforeAll(async () => {
  s = await scenario();
  res = await exportOf(f.c.hr, s.id);
  zip = res.rawPayload;
});

describe('the evidence package', () => {
  it('is a ZIP of the timeline, every record and version, the attachment in its bytes and a manifest with SHA-256s, audit positions and the signed checkpoint', async () => {
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+\.zip"; filename\*=UTF-8''%E8%AF%81%E6%8D%AE%E5%8C%85-/);
    const { files, manifest, text } = open(zip);

    // every file listed, with its SHA-256 and size; nothing unlisted
    expect(Object.keys(files).sort()).toEqual([...manifest.files.map((x) => x.path), 'manifest.json'].sort());
    for (const m of manifest.files) expect({ path: m.path, sha256: sha(files[m.path]!), size: files[m.path]!.length }).toEqual({ path: m.path, sha256: m.sha256, size: m.size });
    const paths = manifest.files.map((x) => x.path);
    for (const p of ['timeline.html', 'plan/plan.json', 'plan/events.json', 'plan/template-snapshot.json', 'goals/current.json', 'goals/v1.json', 'goals/v1.txt', 'approvals/steps.json', 'acknowledgments/plan.json', 'audit/entries.json']) expect(paths).toContain(p);
    expect(paths.filter((p) => p.startsWith('evaluations/'))).toHaveLength(2);
    expect(paths.filter((p) => p.startsWith('appeals/'))).toHaveLength(1);

    // the attachment, byte for byte, under its check-in
    const attachment = manifest.files.find((x) => x.kind === 'attachment')!;
    expect(attachment.path).toMatch(/^checkins\/2026-09-10-one_on_one-[0-9a-f]{8}\/attachments\/[0-9a-f]{8}-面谈照片\.png$/);
    expect(Buffer.from(files[attachment.path]!).equals(photo)).toBe(true);
    const [upload] = await queryRows<{ seq: number }>(t.db.database.db, sql`select seq::int as seq from audit_log where action = 'file.upload' and after->>'fileId' = ${s.fileId}`);
    expect(attachment.auditSeqs).toEqual([upload!.seq]);

    // the check-in record: minutes, progress, the employee's comment and confirmation, with the audit entries behind it
    const checkinPath = paths.find((p) => p.endsWith('/checkin.json'))!;
    const checkin = JSON.parse(text(checkinPath));
    expect(checkin).toMatchObject({ id: s.checkinId, minutes: MINUTES, status: 'held', employeeComments: [{ body: '客户拜访需要市场部支持' }], attachments: [{ id: s.fileId, sha256: sha(photo) }] });
    expect(checkin.employeeConfirmedAt).not.toBeNull();
    expect(checkin.progress.map((g: { percent: number }) => g.percent).sort()).toEqual([30, 40]);
    const behind = await queryRows<{ seq: number; action: string }>(t.db.database.db, sql`select seq::int as seq, action from audit_log where after::text like ${`%${s.checkinId}%`} or entity_id = ${s.checkinId} order by seq`);
    expect(manifest.files.find((x) => x.path === checkinPath)!.auditSeqs).toEqual(behind.map((b) => b.seq));
    expect(behind.map((b) => b.action)).toEqual(expect.arrayContaining(['pip.checkins_generated', 'pip.checkin_minutes', 'pip.checkin_comment', 'pip.checkin_confirmed', 'file.upload']));

    // the acknowledged goals version: exactly the content shown, hashing to what the employee signed
    const [ack] = await queryRows<{ content_sha256: string }>(t.db.database.db, sql`select content_sha256 from acknowledgments where subject_type = 'pip_plan' and subject_id = ${s.id}`);
    const v1 = JSON.parse(text('goals/v1.json'));
    expect(v1).toMatchObject({ version: 1, acknowledgedSha256: ack!.content_sha256, contentHashMatches: true, content: { planId: s.id, goals: [{ title: '月度回款达成' }, { title: '客户投诉' }] } });
    expect(text('goals/v1.txt')).toContain('目标 1：月度回款达成');

    // evaluations with all their parts; the appeal with its answer
    const evaluation = JSON.parse(text(paths.find((p) => p.startsWith('evaluations/') && p.includes('-mid-'))!));
    expect(evaluation).toMatchObject({ status: 'completed', managerOverall: '部分达成', selfSummary: '我认为已基本达成', hrbpComment: '双方判断有差距，终期前增加一次三方沟通' });
    expect(evaluation.managerGoals).toHaveLength(2);
    expect(evaluation.selfGoals).toHaveLength(2);
    expect(JSON.parse(text(paths.find((p) => p.startsWith('appeals/'))!))).toMatchObject({ id: s.appealId, status: 'dismissed', answer: '目标依据上季度同岗位中位数，维持不变', handler: { name: '员工a1Hrbp' } });

    // the readable timeline, in Chinese, escaped
    const html = text('timeline.html');
    for (const words of ['创建草稿', '提交审批', '审批通过', '员工签收计划', '记录面谈纪要', '上传一对一面谈附件', '员工对纪要的意见', '员工确认纪要', '员工提出申诉', '书面答复申诉', '上级提交评估', '员工提交自评', 'HRBP 填写评语', '评估完成', '回款有进展，投诉仍偏多', '目标依据上季度同岗位中位数'])
      expect(html, words).toContain(words);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/2026-09-10 11:00/); // minutes recorded at 03:00Z, shown in business time

    // the audit entries behind the records, and the latest signed checkpoint covering them all
    const entries = JSON.parse(text('audit/entries.json')) as { seq: number; hash: string }[];
    const cited = new Set(manifest.files.flatMap((x) => x.auditSeqs));
    expect([...cited].every((n) => entries.some((e) => e.seq === n))).toBe(true);
    const cp = manifest.audit.checkpoint!;
    const [row] = await queryRows<{ hash: string; signature: string }>(t.db.database.db, sql`select hash, signature from audit_checkpoint where seq = ${cp.seq}`);
    expect(cp).toMatchObject({ hash: row!.hash, signature: row!.signature, algorithm: 'HMAC-SHA256', publicKey: null });
    expect(cp.seq).toBeGreaterThanOrEqual(Math.max(...entries.map((e) => e.seq)));
  });

  it('each export is audited with the caller and the manifest’s SHA-256', async () => {
    const again = await exportOf(f.c.auditor, s.id);
    const manifestSha = sha(unzipSync(again.rawPayload)['manifest.json']!);
    expect(again.headers['x-evidence-manifest-sha256']).toBe(manifestSha);
    const [a] = await queryRows<{ actor_label: string; entity_type: string; after: { manifestSha256: string } }>(t.db.database.db, sql`select actor_label, entity_type, after from audit_log where action = 'evidence.export' and entity_id = ${s.id} order by seq desc limit 1`);
    expect(a).toMatchObject({ actor_label: 'f-auditor', entity_type: 'pip_plan', after: { manifestSha256: manifestSha } });
  });

  it('scope: auditors and HR in scope export; the employee and the manager may not (403), an HRBP of another unit does not see it (404); nothing deletes', async () => {
    for (const c of [f.c.auditor, f.c.hr, f.c.hrhead, f.c.hrbp]) await exportOf(c, s.id);
    for (const c of [s.employee.client, f.c.manager]) expect((await expectStatus(c.request('GET', `/api/pips/${s.id}/evidence`), 403)).error.code).toBe('FORBIDDEN');
    await expectStatus(f.c.bhrbp.request('GET', `/api/pips/${s.id}/evidence`), 404);
    await expectStatus(f.c.employee.request('GET', `/api/pips/${s.id}/evidence`), 404);
    await expectStatus(f.c.hr.request('GET', `/api/pips/${randomUUID()}/evidence`), 404);
    await expectStatus(f.c.hr.request('DELETE', `/api/pips/${s.id}/evidence`), 404);
  });
});

describe('a refusal to sign', () => {
  it('is in the package with its witness, and the version refused keeps exactly the content shown and its hash', async () => {
    await f.at('2026-09-01T01:00:00.000Z');
    const p = await approvedPlanOf(t, f);
    await expectStatus(f.c.manager.request('PUT', `/api/pips/${p.id}/goals`, { goals: planGoals, finalise: true }), 200);
    await expectStatus(f.c.hr.request('POST', `/api/pips/${p.id}/refusal`, { witnessEmployeeId: f.people.aHr!.id, note: '员工当面拒绝签字' }), 200);
    const { manifest, text } = open((await exportOf(f.c.hrbp, p.id)).rawPayload);
    expect(JSON.parse(text('acknowledgments/plan.json'))).toMatchObject([{ status: 'refused', channel: 'in_person', witness: { name: '员工aHr' }, witnessNote: '员工当面拒绝签字' }]);
    expect(JSON.parse(text('goals/v1.json'))).toMatchObject({ version: 1, contentHashMatches: true, content: { planId: p.id } });
    expect(manifest.files.find((x) => x.path === 'acknowledgments/plan.json')!.auditSeqs.length).toBeGreaterThan(0);
    expect(text('timeline.html')).toContain('员工拒签（有见证人）');
  });
});

describe('the verifier', () => {
  let dir: string;
  const cli = (file: string, env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../cli/evidence-verify.ts'), file], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const rezip = (change: (files: Record<string, Uint8Array>) => void) => {
    const files = unzipSync(zip);
    change(files);
    return Buffer.from(zipSync(files));
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'evidence-test-'));
  });

  it('passes an intact package, with the checkpoint signature checked when given the key (function and CLI)', async () => {
    const report = verifyEvidence(zip, { checkpointKey: key() });
    expect(report, JSON.stringify(report)).toMatchObject({ ok: true, missing: [], extra: [], changed: [], problems: [], checkpoint: { signature: 'valid' } });
    expect(verifyEvidence(zip).checkpoint.signature).toBe('unchecked');
    expect(verifyEvidence(zip, { checkpointKey: deriveKey('another-secret-0123456789-abcdefghijklmn', 'audit-checkpoint') })).toMatchObject({ ok: false, checkpoint: { signature: 'invalid' } });
    const file = join(dir, '证据包.zip');
    writeFileSync(file, zip);
    const run = cli(file, { UPLIFT_SECRET: TEST_SECRET });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('证据包完整 evidence package OK');
    expect(run.out).toContain('signature valid');
  });

  it('names a file changed by one byte, a file missing and a file added, and fails (function and CLI)', async () => {
    const { manifest } = open(zip);
    const attachment = manifest.files.find((x) => x.kind === 'attachment')!.path;
    const tampered = rezip((files) => {
      const b = files[attachment]!;
      b[b.length - 1] = b[b.length - 1]! ^ 0x01;
    });
    const report = verifyEvidence(tampered, { checkpointKey: key() });
    expect(report.ok).toBe(false);
    expect(report.changed.map((c) => c.path)).toEqual([attachment]);
    const file = join(dir, 'tampered.zip');
    writeFileSync(file, tampered);
    const run = cli(file);
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(`changed: ${attachment}`);
    expect(run.out).toContain('证据包校验失败 evidence package FAILED');

    const gone = verifyEvidence(rezip((files) => void delete files['goals/v1.json']));
    expect(gone).toMatchObject({ ok: false, missing: ['goals/v1.json'] });
    expect(verifyEvidence(rezip((files) => void (files['extra.txt'] = Buffer.from('x')))).extra).toEqual(['extra.txt']);
  });

  it('catches an edited record even when its manifest line is rewritten to match: the audit entries and the acknowledged hash disagree', async () => {
    const forged = rezip((files) => {
      const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as EvidenceManifest;
      const v1 = JSON.parse(Buffer.from(files['goals/v1.json']!).toString('utf8'));
      v1.content.goals[0].target = '80';
      const entries = JSON.parse(Buffer.from(files['audit/entries.json']!).toString('utf8'));
      entries[0].actorLabel = 'someone-else';
      for (const [path, value] of [['goals/v1.json', v1], ['audit/entries.json', entries]] as const) {
        const bytes = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
        files[path] = bytes;
        const line = manifest.files.find((x) => x.path === path)!;
        line.sha256 = sha(bytes);
        line.size = bytes.length;
      }
      files['manifest.json'] = Buffer.from(JSON.stringify(manifest));
    });
    const report = verifyEvidence(forged);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('goals/v1.json');
    expect(report.problems.join('\n')).toMatch(/#\d+ 与其哈希不符/);
  });
});

describe('follow-up records and plugged-in sections', () => {
  it('outcomes with the receipt, trainings with their materials, role adjustments with the signed notice; a registered section joins the package', async () => {
    // a plan of its own: the follow-up rows are written as the outcomes module will (its API is not merged yet)
    const s = await scenario();
    const db = t.db.database.db;
    const now = t.clock.now();
    const [o] = await db.insert(pipOutcomes).values({ planId: s.id, round: 1, outcome: 'not_passed', note: '回款目标未达成', followUps: ['training'], previousEnd: '2026-10-31', status: 'confirmed', proposedByName: '员工a1Lead', proposedAt: now, confirmedByName: '员工a1Hrbp', confirmedAt: now }).returning();
    await db.insert(acknowledgments).values({ subjectType: 'pip_outcome', subjectId: o!.id, subjectVersion: 1, employeeId: s.employee.id, status: 'refused', contentSha256: 'a'.repeat(64), channel: 'in_person', witnessEmployeeId: f.people.aHr!.id, witnessNote: '当面拒签', at: now });
    const [tr] = await db.insert(pipTrainings).values({ planId: s.id, topic: '大客户回款技巧', gap: '回款周期过长', goalIds: [], startsOn: '2026-11-02', endsOn: '2026-11-03', trainer: '外部讲师', attendance: 'attended', createdByName: 'f-grouphr', createdAt: now, updatedAt: now }).returning();
    const sheet = Buffer.from('签到表\n改进员工 已签到\n');
    await db.insert(storedFiles).values({ ownerType: 'pip_training', ownerId: tr!.id, name: '签到表.txt', contentType: 'text/plain', size: sheet.length, sha256: sha(sheet), content: sheet, createdAt: now });
    const notice = '调岗通知：自 2026-11-10 起调整为客户服务专员。';
    const [ra] = await db.insert(pipRoleAdjustments).values({ planId: s.id, fromPosition: '销售', toPosition: '客户服务专员', effectiveOn: '2026-11-10', reason: '回款能力不足', relation: '同一业务线，客户沟通能力可迁移', noticeText: notice, noticeSha256: sha(notice), createdByName: 'f-grouphr', createdAt: now }).returning();
    // the termination review's section is built in (compliance); another module's section joins the same way
    expect(t.services.evidence.sections()).toContain('termination');
    t.services.evidence.register({ key: 'extra', title: '其他模块的记录', build: async (_exec, planId) => ({ files: [{ path: 'extra/guard-report.json', content: JSON.stringify({ planId, conditions: [] }) }], timeline: [{ at: now, title: '合规校验', detail: '条件未全部满足' }] }) });

    const { files, manifest, text } = open((await exportOf(f.c.hr, s.id)).rawPayload);
    const paths = manifest.files.map((x) => x.path);
    expect(JSON.parse(text(paths.find((p) => p.startsWith('outcomes/'))!))).toMatchObject({ outcome: 'not_passed', receipt: [{ status: 'refused', witness: { name: '员工aHr' } }] });
    const material = paths.find((p) => p.startsWith(`trainings/2026-11-02-${tr!.id.slice(0, 8)}/materials/`))!;
    expect(Buffer.from(files[material]!).equals(sheet)).toBe(true);
    expect(JSON.parse(text(paths.find((p) => p.endsWith('/training.json'))!))).toMatchObject({ topic: '大客户回款技巧', attendance: 'attended' });
    expect(JSON.parse(text(paths.find((p) => p.endsWith('/role-adjustment.json'))!))).toMatchObject({ id: ra!.id, noticeHashMatches: true });
    expect(text(paths.find((p) => p.endsWith('/notice.txt'))!)).toBe(notice);
    expect(manifest.sections.map((x) => x.key).at(-1)).toBe('extra');
    expect(manifest.files.find((x) => x.path === 'extra/guard-report.json')).toMatchObject({ section: 'extra', kind: 'record', title: 'extra/guard-report.json', auditSeqs: [] });
    expect(() => t.services.evidence.register({ key: 'extra', title: '重复', build: async () => ({ files: [] }) })).toThrow(/twice/);
    expect(text('timeline.html')).toContain('合规校验');
    expect(text('timeline.html')).toContain('调岗通知：自 2026-11-10 起调整为客户服务专员。');
    expect(verifyEvidence(Buffer.from(zipSync(files)), { checkpointKey: key() }).ok).toBe(true);
  });
});
