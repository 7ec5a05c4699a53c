import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { defaultPolicySettings, policyDocument, type MyPolicy, type PolicySettings, type PolicyVersion } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { DAY } from '../../lib/clock.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { sections } from './policy-fixtures.ts';

let t: TestApp;
let fx: OrgFixture;
let groupHr: Client;
let hrHead: Client;
let hrbp: Client;
let bHrbp: Client;
let auditor: Client;
let employee: Client;
let manager: Client;

const settings = (change: (s: PolicySettings) => void = () => undefined) => {
  const s = structuredClone(defaultPolicySettings);
  change(s);
  return s;
};
const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body) as PolicyVersion;
};
const today = () => t.clock.now().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(t.clock.now().getTime() + n * DAY).toISOString().slice(0, 10);

/** Draft → adoption with evidence → review → publish, as the given HR client. */
async function publish(c: Client, ownerId: string, opts: { tag: string; effectiveFrom?: string; settings?: PolicySettings; reminderDays?: number[] }): Promise<PolicyVersion> {
  const v = ok(await c.request('POST', `/api/policies/${ownerId}/versions`, { title: `绩效改进制度 ${opts.tag}`, sections: sections(opts.tag), settings: opts.settings ?? settings(), reminderDays: opts.reminderDays ?? [3, 7] }), 201);
  ok(await c.request('PUT', `/api/policy-versions/${v.id}/adoption`, { procedure: 'workers_congress', date: '2026-02-20', notes: '职代会表决通过' }));
  const up = multipart({ ownerType: 'policy_version', ownerId: v.id }, { name: '职代会决议.pdf', content: `%PDF-1.4 ${opts.tag}`, type: 'application/pdf' });
  expect((await c.request('POST', '/api/files', up.payload, up.headers)).statusCode).toBe(201);
  ok(await c.request('POST', `/api/policy-versions/${v.id}/submit`));
  return ok(await c.request('POST', `/api/policy-versions/${v.id}/publish`, { effectiveFrom: opts.effectiveFrom ?? today() }));
}

const notifiedOf = async (dedupeKey: string) =>
  (await queryRows<{ employee_no: string }>(t.db.database.db, sql`select e.employee_no from notifications n join employees e on e.user_id = n.recipient_id where n.dedupe_key = ${dedupeKey} order by 1`)).map((r) => r.employee_no);
const no = (key: string) => fx.people[key]!.employeeNo;
const stateOf = async (id: string) => (await queryRows<{ state: string }>(t.db.database.db, sql`select state from policy_versions where id = ${id}`))[0]!.state;
const myPolicies = async (c: Client) => (await c.request('GET', '/api/my/policies')).json<{ items: MyPolicy[] }>().items;

/** Signs everyone in again (after the clock moved past the session lifetime). */
async function signIn() {
  const as = (u: string) => t.login(u, FIXTURE_PASSWORD);
  [groupHr, hrHead, hrbp, bHrbp, auditor, employee, manager] = [await as('f-grouphr'), await as('f-hrhead'), await as('f-hrbp'), await as('f-bhrbp'), await as('f-auditor'), await as('f-employee'), await as('f-manager')];
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  await signIn();
  // accounts for the people without one, so everyone can be notified; a2Dev is on probation
  const issued = await groupHr.request('POST', '/api/people/accounts', { employeeIds: ['a1TDev', 'a2Dev', 'b1Dev', 'a1TLead'].map((k) => fx.people[k]!.id) });
  expect(issued.json().issued).toHaveLength(4);
  await t.db.database.db.execute(sql`update employees set status = 'probation' where id = ${fx.people.a2Dev!.id}`);
});
afterAll(() => t.close());

