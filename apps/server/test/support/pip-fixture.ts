import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { PolicySettings } from '@uplift/contract';
import { employees, users } from '../../src/db/schema/index.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';
import { rebuildReportPaths } from '../../src/modules/people/reporting-line.ts';
import { FIXTURE_PASSWORD } from './org-fixture.ts';
import { insertPolicy } from './policy-rows.ts';
import { buildTemplateFixture, templateBody } from './template-fixture.ts';
import type { Client, TestApp } from './test-app.ts';

/**
 * The template fixture with a policy in force and a group template whose chain is the direct
 * manager then the unit HRBP: a1Dev (f-employee) → a1Lead (f-manager) → a1Hrbp (f-hrbp).
 */
export async function buildPipFixture(t: TestApp, policy: (s: PolicySettings) => void = () => {}) {
  const fx = await buildTemplateFixture(t);
  await insertPolicy(t.db.database.db, fx.units.G.id, policy);
  const login = (u: string) => t.login(u, FIXTURE_PASSWORD);
  const names = { hr: 'f-grouphr', hrhead: 'f-hrhead', hrbp: 'f-hrbp', bhrbp: 'f-bhrbp', manager: 'f-manager', employee: 'f-employee', auditor: 'f-auditor' } as const;
  const c = { hr: await login('f-grouphr'), hrhead: await login('f-hrhead'), hrbp: await login('f-hrbp'), bhrbp: await login('f-bhrbp'), manager: await login('f-manager'), employee: await login('f-employee'), auditor: await login('f-auditor') };
  const saved = await c.hr.request(
    'PUT',
    '/api/templates/group',
    templateBody((s) => {
      s.values.approvalChain.nodes = [
        { key: 'manager', kind: 'direct_manager', minGrade: null },
        { key: 'hrbp', kind: 'unit_hrbp', minGrade: null },
      ];
    }),
  );
  expect(saved.statusCode, saved.body).toBe(200);
  const reports: { username: string; client: Client }[] = [];
  /** Moving the clock ends sessions: everyone signs in again (report clients are refreshed in place). */
  const relogin = async () => {
    for (const [k, u] of Object.entries(names)) c[k as keyof typeof c] = await login(u);
    for (const r of reports) r.client = await login(r.username);
  };
  /** Moves business time to an instant; sessions end with it, so everyone signs in again. */
  const at = async (iso: string) => {
    t.clock.set(iso);
    await relogin();
  };
  return { ...fx, c, reports, relogin, at };
}
export type PipFixture = Awaited<ReturnType<typeof buildPipFixture>>;

export const planBody = (employeeId: string, extra: Record<string, unknown> = {}) => ({ employeeId, problemType: 'performance', manualReason: '连续绩效未达标', plannedStart: '2026-03-09', plannedEnd: '2026-04-07', ...extra });

export const goals = [
  { title: '月度回款达成', metric: '回款额', baseline: '60', target: '100', unit: '万元', weight: 60, dueDate: '2026-04-01', support: '每周一次辅导' },
  { title: '客户投诉', metric: '投诉次数', baseline: '5', target: '1', unit: '次', weight: 40, dueDate: '2026-04-05', support: '销售技巧培训' },
];

/** Expects a status, showing the body when it differs; returns the parsed body. */
export async function expectStatus(res: Promise<{ statusCode: number; body: string }>, status: number) {
  const r = await res;
  expect(r.statusCode, r.body.slice(0, 400)).toBe(status);
  return r.body ? JSON.parse(r.body) : null;
}

export async function acknowledge(employee: Client, id: string) {
  const shown = await expectStatus(employee.request('GET', `/api/pips/${id}/acknowledgment`), 200);
  return expectStatus(employee.request('POST', `/api/pips/${id}/acknowledge`, { version: shown.version, sha256: shown.sha256 }), 200);
}

let seq = 0;
/** A fresh report of a1Lead in A1 with an account, so each test has its own plan subject. */
export async function newReport(t: TestApp, f: PipFixture, status: 'active' | 'probation' = 'active', managerId: string | null = null): Promise<{ id: string; username: string; client: Client }> {
  const db = t.db.database.db;
  seq++;
  const id = randomUUID();
  const userId = randomUUID();
  const now = new Date('2026-03-01T00:00:00Z');
  const username = `pip-e${seq}`;
  await db.insert(users).values({ id: userId, username, displayName: username, passwordHash: await hashPassword(FIXTURE_PASSWORD), roles: [], createdAt: now, updatedAt: now });
  await db.insert(employees).values({ id, employeeNo: `PIP${seq}`, name: `改进${seq}`, gender: 'female', unitId: f.units.A1.id, orgPath: f.units.A1.path, position: '销售', grade: 'P4', managerId: managerId ?? f.people.a1Lead!.id, hireDate: '2024-01-01', serviceStartDate: '2024-01-01', status, userId, createdAt: now, updatedAt: now });
  await db.transaction((tx) => rebuildReportPaths(tx));
  const report = { id, username, client: await t.login(username, FIXTURE_PASSWORD) };
  f.reports.push(report);
  return report;
}