describe('publishing the group policy', () => {
  let v1: PolicyVersion;

  it('refuses publication without the adoption record and its evidence (Art. 4)', async () => {
    const v = ok(await groupHr.request('POST', `/api/policies/${fx.units.G.id}/versions`, { title: '集团绩效改进制度', sections: sections('草稿'), settings: settings() }), 201);
    ok(await groupHr.request('POST', `/api/policy-versions/${v.id}/submit`));
    const none = await groupHr.request('POST', `/api/policy-versions/${v.id}/publish`, { effectiveFrom: today() });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.details.issues[0].path).toBe('adoption');
    ok(await groupHr.request('PUT', `/api/policy-versions/${v.id}/adoption`, { procedure: 'all_staff_discussion', date: '2026-02-01', notes: '' }));
    const noEvidence = await groupHr.request('POST', `/api/policy-versions/${v.id}/publish`, { effectiveFrom: today() });
    expect(noEvidence.statusCode).toBe(409);
    // back to draft and leave it: the next test starts its own (one open draft per owner)
    ok(await groupHr.request('POST', `/api/policy-versions/${v.id}/return`, { note: '换一份' }));
    expect((await groupHr.request('POST', `/api/policies/${fx.units.G.id}/versions`, { title: 'x', sections: sections('x'), settings: settings() })).statusCode).toBe(409);
    await t.db.database.db.execute(sql`delete from policy_versions where id = ${v.id}`);
  });

  it('publishing with today as the effective date puts it in force at once and notifies everyone in scope', async () => {
    v1 = await publish(groupHr, fx.units.G.id, { tag: 'v1' });
    expect(v1).toMatchObject({ state: 'in_force', version: 1, effectiveFrom: today() });
    expect(v1.adoption).toMatchObject({ procedure: 'workers_congress', attachments: [{ name: '职代会决议.pdf', sha256: createHash('sha256').update('%PDF-1.4 v1').digest('hex') }] });
    const notified = await notifiedOf(`policy.publish:${v1.id}`);
    // active people in the group with an account; a2Dev is on probation (excluded)
    expect(notified).toContain(no('a1Dev'));
    expect(notified).toContain(no('b1Dev'));
    expect(notified).not.toContain(no('a2Dev'));
  });

  it('evidence downloads for readers of the version only, with its checksum', async () => {
    const fileId = v1.attachments[0]!.id;
    const res = await auditor.request('GET', `/api/files/${fileId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${v1.attachments[0]!.sha256}"`);
    expect(res.body).toBe('%PDF-1.4 v1');
    expect((await employee.request('GET', `/api/files/${fileId}`)).statusCode).toBe(404);
    // published: the evidence can no longer change
    expect((await groupHr.request('DELETE', `/api/files/${fileId}`)).statusCode).toBe(409);
    const exe = multipart({ ownerType: 'policy_version', ownerId: v1.id }, { name: 'x.exe', content: 'MZ' });
    expect((await groupHr.request('POST', '/api/files', exe.payload, exe.headers)).statusCode).toBe(415);
  });

  it('the employee reads it in "my policies" and confirms with the hash of what was shown', async () => {
    const [mine] = await myPolicies(employee);
    expect(mine).toMatchObject({ id: v1.id, acknowledgment: null });
    expect(mine!.document).toBe(policyDocument(v1.title, v1.sections));
    const shown = createHash('sha256').update(mine!.document).digest('hex');
    expect(shown).toBe(mine!.contentSha256);
    const wrong = await employee.request('POST', `/api/policy-versions/${v1.id}/confirm`, { contentSha256: 'a'.repeat(64) });
    expect(wrong.statusCode).toBe(409);
    const res = await employee.request('POST', `/api/policy-versions/${v1.id}/confirm`, { contentSha256: shown, channel: 'web' }, { 'user-agent': 'vitest' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MyPolicy>().acknowledgment).toMatchObject({ status: 'confirmed', contentSha256: shown, channel: 'web' });
    const [row] = await queryRows<{ user_agent: string; ip: string }>(t.db.database.db, sql`select user_agent, ip from acknowledgments where subject_id = ${v1.id}`);
    expect(row).toMatchObject({ user_agent: 'vitest', ip: expect.any(String) });
  });

  it('HR records a refusal with a witness; it is not recorded twice, nor over a confirmation', async () => {
    const body = { employeeId: fx.people.a1TDev!.id, witnessEmployeeId: fx.people.a1Lead!.id, note: '当面宣读，本人拒绝签字' };
    expect((await hrbp.request('POST', `/api/policy-versions/${v1.id}/refusals`, body)).statusCode).toBe(200);
    expect((await hrbp.request('POST', `/api/policy-versions/${v1.id}/refusals`, body)).statusCode).toBe(409);
    expect((await hrbp.request('POST', `/api/policy-versions/${v1.id}/refusals`, { ...body, employeeId: fx.people.a1Dev!.id })).statusCode).toBe(409);
    // out of the HRBP's scope
    expect((await bHrbp.request('POST', `/api/policy-versions/${v1.id}/refusals`, body)).statusCode).toBe(404);
    expect((await employee.request('POST', `/api/policy-versions/${v1.id}/refusals`, body)).statusCode).toBe(404);
  });

  it('reports confirmed / refused / pending per unit within the reader’s scope', async () => {
    const all = (await groupHr.request('GET', `/api/policy-versions/${v1.id}/acknowledgments/summary`)).json();
    expect(all.units, JSON.stringify(all)).toBeDefined();
    const a1 = all.units.find((u: { unitId: string }) => u.unitId === fx.units.A1.id);
    expect(a1).toMatchObject({ confirmed: 1, refused: 0 });
    expect(all.units.find((u: { unitId: string }) => u.unitId === fx.units.A1T.id)).toMatchObject({ refused: 1 });
    expect(all.totals.confirmed + all.totals.refused + all.totals.pending).toBe(12); // 13 people, a2Dev on probation
    const scoped = (await hrbp.request('GET', `/api/policy-versions/${v1.id}/acknowledgments/summary`)).json();
    expect(scoped.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([fx.units.A1.id, fx.units.A1T.id].sort());
    const pres = await groupHr.request("GET", `/api/policy-versions/${v1.id}/acknowledgments?status=pending&limit=5`);
    expect(pres.statusCode, pres.body).toBe(200);
    const page = pres.json();
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).not.toBeNull();
    const next = (await groupHr.request('GET', `/api/policy-versions/${v1.id}/acknowledgments?status=pending&limit=50&cursor=${page.nextCursor}`)).json();
    expect(page.items.length + next.items.length).toBe(all.totals.pending);
  });

  it('exports the list to Excel', async () => {
    const res = await groupHr.request('GET', `/api/policy-versions/${v1.id}/acknowledgments/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('状态');
    expect(ws.rowCount).toBe(13);
    const statuses = ws.getColumn(4).values.slice(2);
    expect(statuses.filter((s) => s === '已确认')).toHaveLength(1);
    expect(statuses.filter((s) => s === '拒签')).toHaveLength(1);
  });

  it('reminds those who have not confirmed after 3 and 7 days, exactly once per step across reruns', async () => {
    await t.services.policyPublishing.tick();
    expect(await notifiedOf(`policy.remind:${v1.id}:3`)).toEqual([]);
    t.clock.advance(3 * DAY);
    await t.services.policyPublishing.tick();
    await t.services.policyPublishing.tick();
    const third = await notifiedOf(`policy.remind:${v1.id}:3`);
    expect(third).not.toContain(no('a1Dev')); // confirmed
    expect(third).not.toContain(no('a1TDev')); // refused
    expect(third).toContain(no('b1Dev'));
    const [{ n }] = (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from notifications where dedupe_key = ${`policy.remind:${v1.id}:3`}`)) as [{ n: number }];
    expect(n).toBe(third.length);
    t.clock.advance(4 * DAY);
    await t.services.policyPublishing.tick();
    await t.services.policyPublishing.tick();
    expect(await notifiedOf(`policy.remind:${v1.id}:7`)).toEqual(third);
    await signIn();
  });

  describe('a new version', () => {
    let v2: PolicyVersion;
    beforeAll(async () => {
      v2 = await publish(groupHr, fx.units.G.id, { tag: 'v2', effectiveFrom: inDays(10), settings: settings((s) => (s.goals.maxGoals = 6)) });
    });

    it('is scheduled for a future date and takes force on the clock, superseding the previous one; once', async () => {
      expect(v2.state).toBe('scheduled');
      await t.services.policyPublishing.tick();
      expect(await stateOf(v2.id)).toBe('scheduled');
      expect(await notifiedOf(`policy.publish:${v2.id}`)).toEqual([]);
      t.clock.advance(10 * DAY);
      expect(await t.services.policyPublishing.tick()).toMatchObject({ activated: 1 });
      expect(await t.services.policyPublishing.tick()).toMatchObject({ activated: 0 });
      await signIn();
      expect(await stateOf(v2.id)).toBe('in_force');
      expect(await stateOf(v1.id)).toBe('superseded');
      const [{ n }] = (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from policy_versions where owner_unit_id = ${fx.units.G.id} and state = 'in_force'`)) as [{ n: number }];
      expect(n).toBe(1);
    });

    it('its notification says what changed, and it shows a readable diff', async () => {
      const [n] = await queryRows<{ body: string }>(t.db.database.db, sql`select payload->'body'->>'zh-CN' as body from notifications where dedupe_key = ${`policy.publish:${v2.id}`} limit 1`);
      expect(n!.body).toContain('修改了：适用范围');
      expect(n!.body).toContain('goals.maxGoals');
      const d = (await auditor.request('GET', `/api/policy-versions/${v2.id}/diff`)).json();
      expect(d.previous.id).toBe(v1.id);
      expect(d.sections[0].lines).toContainEqual({ kind: 'added', text: '适用于全体正式员工（v2）' });
      expect(d.settings).toEqual([{ path: 'goals.maxGoals', before: 5, after: 6 }]);
    });

    it('needs a new confirmation', async () => {
      const [mine] = await myPolicies(employee);
      expect(mine).toMatchObject({ id: v2.id, acknowledgment: null });
      // confirming the old one is no longer possible
      const old = await employee.request('POST', `/api/policy-versions/${v1.id}/confirm`, { contentSha256: 'a'.repeat(64) });
      expect(old.statusCode).toBe(404);
    });
  });
});

describe('a subsidiary policy', () => {
  it('may only narrow the group policy, and says which fields do not', async () => {
    const wide = settings((s) => {
      s.goals.maxGoals = 8;
      s.communication.oneOnOneEveryDays = 30;
      s.scope.excludedStatuses = [];
    });
    const res = await hrHead.request('POST', `/api/policies/${fx.units.A.id}/versions`, { title: 'A 公司制度', sections: sections('A'), settings: wide });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { path: string; messages: Record<string, string> }[];
    expect(issues.map((i) => i.path).sort()).toEqual(['body.settings.communication.oneOnOneEveryDays', 'body.settings.goals.maxGoals', 'body.settings.scope.excludedStatuses']);
    expect(issues[0]!.messages['en-US']).toBeTruthy();
    // scope units outside the subsidiary
    const outside = await hrHead.request('POST', `/api/policies/${fx.units.A.id}/versions`, { title: 'A', sections: sections('A'), settings: settings((s) => (s.scope.unitIds = [fx.units.B1.id])) });
    expect(outside.json().error.details.issues.map((i: { path: string }) => i.path)).toContain('body.settings.scope.unitIds');
  });

  it('is written by the subsidiary’s HR head and group HR, not by others', async () => {
    const body = { title: 'B 公司制度', sections: sections('B'), settings: settings() };
    expect((await hrHead.request('POST', `/api/policies/${fx.units.B.id}/versions`, body)).statusCode).toBe(403);
    expect((await hrbp.request('POST', `/api/policies/${fx.units.A.id}/versions`, body)).statusCode).toBe(403);
    expect((await auditor.request('POST', `/api/policies/${fx.units.A.id}/versions`, body)).statusCode).toBe(403);
    expect((await employee.request('POST', `/api/policies/${fx.units.A.id}/versions`, body)).statusCode).toBe(403);
  });

  it('in force, it notifies its own people only, and they see both policies', async () => {
    const a = await publish(hrHead, fx.units.A.id, { tag: 'A', settings: settings((s) => ((s.scope.unitIds = [fx.units.A1.id]), (s.goals.maxGoals = 3))) });
    expect(a.state).toBe('in_force');
    const notified = await notifiedOf(`policy.publish:${a.id}`);
    expect(notified).toContain(no('a1Dev'));
    expect(notified).toContain(no('a1TDev'));
    expect(notified).not.toContain(no('b1Dev')); // another subsidiary
    expect(notified).not.toContain(no('aLead')); // in A but outside the scope unit A1
    expect((await myPolicies(employee)).map((p) => p.ownerUnitId)).toEqual([fx.units.G.id, fx.units.A.id]);
  });

  it('is read by HR whose scope overlaps it and auditors; not by another subsidiary’s HRBP nor employees', async () => {
    const a = (await groupHr.request('GET', '/api/policies')).json().items.find((o: { unitId: string }) => o.unitId === fx.units.A.id);
    const id = a.inForce.id as string;
    expect((await hrbp.request('GET', `/api/policy-versions/${id}`)).statusCode).toBe(200);
    expect((await auditor.request('GET', `/api/policy-versions/${id}`)).statusCode).toBe(200);
    expect((await bHrbp.request('GET', `/api/policy-versions/${id}`)).statusCode).toBe(404);
    expect((await employee.request('GET', `/api/policy-versions/${id}`)).statusCode).toBe(404);
    expect((await employee.request('GET', '/api/policies')).statusCode).toBe(403);
    expect((await bHrbp.request('GET', `/api/policy-versions/${id}/acknowledgments/summary`)).statusCode).toBe(404);
    const owners = (await bHrbp.request('GET', '/api/policies')).json().items.map((o: { unitId: string }) => o.unitId);
    expect(owners).toEqual([fx.units.G.id, fx.units.B.id]);
  });

  it('when the group tightens later, the subsidiary’s version in force is flagged, not the group blocked', async () => {
    await publish(groupHr, fx.units.G.id, { tag: 'v3', settings: settings((s) => (s.goals.maxGoals = 2)) });
    const owners = (await hrHead.request('GET', '/api/policies')).json().items as { unitId: string; boundsIssues: { path: string; messages: Record<string, string> }[] }[];
    expect(owners.find((o) => o.unitId === fx.units.A.id)!.boundsIssues.map((i) => i.path)).toEqual(['settings.goals.maxGoals']);
    expect(owners.find((o) => o.unitId === fx.units.G.id)!.boundsIssues).toEqual([]);
  });
});

describe('Q&A', () => {
  let questionId: string;
  it('an employee in scope asks; others do not see who asked', async () => {
    const res = await employee.request('POST', `/api/policies/${fx.units.G.id}/questions`, { question: '试用期员工适用吗？' });
    expect(res.statusCode, res.body).toBe(201);
    questionId = res.json().id;
    // the HRBP of the asker's unit is told
    expect(await notifiedOf(`policy.question:${questionId}`)).toEqual([no('a1Hrbp')]);
    expect(res.json()).toMatchObject({ mine: true, asker: null });
    expect((await manager.request('GET', `/api/policies/${fx.units.G.id}/questions`)).json().items).toEqual([]);
    const own = (await employee.request('GET', `/api/policies/${fx.units.G.id}/questions`)).json().items;
    expect(own).toMatchObject([{ id: questionId, mine: true, asker: null }]);
  });

  it('HR sees the asker; HR outside the asker’s scope cannot answer', async () => {
    const items = (await hrbp.request('GET', `/api/policies/${fx.units.G.id}/questions`)).json().items;
    expect(items).toMatchObject([{ id: questionId, asker: { employeeId: fx.people.a1Dev!.id } }]);
    expect((await bHrbp.request('GET', `/api/policies/${fx.units.G.id}/questions`)).json().items).toEqual([]);
    expect((await bHrbp.request('POST', `/api/policy-questions/${questionId}/answer`, { answer: '不适用' })).statusCode).toBe(404);
    expect((await employee.request('POST', `/api/policy-questions/${questionId}/answer`, { answer: '不适用' })).statusCode).toBe(404);
    expect((await auditor.request('POST', `/api/policy-questions/${questionId}/answer`, { answer: '不适用' })).statusCode).toBe(404);
  });

  it('the answer published to the FAQ never names the asker', async () => {
    expect((await employee.request('GET', `/api/policies/${fx.units.G.id}/faq`)).json().items).toEqual([]);
    const res = await hrbp.request('POST', `/api/policy-questions/${questionId}/answer`, { answer: '试用期员工不适用本制度。', publish: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(await notifiedOf(`policy.answer:${questionId}:${t.clock.now().getTime()}`)).toEqual([no('a1Dev')]);
    const faq = (await manager.request('GET', `/api/policies/${fx.units.G.id}/faq`)).json().items;
    expect(faq).toMatchObject([{ question: '试用期员工适用吗？', answer: '试用期员工不适用本制度。', asker: null, mine: false }]);
    expect(JSON.stringify(faq)).not.toContain(fx.people.a1Dev!.id);
    expect((await groupHr.request('POST', `/api/policy-questions/${questionId}/faq`, { published: false })).statusCode).toBe(200);
    expect((await manager.request('GET', `/api/policies/${fx.units.G.id}/faq`)).json().items).toEqual([]);
  });

  it('people outside a policy cannot ask about it or read it', async () => {
    const b = await t.login('f-bhrbp', FIXTURE_PASSWORD);
    // bLead is in B: A's policy does not apply to them
    expect((await b.request('POST', `/api/policies/${fx.units.A.id}/questions`, { question: '我适用吗？' })).statusCode).toBe(404);
  });
});