/** A plan of a fresh report taken to `goal_setting`. */
export async function approvedPlanOf(t: TestApp, f: PipFixture) {
  const e = await newReport(t, f);
  const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id)), 201);
  await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
  await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, { comment: '同意' }), 200);
  await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
  return { id: id as string, employee: e };
}

/** …and finalised and acknowledged: in progress. */
export async function runningPlanOf(t: TestApp, f: PipFixture) {
  const p = await approvedPlanOf(t, f);
  await expectStatus(f.c.manager.request('PUT', `/api/pips/${p.id}/goals`, { goals, finalise: true }), 200);
  await acknowledge(p.employee.client, p.id);
  return p;
}

/** A plan of a fresh report from `start` to `end`, approved, goals finalised and acknowledged (the clock before `start`). */
export async function runningPlanBetween(t: TestApp, f: PipFixture, start: string, end: string) {
  const e = await newReport(t, f);
  const { id } = await expectStatus(f.c.manager.request('POST', '/api/pips', planBody(e.id, { plannedStart: start, plannedEnd: end })), 201);
  await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/submit`, {}), 200);
  await expectStatus(f.c.manager.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
  await expectStatus(f.c.hrbp.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
  await expectStatus(f.c.manager.request('PUT', `/api/pips/${id}/goals`, { goals, finalise: true }), 200);
  await acknowledge(e.client, id);
  return { id: id as string, employee: e };
}

/** The manager's part of the plan's latest final evaluation (pushed by the tick), every goal rated `rating`. */
export async function rateFinal(t: TestApp, f: PipFixture, planId: string, rating = '达成') {
  await t.services.checkins.evaluations.tick();
  const evs = (await expectStatus(f.c.manager.request('GET', `/api/pips/${planId}/evaluations`), 200)).items as { id: string; kind: string; atPercent: number; status: string; manager: unknown }[];
  const final = evs.filter((e) => e.kind === 'point' && e.atPercent === 100 && e.status === 'open').at(-1);
  if (!final || final.manager) return;
  const goalIds = ((await expectStatus(f.c.manager.request('GET', `/api/pips/${planId}`), 200)).goals as { id: string }[]).map((g) => g.id);
  await expectStatus(f.c.manager.request('PUT', `/api/evaluations/${final.id}/manager`, { goals: goalIds.map((goalId) => ({ goalId, rating, percent: 100 })), overall: rating, summary: '终期评估' }), 200);
}

/** The final review: the manager rates the final evaluation and proposes `body`, the HRBP confirms. Returns the outcome's id. */
export async function decideOutcome(t: TestApp, f: PipFixture, planId: string, body: Record<string, unknown>): Promise<string> {
  await rateFinal(t, f, planId, body.outcome === 'passed' ? '达成' : '未达成');
  const { id } = await expectStatus(f.c.manager.request('POST', `/api/pips/${planId}/outcome`, { note: '对照锁定目标逐项评审', ...body }), 201);
  await expectStatus(f.c.hrbp.request('POST', `/api/pips/${planId}/outcome/${id}/confirm`), 200);
  return id as string;
}

/** The employee reads the confirmed outcome and acknowledges exactly what was shown. */
export async function acknowledgeOutcome(employee: Client, planId: string) {
  const shown = await expectStatus(employee.request('GET', `/api/pips/${planId}/outcome/receipt`), 200);
  return expectStatus(employee.request('POST', `/api/pips/${planId}/outcome/acknowledge`, { sha256: shown.sha256 }), 200);
}

/** Approves every pending step in turn as whoever it waits on (fixture people with accounts). */
export async function approveAll(f: PipFixture, id: string) {
  const byPerson: Record<string, Client> = { [f.people.a1Lead!.id]: f.c.manager, [f.people.a1Hrbp!.id]: f.c.hrbp, [f.people.aHr!.id]: f.c.hrhead, [f.people.groupHr!.id]: f.c.hr };
  for (let i = 0; i < 8; i++) {
    const plan = await expectStatus(f.c.hr.request('GET', `/api/pips/${id}`), 200);
    if (plan.state !== 'pending_approval') return plan;
    const step = plan.approvals.find((s: { status: string }) => s.status === 'pending');
    const who = (step.delegate ?? step.approver).id as string;
    await expectStatus(byPerson[who]!.request('POST', `/api/pips/${id}/actions/approve`, {}), 200);
  }
  throw new Error('the chain did not end');
}
