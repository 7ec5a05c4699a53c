import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { defaultPolicySettings, defaultTemplateSettings } from '@uplift/contract';
import { queryRows } from '../src/db/client.ts';
import { createTestApp, type Client, type TestApp } from './support/test-app.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from './support/org-fixture.ts';
import { multipart } from './support/multipart.ts';

// The permission matrix: every route of the server × every role. It is checked against the
// server's own route table, so a new route that is not declared here fails this test.

const who = ['anon', 'admin', 'grouphr', 'hrhead', 'hrbp', 'bhrbp', 'manager', 'employee', 'exec', 'auditor'] as const;
type Who = (typeof who)[number];
const username: Record<Exclude<Who, 'anon'>, string> = {
  admin: 'admin',
  grouphr: 'f-grouphr',
  hrhead: 'f-hrhead',
  hrbp: 'f-hrbp',
  bhrbp: 'f-bhrbp',
  manager: 'f-manager',
  employee: 'f-employee',
  exec: 'f-ceo',
  auditor: 'f-auditor',
};

type Ctx = { pipId: string; pol: PolicyCtx; f: OrgFixture; spareUserId: string; spareGrants: Record<string, string>; moveUnitId: string; emptyUnitId: string; imports: { ready: string; invalid: string; merged: string }; perf: { cycleId: string; closeCycleId: string; ruleId: string; candidateId: string }; integration: IntegrationCtx; delegations: Record<string, string> };
/** Policy versions: G in force (with a file), a G draft (with a file per role), B in review, a fresh subsidiary C, a question by a1Dev. */
type PolicyCtx = { inForce: string; hash: string; inForceFile: string; draft: string; files: Record<string, string>; inReview: string; freshOwner: string; question: string };
/** Per-role resources for the integration routes: each admin role disables, revokes and deletes its own. */
type IntegrationCtx = { accountId: string; accounts: Record<string, string>; tokens: Record<string, string>; webhookId: string; webhooks: Record<string, string> };
type Entry = {
  path: (c: Ctx, w: Who) => string;
  body?: (c: Ctx, w: Who) => unknown;
  /** A non-JSON body (multipart upload) with its headers. */
  raw?: (c: Ctx, w: Who) => { payload: Buffer; headers: Record<string, string> };
  /** Expected status per role; roles not listed get `otherwise`. */
  expect: Partial<Record<Who, number>>;
  otherwise: number;
  /** A successful call of this route must leave an audit record by the caller. */
  audits?: boolean;
  /** Run on a fresh session (the route ends or rotates it). */
  fresh?: boolean;
};

const peopleCsv = (no: string) => `工号,姓名,性别,部门编码,岗位,职级,入职日期\r\n${no},导入${no},男,A1,工程师,P5,2026-03-01`;
const importers = ['grouphr', 'hrhead', 'hrbp', 'bhrbp'] as const;

// who sees the draft plan (HR and auditors in scope, the manager who started it, the manager chain
// up to the CEO), and who may work on it (HR in scope and the plan's manager)
const pipSeers = ['grouphr', 'hrhead', 'hrbp', 'manager', 'auditor', 'exec'] as const;
const pipLeads = ['grouphr', 'hrhead', 'hrbp', 'manager'] as const;
const only = (status: number, ...ws: Who[]): Partial<Record<Who, number>> => Object.fromEntries(ws.map((w) => [w, status]));
const adminOnly = (status: number): Pick<Entry, 'expect' | 'otherwise'> => ({ expect: { anon: 401, admin: status }, otherwise: 403 });

// policies: readers overlap the owner's subtree; G's versions are written by group HR only
const policyReaders = ['grouphr', 'hrhead', 'hrbp', 'bhrbp', 'auditor'] as const;
const policyWrite = (status: number): Pick<Entry, 'expect' | 'otherwise'> => ({ expect: { anon: 401, grouphr: status, ...only(403, 'hrhead', 'hrbp', 'bhrbp', 'auditor') }, otherwise: 404 });
const policySections = { scope: '范围', start: '启动', goals: '目标', communication: '沟通', evaluation: '评估', outcomes: '结果' };

const matrix: Record<string, Entry> = {
  'GET /healthz': { path: () => '/healthz', expect: {}, otherwise: 503 },
  'GET /api/openapi.json': { path: () => '/api/openapi.json', expect: {}, otherwise: 200 },
  'GET /api/meta': { path: () => '/api/meta', expect: {}, otherwise: 200 },
  'POST /api/auth/login': { path: () => '/api/auth/login', body: (_c, w) => ({ username: `nobody-${w}`, password: 'wrong-password-1' }), expect: {}, otherwise: 401 },
  'POST /api/auth/logout': { path: () => '/api/auth/logout', expect: {}, otherwise: 200, fresh: true, audits: true },
  'GET /api/auth/me': { path: () => '/api/auth/me', expect: { anon: 401 }, otherwise: 200 },
  'POST /api/auth/password': { path: () => '/api/auth/password', body: () => ({ currentPassword: 'not-it', newPassword: 'Another-pass-1' }), expect: { anon: 401 }, otherwise: 400 },
  // WeCom: the callback URL authenticates by signature (none here → 400); the simulator's API
  // answers errcode envelopes on HTTP 200, its admin API needs its key
  'GET /api/wecom/callback': { path: () => '/api/wecom/callback', expect: {}, otherwise: 400 },
  'POST /api/wecom/callback': { path: () => '/api/wecom/callback', expect: {}, otherwise: 400 },
  'GET /api/wecom/oauth/start': { path: () => '/api/wecom/oauth/start?next=/inbox', expect: {}, otherwise: 302 },
  // a browser navigation: without a code (a cancelled authorisation) everyone goes back to /login?wecom=cancelled
  'GET /api/wecom/oauth/callback': { path: () => '/api/wecom/oauth/callback', expect: {}, otherwise: 302 },
  'GET /api/wecom/jssdk-config': { path: () => '/api/wecom/jssdk-config?url=https://elsewhere.example/page', expect: { anon: 401 }, otherwise: 400 },
  // group HR only; the test app does not listen, so WeCom itself is unavailable (503) once allowed
  'GET /api/wecom/contacts/reconcile': { path: () => '/api/wecom/contacts/reconcile', expect: { anon: 401, grouphr: 503 }, otherwise: 403 },
  'POST /api/wecom/contacts/links': { path: () => '/api/wecom/contacts/links', body: () => ({ links: [{ employeeId: '00000000-0000-4000-8000-000000000001', userid: 'nobody' }] }), expect: { anon: 401, grouphr: 503 }, otherwise: 403 },
  // contact sync: group HR and sys_admin
  'GET /api/wecom/sync/status': { path: () => '/api/wecom/sync/status', expect: { anon: 401, grouphr: 200, admin: 200 }, otherwise: 403 },
  'PUT /api/wecom/sync/settings': { path: () => '/api/wecom/sync/settings', body: () => ({ fields: { name: 'uplift' } }), expect: { anon: 401, grouphr: 200, admin: 200 }, otherwise: 403, audits: true },
  'POST /api/wecom/sync/preview': { path: () => '/api/wecom/sync/preview', body: () => ({ mode: 'full' }), expect: { anon: 401, grouphr: 503, admin: 503 }, otherwise: 403 },
  'GET /api/wecom/sync/runs/:id': { path: () => '/api/wecom/sync/runs/00000000-0000-4000-8000-000000000001', expect: { anon: 401, grouphr: 404, admin: 404 }, otherwise: 403 },
  'POST /api/wecom/sync/apply': { path: () => '/api/wecom/sync/apply', body: () => ({ previewId: '00000000-0000-4000-8000-000000000001' }), expect: { anon: 401, grouphr: 404, admin: 404 }, otherwise: 403 },
  // the simulator's knobs: the test app runs in demo mode, so anyone signed in
  'GET /api/wecom/sim/status': { path: () => '/api/wecom/sim/status', expect: { anon: 401 }, otherwise: 200 },
  'POST /api/wecom/sim/:action': { path: () => '/api/wecom/sim/sensitive', body: () => ({ strip: true }), expect: { anon: 401 }, otherwise: 200, audits: true },
  'GET /wecom-sim/cgi-bin/*': { path: () => '/wecom-sim/cgi-bin/gettoken', expect: {}, otherwise: 200 },
  'POST /wecom-sim/cgi-bin/*': { path: () => '/wecom-sim/cgi-bin/message/send', expect: {}, otherwise: 200 },
  'GET /wecom-sim/connect/oauth2/authorize': { path: () => '/wecom-sim/connect/oauth2/authorize', expect: {}, otherwise: 400 },
  'GET /wecom-sim/phone': { path: () => '/wecom-sim/phone', expect: {}, otherwise: 200 },
  'POST /wecom-sim/phone/click': { path: () => '/wecom-sim/phone/click', expect: {}, otherwise: 400 },
  'GET /wecom-sim/wwlogin/sso/login': { path: () => '/wecom-sim/wwlogin/sso/login', expect: {}, otherwise: 400 },
  'GET /wecom-sim/admin/:view': { path: () => '/wecom-sim/admin/stats', expect: {}, otherwise: 401 },
  'POST /wecom-sim/admin/:action': { path: () => '/wecom-sim/admin/fault', body: () => ({ errcode: -1 }), expect: {}, otherwise: 401 },
  'GET /api/notifications': { path: () => '/api/notifications', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/notifications/unread-count': { path: () => '/api/notifications/unread-count', expect: { anon: 401 }, otherwise: 200 },
  'POST /api/notifications/read': { path: () => '/api/notifications/read', body: () => ({ all: true }), expect: { anon: 401 }, otherwise: 200 },
  'GET /api/admin/dead-letters': { path: () => '/api/admin/dead-letters', ...adminOnly(200) },
  'POST /api/admin/dead-letters/:id/retry': { path: () => '/api/admin/dead-letters/999999/retry', ...adminOnly(404) },
  'GET /api/admin/users': { path: () => '/api/admin/users', ...adminOnly(200) },
  'POST /api/admin/users': { path: () => '/api/admin/users', body: (_c, w) => ({ username: `m-${w}`, displayName: w, password: FIXTURE_PASSWORD }), ...adminOnly(201), audits: true },
  'PATCH /api/admin/users/:id': { path: (c) => `/api/admin/users/${c.spareUserId}`, body: (_c, w) => ({ displayName: `spare by ${w}` }), ...adminOnly(200), audits: true },
  'GET /api/admin/audit/verify': { path: () => '/api/admin/audit/verify', ...adminOnly(200) },
  'GET /api/admin/audit': { path: () => '/api/admin/audit', ...adminOnly(200) },
  'POST /api/admin/audit/checkpoint': { path: () => '/api/admin/audit/checkpoint', ...adminOnly(200) },
  'GET /api/admin/backups': { path: () => '/api/admin/backups', ...adminOnly(200) },
  'POST /api/admin/backups': { path: () => '/api/admin/backups', ...adminOnly(201), audits: true },
  'GET /api/org/tree': { path: () => '/api/org/tree', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/org/units/:id': { path: (c) => `/api/org/units/${c.f.units.A1.id}`, expect: { anon: 401 }, otherwise: 200 },
  'POST /api/org/units': { path: () => '/api/org/units', body: (c, w) => ({ code: `M-${w}`, name: `部门${w}`, type: 'department', parentId: c.f.units.A.id }), expect: { anon: 401, ...only(201, 'grouphr', 'hrhead') }, otherwise: 403, audits: true },
  'PATCH /api/org/units/:id': { path: (c) => `/api/org/units/${c.f.units.A2.id}`, body: (_c, w) => ({ name: `二部 ${w}` }), expect: { anon: 401, ...only(200, 'grouphr', 'hrhead') }, otherwise: 403, audits: true },
  'POST /api/org/units/:id/move': { path: (c) => `/api/org/units/${c.moveUnitId}/move`, body: (c) => ({ parentId: c.f.units.A1.id }), expect: { anon: 401, ...only(200, 'grouphr', 'hrhead') }, otherwise: 403, audits: true },
  'POST /api/org/units/:id/deactivate': { path: (c) => `/api/org/units/${c.emptyUnitId}/deactivate`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead') }, otherwise: 403, audits: true },
  'GET /api/people': { path: () => '/api/people', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/people/:id': { path: (c) => `/api/people/${c.f.people.a1TDev!.id}`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp', 'manager', 'exec', 'auditor') }, otherwise: 404 },
  'POST /api/people': {
    path: () => '/api/people',
    body: (c, w) => ({ employeeNo: `M-${w}`, name: `新人${w}`, gender: 'male', unitId: c.f.units.A2.id, position: '工程师', grade: 'P3', hireDate: '2026-03-02' }),
    expect: { anon: 401, ...only(201, 'grouphr', 'hrhead'), ...only(400, 'hrbp', 'bhrbp') },
    otherwise: 403,
    audits: true,
  },
  'POST /api/people/:id/changes': {
    path: (c) => `/api/people/${c.f.people.a1TDev!.id}/changes`,
    body: (_c, w) => ({ effectiveDate: '2026-03-01', reason: '定级', grade: `P-${w}` }),
    expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp'), ...only(403, 'manager', 'exec', 'auditor') },
    otherwise: 404,
    audits: true,
  },
  'GET /api/people/:id/handover': { path: (c) => `/api/people/${c.f.people.a1Lead!.id}/handover`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp'), ...only(403, 'manager', 'exec', 'auditor') }, otherwise: 404 },
  'POST /api/people/:id/handover/reports': {
    path: (c) => `/api/people/${c.f.people.a2Dev!.id}/handover/reports`,
    body: (c) => ({ newManagerId: c.f.people.aLead!.id, effectiveDate: '2026-03-01', reason: '交接' }),
    expect: { anon: 401, ...only(200, 'grouphr', 'hrhead'), ...only(403, 'exec', 'auditor') },
    otherwise: 404,
  },
  'POST /api/people/accounts': {
    path: () => '/api/people/accounts',
    body: (c, w) => ({ employeeIds: [w === 'hrhead' ? c.f.people.aLead!.id : w === 'hrbp' ? c.f.people.a1TLead!.id : c.f.people.a1TDev!.id] }),
    expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp') },
    otherwise: 403,
    audits: true,
  },
  'POST /api/people/:id/account/reset': {
    path: (c) => `/api/people/${c.f.people.a2Dev!.id}/account/reset`,
    expect: { anon: 401, ...only(200, 'grouphr', 'hrhead'), ...only(403, 'exec', 'auditor') },
    otherwise: 404,
    audits: true,
  },
  'GET /api/access/accounts': { path: () => '/api/access/accounts?q=f-', expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403 },
  'GET /api/access/grants': { path: () => '/api/access/grants', expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403 },
  'POST /api/access/grants': { path: () => '/api/access/grants', body: (c, w) => ({ userId: c.spareUserId, role: w === 'admin' ? 'auditor' : 'executive', unitId: c.f.units.B.id }), expect: { anon: 401, ...only(201, 'admin', 'grouphr') }, otherwise: 403, audits: true },
  'DELETE /api/access/grants/:id': { path: (c, w) => `/api/access/grants/${c.spareGrants[w] ?? c.spareGrants.grouphr}`, expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403, audits: true },
  'GET /api/imports/types': { path: () => '/api/imports/types', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/imports/types/:type/template': { path: () => '/api/imports/types/employees/template', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/imports/mapping': { path: () => '/api/imports/mapping?type=employees', expect: { anon: 401, ...only(200, ...importers) }, otherwise: 403 },
  'POST /api/imports': { path: () => '/api/imports', raw: (_c, w) => multipart({ type: 'employees' }, { name: `${w}.csv`, content: peopleCsv(`PM-${w}`) }), expect: { anon: 401, ...only(201, ...importers) }, otherwise: 403 },
  'GET /api/imports': { path: () => '/api/imports', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/imports/:id': { path: (c) => `/api/imports/${c.imports.ready}`, expect: { anon: 401, ...only(200, 'grouphr', 'auditor') }, otherwise: 404 },
  'GET /api/imports/:id/errors': { path: (c) => `/api/imports/${c.imports.invalid}/errors`, expect: { anon: 401, ...only(200, 'grouphr', 'auditor') }, otherwise: 404 },
  'GET /api/imports/:id/error-file': { path: (c) => `/api/imports/${c.imports.invalid}/error-file`, expect: { anon: 401, ...only(200, 'grouphr', 'auditor') }, otherwise: 404 },
  'POST /api/imports/:id/merge': { path: (c) => `/api/imports/${c.imports.ready}/merge`, expect: { anon: 401, grouphr: 202, auditor: 403 }, otherwise: 404 },
  'POST /api/imports/:id/discard': { path: (c) => `/api/imports/${c.imports.invalid}/discard`, expect: { anon: 401, grouphr: 200, auditor: 403 }, otherwise: 404, audits: true },
  'POST /api/imports/:id/rollback': { path: (c) => `/api/imports/${c.imports.merged}/rollback`, expect: { anon: 401, grouphr: 200, auditor: 403 }, otherwise: 404, audits: true },
  'GET /api/performance/cycles': { path: () => '/api/performance/cycles', expect: { anon: 401 }, otherwise: 200 },
  'POST /api/performance/cycles': { path: () => '/api/performance/cycles', body: (c, w) => ({ code: `MC-${w}`, name: `周期${w}`, type: 'monthly', ownerUnitId: c.f.units.G.id, startDate: '2026-03-01', endDate: '2026-03-31' }), expect: { anon: 401, grouphr: 201 }, otherwise: 403, audits: true },
  'POST /api/performance/cycles/:id/close': { path: (c) => `/api/performance/cycles/${c.perf.closeCycleId}/close`, expect: { anon: 401, grouphr: 200 }, otherwise: 403, audits: true },
  'PUT /api/performance/results/:employeeId/:cycleId': {
    path: (c) => `/api/performance/results/${c.f.people.a1TDev!.id}/${c.perf.cycleId}`,
    body: () => ({ achievement: 70, reason: '核对后更正' }),
    expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp') },
    otherwise: 404,
    audits: true,
  },
  'GET /api/people/:id/performance': { path: (c) => `/api/people/${c.f.people.a1TDev!.id}/performance`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp', 'manager', 'exec', 'auditor') }, otherwise: 404 },
  'GET /api/calendar/years/:year': { path: () => '/api/calendar/years/2026', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/calendar/working-days': { path: () => '/api/calendar/working-days?from=2026-02-13&days=2', expect: { anon: 401 }, otherwise: 200 },
  'PUT /api/calendar/days': { path: () => '/api/calendar/days', body: (_c, w) => ({ date: w === 'admin' ? '2030-01-01' : '2030-01-02', city: null, kind: 'holiday', name: `测试${w}` }), expect: { anon: 401, admin: 200, grouphr: 200 }, otherwise: 403, audits: true },
  'DELETE /api/calendar/days': { path: () => '/api/calendar/days?date=2030-06-03', expect: { anon: 401, admin: 404, grouphr: 404 }, otherwise: 403 },
  'GET /api/performance/rules': { path: () => '/api/performance/rules', expect: { anon: 401, ...only(200, ...importers, 'auditor') }, otherwise: 403 },
  'POST /api/performance/rules': { path: () => '/api/performance/rules', body: (c, w) => ({ ownerUnitId: c.f.units.G.id, name: `规则${w}`, params: { kind: 'negative_feedback', count: 3, days: 30 }, scope: {} }), expect: { anon: 401, grouphr: 201 }, otherwise: 403, audits: true },
  'PUT /api/performance/rules/:id': { path: (c) => `/api/performance/rules/${c.perf.ruleId}`, body: (c, w) => ({ ownerUnitId: c.f.units.G.id, name: `改名${w}`, params: { kind: 'consecutive_below', cycleType: 'monthly', metric: 'achievement', threshold: 80, cycles: 1 }, scope: {} }), expect: { anon: 401, grouphr: 200 }, otherwise: 403, audits: true },
  'POST /api/performance/rules/:id/enable': { path: (c) => `/api/performance/rules/${c.perf.ruleId}/enable`, expect: { anon: 401, grouphr: 200 }, otherwise: 403 },
  'POST /api/performance/rules/:id/disable': { path: (c) => `/api/performance/rules/${c.perf.ruleId}/disable`, expect: { anon: 401, grouphr: 200 }, otherwise: 403, audits: true },
  'POST /api/performance/rules/preview': { path: () => '/api/performance/rules/preview', body: (c) => ({ ownerUnitId: c.f.units.G.id, name: '预览', params: { kind: 'negative_feedback', count: 1, days: 30 }, scope: {} }), expect: { anon: 401, ...only(200, ...importers, 'auditor') }, otherwise: 403 },
  'GET /api/performance/candidates': { path: () => '/api/performance/candidates', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/performance/candidates/:id': { path: (c) => `/api/performance/candidates/${c.perf.candidateId}`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp', 'manager', 'exec') }, otherwise: 404 },
  'POST /api/performance/candidates/:id/assign': { path: (c) => `/api/performance/candidates/${c.perf.candidateId}/assign`, body: (c) => ({ hrbpId: c.f.people.a1Hrbp!.id }), expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp'), ...only(403, 'manager', 'exec') }, otherwise: 404, audits: true },
  'POST /api/performance/candidates/:id/dismiss': { path: (c) => `/api/performance/candidates/${c.perf.candidateId}/dismiss`, body: () => ({ reason: '已沟通，暂不处理' }), expect: { anon: 401, grouphr: 200, ...only(409, 'hrhead', 'hrbp'), ...only(403, 'manager', 'exec') }, otherwise: 404, audits: true },
  'GET /api/templates/group': { path: () => '/api/templates/group', expect: { anon: 401, ...only(200, ...importers, 'auditor') }, otherwise: 403 },
  'PUT /api/templates/group': { path: () => '/api/templates/group', body: (_c, w) => ({ name: `模板 ${w}`, settings: defaultTemplateSettings(defaultPolicySettings) }), expect: { anon: 401, grouphr: 200 }, otherwise: 403, audits: true },
  'GET /api/templates/overrides': { path: () => '/api/templates/overrides', expect: { anon: 401, ...only(200, ...importers, 'auditor') }, otherwise: 403 },
  'GET /api/templates/overrides/:unitId': { path: (c) => `/api/templates/overrides/${c.f.units.A1.id}`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp', 'auditor'), bhrbp: 404 }, otherwise: 403 },
  'PUT /api/templates/overrides/:unitId': {
    path: (c) => `/api/templates/overrides/${c.f.units.A1.id}`,
    body: () => ({ values: { duration: { defaultDays: 45, minDays: 30, maxDays: 60 } } }),
    expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp'), bhrbp: 404 },
    otherwise: 403,
    audits: true,
  },
  // each writer removes its own unit's override (made in beforeAll)
  'DELETE /api/templates/overrides/:unitId': { path: (c, w) => `/api/templates/overrides/${(w === 'grouphr' ? c.f.units.B1 : w === 'hrhead' ? c.f.units.A2 : c.f.units.A1T).id}`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp'), bhrbp: 404 }, otherwise: 403, audits: true },
  'GET /api/templates/effective/:employeeId': { path: (c) => `/api/templates/effective/${c.f.people.a1TDev!.id}`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp', 'manager', 'exec', 'auditor') }, otherwise: 404 },
  // a draft plan of a1Dev started by their manager: the employee does not see it yet
  'GET /api/pips': { path: () => '/api/pips', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/pips/todos': { path: () => '/api/pips/todos', expect: { anon: 401 }, otherwise: 200 },
  'POST /api/pips': { path: () => '/api/pips', body: (c) => ({ employeeId: c.f.people.a1TDev!.id, problemType: 'performance', manualReason: '连续绩效未达标', plannedStart: '2026-03-09', plannedEnd: '2026-03-12' }), expect: { anon: 401, ...only(400, 'grouphr', 'hrhead', 'hrbp', 'manager', 'exec'), auditor: 403 }, otherwise: 404 },
  // out-of-office delegation: everyone with an employee record sets their own (admin has none)
  'GET /api/pips/delegations': { path: () => '/api/pips/delegations', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/pips/delegates': { path: () => '/api/pips/delegates?q=', expect: { anon: 401 }, otherwise: 200 },
  'POST /api/pips/delegations': { path: () => '/api/pips/delegations', body: (c, w) => ({ delegateId: w === 'hrhead' ? c.f.people.groupHr!.id : c.f.people.aHr!.id, from: '2026-03-10', to: '2026-03-12' }), expect: { anon: 401, admin: 400 }, otherwise: 201, audits: true },
  // each role revokes its own (admin has none: another's is not found)
  'DELETE /api/pips/delegations/:id': { path: (c, w) => `/api/pips/delegations/${c.delegations[w] ?? c.delegations.employee}`, expect: { anon: 401, admin: 404 }, otherwise: 200, audits: true },
  'GET /api/pips/:id': { path: (c) => `/api/pips/${c.pipId}`, expect: { anon: 401, ...only(200, ...pipSeers) }, otherwise: 404 },
  'PATCH /api/pips/:id': { path: (c) => `/api/pips/${c.pipId}`, body: () => ({ plannedEnd: '2026-04-08' }), expect: { anon: 401, ...only(200, ...pipLeads), ...only(403, 'auditor', 'exec') }, otherwise: 404, audits: true },
  'POST /api/pips/:id/actions/:action': { path: (c) => `/api/pips/${c.pipId}/actions/withdraw`, body: () => ({}), expect: { anon: 401, ...only(409, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/approvals/:stepId/delegate': { path: (c) => `/api/pips/${c.pipId}/approvals/${c.pipId}/delegate`, body: (c) => ({ delegateId: c.f.people.aHr!.id }), expect: { anon: 401, ...only(409, ...pipSeers) }, otherwise: 404 },
  'PUT /api/pips/:id/goals': { path: (c) => `/api/pips/${c.pipId}/goals`, body: () => ({ goals: [] }), expect: { anon: 401, ...only(409, ...pipLeads), ...only(403, 'auditor', 'exec') }, otherwise: 404 },
  'GET /api/pips/:id/acknowledgment': { path: (c) => `/api/pips/${c.pipId}/acknowledgment`, expect: { anon: 401, ...only(200, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/acknowledge': { path: (c) => `/api/pips/${c.pipId}/acknowledge`, body: () => ({ version: 0, sha256: 'a'.repeat(64) }), expect: { anon: 401, ...only(409, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/refusal': { path: (c) => `/api/pips/${c.pipId}/refusal`, body: (c) => ({ witnessEmployeeId: c.f.people.aHr!.id, note: '拒签' }), expect: { anon: 401, ...only(409, ...pipSeers) }, otherwise: 404 },
  // the draft plan has no outcome: proposing is refused by state for those who may propose (outcomes.test.ts: each step's roles)
  'POST /api/pips/:id/outcome': { path: (c) => `/api/pips/${c.pipId}/outcome`, body: () => ({ outcome: 'passed', note: '通过' }), expect: { anon: 401, ...only(409, 'grouphr', 'hrhead', 'hrbp', 'manager'), ...only(403, 'auditor', 'exec') }, otherwise: 404 },
  'GET /api/pips/:id/outcomes': { path: (c) => `/api/pips/${c.pipId}/outcomes`, expect: { anon: 401, ...only(200, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/outcome/:outcomeId/confirm': { path: (c) => `/api/pips/${c.pipId}/outcome/${c.pipId}/confirm`, expect: { anon: 401 }, otherwise: 404 },
  'POST /api/pips/:id/outcome/:outcomeId/return': { path: (c) => `/api/pips/${c.pipId}/outcome/${c.pipId}/return`, body: () => ({ comment: '退回' }), expect: { anon: 401 }, otherwise: 404 },
  'GET /api/pips/:id/outcome/receipt': { path: (c) => `/api/pips/${c.pipId}/outcome/receipt`, expect: { anon: 401, ...only(409, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/outcome/acknowledge': { path: (c) => `/api/pips/${c.pipId}/outcome/acknowledge`, body: () => ({ sha256: 'a'.repeat(64) }), expect: { anon: 401, ...only(403, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/outcome/refusal': { path: (c) => `/api/pips/${c.pipId}/outcome/refusal`, body: (c) => ({ witnessEmployeeId: c.f.people.aHr!.id, note: '拒签' }), expect: { anon: 401, ...only(409, 'grouphr', 'hrhead', 'hrbp'), ...only(403, 'manager', 'auditor', 'exec') }, otherwise: 404 },
  'POST /api/pips/:id/trainings': { path: (c) => `/api/pips/${c.pipId}/trainings`, body: (c) => ({ topic: '培训', gap: '差距', goalIds: [c.pipId], startsOn: '2026-03-10', endsOn: '2026-03-11', trainer: '讲师' }), expect: { anon: 401, ...only(409, ...pipLeads), ...only(403, 'auditor', 'exec') }, otherwise: 404 },
  'PUT /api/pips/:id/trainings/:trainingId': { path: (c) => `/api/pips/${c.pipId}/trainings/${c.pipId}`, body: (c) => ({ topic: '培训', gap: '差距', goalIds: [c.pipId], startsOn: '2026-03-10', endsOn: '2026-03-11', trainer: '讲师' }), expect: { anon: 401, ...only(409, ...pipLeads), ...only(403, 'auditor', 'exec') }, otherwise: 404 },
  'POST /api/pips/:id/role-adjustments': { path: (c) => `/api/pips/${c.pipId}/role-adjustments`, body: () => ({ toPosition: '销售助理', effectiveOn: '2026-03-20', reason: '原因', relation: '关联' }), expect: { anon: 401, ...only(409, 'grouphr', 'hrhead', 'hrbp'), ...only(403, 'manager', 'auditor', 'exec') }, otherwise: 404 },
  'POST /api/pips/:id/role-adjustments/:adjustmentId/acknowledge': { path: (c) => `/api/pips/${c.pipId}/role-adjustments/${c.pipId}/acknowledge`, body: () => ({ sha256: 'a'.repeat(64) }), expect: { anon: 401, ...only(403, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/role-adjustments/:adjustmentId/refusal': { path: (c) => `/api/pips/${c.pipId}/role-adjustments/${c.pipId}/refusal`, body: (c) => ({ witnessEmployeeId: c.f.people.aHr!.id, note: '拒签' }), expect: { anon: 401, ...only(404, 'grouphr', 'hrhead', 'hrbp'), ...only(403, 'manager', 'auditor', 'exec') }, otherwise: 404 },
  'POST /api/pips/:id/reassessments': { path: (c) => `/api/pips/${c.pipId}/reassessments`, body: () => ({}), expect: { anon: 401, ...only(409, ...pipLeads), ...only(403, 'auditor', 'exec') }, otherwise: 404 },
  'GET /api/pips/:id/timeline': { path: (c) => `/api/pips/${c.pipId}/timeline`, expect: { anon: 401, ...only(200, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/comments': { path: (c) => `/api/pips/${c.pipId}/comments`, body: (_c, w) => ({ body: `评论 ${w}` }), expect: { anon: 401, ...only(201, ...pipLeads), ...only(403, 'auditor', 'exec') }, otherwise: 404, audits: true },
  'POST /api/pips/:id/appeals': { path: (c) => `/api/pips/${c.pipId}/appeals`, body: () => ({ body: '申诉' }), expect: { anon: 401, ...only(403, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/appeals/:appealId/answer': { path: (c) => `/api/pips/${c.pipId}/appeals/${c.pipId}/answer`, body: () => ({ status: 'dismissed', answer: '答复' }), expect: { anon: 401 }, otherwise: 404 },
  // check-ins of the draft plan (none yet; nothing may be arranged before it runs); an unknown check-in is not found
  'GET /api/pips/:id/checkins': { path: (c) => `/api/pips/${c.pipId}/checkins`, expect: { anon: 401, ...only(200, ...pipSeers) }, otherwise: 404 },
  'POST /api/pips/:id/checkins': { path: (c) => `/api/pips/${c.pipId}/checkins`, body: () => ({}), expect: { anon: 401, ...only(409, ...pipLeads), ...only(403, 'auditor', 'exec') }, otherwise: 404 },
  'GET /api/checkins/overdue': { path: () => '/api/checkins/overdue', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/checkins/:id': { path: (c) => `/api/checkins/${c.pipId}`, expect: { anon: 401 }, otherwise: 404 },
  'POST /api/checkins/:id/reschedule': { path: (c) => `/api/checkins/${c.pipId}/reschedule`, body: () => ({ date: '2026-03-20', time: '10:00', reason: '改期' }), expect: { anon: 401 }, otherwise: 404 },
  'POST /api/checkins/:id/cancel': { path: (c) => `/api/checkins/${c.pipId}/cancel`, body: () => ({ reason: '取消' }), expect: { anon: 401 }, otherwise: 404 },
  'PUT /api/checkins/:id/minutes': { path: (c) => `/api/checkins/${c.pipId}/minutes`, body: () => ({ minutes: '纪要', progress: [] }), expect: { anon: 401 }, otherwise: 404 },
  'POST /api/checkins/:id/comments': { path: (c) => `/api/checkins/${c.pipId}/comments`, body: () => ({ body: '评论' }), expect: { anon: 401 }, otherwise: 404 },
  'POST /api/checkins/:id/confirm': { path: (c) => `/api/checkins/${c.pipId}/confirm`, expect: { anon: 401 }, otherwise: 404 },
  'GET /api/checkins/upcoming': { path: () => '/api/checkins/upcoming', expect: { anon: 401 }, otherwise: 200 },
  // evaluations of the draft plan (none yet); an unknown evaluation is not found (each part's roles: evaluations.test.ts)
  'GET /api/pips/:id/evaluations': { path: (c) => `/api/pips/${c.pipId}/evaluations`, expect: { anon: 401, ...only(200, ...pipSeers) }, otherwise: 404 },
  'GET /api/evaluations/overdue': { path: () => '/api/evaluations/overdue', expect: { anon: 401 }, otherwise: 200 },
  'GET /api/evaluations/:id': { path: (c) => `/api/evaluations/${c.pipId}`, expect: { anon: 401 }, otherwise: 404 },
  'PUT /api/evaluations/:id/manager': { path: (c) => `/api/evaluations/${c.pipId}/manager`, body: (c) => ({ goals: [{ goalId: c.pipId, rating: '达成', percent: 100 }], overall: '达成', summary: '评估' }), expect: { anon: 401 }, otherwise: 404 },
  'PUT /api/evaluations/:id/self': { path: (c) => `/api/evaluations/${c.pipId}/self`, body: (c) => ({ goals: [{ goalId: c.pipId, rating: '达成' }], summary: '自评' }), expect: { anon: 401 }, otherwise: 404 },
  'PUT /api/evaluations/:id/hrbp': { path: (c) => `/api/evaluations/${c.pipId}/hrbp`, body: () => ({ comment: '评语' }), expect: { anon: 401 }, otherwise: 404 },
  'GET /api/people/:id/pips': { path: (c) => `/api/people/${c.f.people.a1Dev!.id}/pips`, expect: { anon: 401 }, otherwise: 200 },
  'GET /api/integration/service-accounts': { path: () => '/api/integration/service-accounts', expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403 },
  'POST /api/integration/service-accounts': { path: () => '/api/integration/service-accounts', body: (_c, w) => ({ name: `MX ${w}` }), expect: { anon: 401, ...only(201, 'admin', 'grouphr') }, otherwise: 403, audits: true },
  'POST /api/integration/service-accounts/:id/disable': { path: (c, w) => `/api/integration/service-accounts/${c.integration.accounts[w] ?? c.integration.accounts.grouphr}/disable`, expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403, audits: true },
  'GET /api/integration/service-accounts/:id/tokens': { path: (c) => `/api/integration/service-accounts/${c.integration.accountId}/tokens`, expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403 },
  'POST /api/integration/service-accounts/:id/tokens': {
    path: (c) => `/api/integration/service-accounts/${c.integration.accountId}/tokens`,
    body: (c, w) => ({ name: `MX ${w}`, operations: ['results:write'], unitIds: [c.f.units.A.id], expiresAt: '2026-12-31T00:00:00.000Z' }),
    expect: { anon: 401, ...only(201, 'admin', 'grouphr') },
    otherwise: 403,
    audits: true,
  },
  'POST /api/integration/tokens/:id/revoke': { path: (c, w) => `/api/integration/tokens/${c.integration.tokens[w] ?? c.integration.tokens.grouphr}/revoke`, expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403, audits: true },
  'GET /api/integration/webhooks': { path: () => '/api/integration/webhooks', expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403 },
  'POST /api/integration/webhooks': { path: () => '/api/integration/webhooks', body: (_c, w) => ({ name: `MX ${w}`, url: 'https://erp.example.com/hooks', events: ['candidate.created'], active: false }), expect: { anon: 401, ...only(201, 'admin', 'grouphr') }, otherwise: 403, audits: true },
  'PATCH /api/integration/webhooks/:id': { path: (c) => `/api/integration/webhooks/${c.integration.webhookId}`, body: (_c, w) => ({ name: `renamed by ${w}` }), expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403, audits: true },
  'DELETE /api/integration/webhooks/:id': { path: (c, w) => `/api/integration/webhooks/${c.integration.webhooks[w] ?? c.integration.webhooks.grouphr}`, expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403, audits: true },
  'GET /api/integration/webhooks/:id/deliveries': { path: (c) => `/api/integration/webhooks/${c.integration.webhookId}/deliveries`, expect: { anon: 401, ...only(200, 'admin', 'grouphr') }, otherwise: 403 },
  'POST /api/integration/webhook-deliveries/:id/retry': { path: () => '/api/integration/webhook-deliveries/999999/retry', expect: { anon: 401, ...only(404, 'admin', 'grouphr') }, otherwise: 403 },
  // machine routes take bearer tokens only: no cookie role gets in
  'POST /api/v1/performance/results::batch': { path: () => '/api/v1/performance/results:batch', body: () => ({ items: [{}] }), expect: {}, otherwise: 401 },
  'POST /api/v1/work-logs::batch': { path: () => '/api/v1/work-logs:batch', body: () => ({ items: [{}] }), expect: {}, otherwise: 401 },
  'POST /api/v1/customer-feedback::batch': { path: () => '/api/v1/customer-feedback:batch', body: () => ({ items: [{}] }), expect: {}, otherwise: 401 },
  'GET /api/policies': { path: () => '/api/policies', expect: { anon: 401, ...only(200, ...importers, 'auditor') }, otherwise: 403 },
  'POST /api/policies/:ownerId/versions': {
    path: (c, w) => `/api/policies/${w === 'grouphr' ? c.pol.freshOwner : c.f.units.A.id}/versions`,
    body: (_c, w) => ({ title: `制度 ${w}`, sections: policySections, settings: defaultPolicySettings }),
    expect: { anon: 401, ...only(201, 'grouphr', 'hrhead') },
    otherwise: 403,
    audits: true,
  },
  'GET /api/policy-versions/:id': { path: (c) => `/api/policy-versions/${c.pol.inForce}`, expect: { anon: 401, ...only(200, ...policyReaders) }, otherwise: 404 },
  'PUT /api/policy-versions/:id': { path: (c) => `/api/policy-versions/${c.pol.draft}`, body: (_c, w) => ({ title: `改 ${w}`, sections: policySections, settings: defaultPolicySettings }), ...policyWrite(200), audits: true },
  'PUT /api/policy-versions/:id/adoption': { path: (c) => `/api/policy-versions/${c.pol.draft}/adoption`, body: () => ({ procedure: 'workers_congress', date: '2026-02-01', notes: '' }), ...policyWrite(200), audits: true },
  'POST /api/policy-versions/:id/submit': { path: (c) => `/api/policy-versions/${c.pol.draft}/submit`, ...policyWrite(200), audits: true },
  'POST /api/policy-versions/:id/return': { path: (c) => `/api/policy-versions/${c.pol.draft}/return`, body: () => ({ note: '再改改' }), ...policyWrite(200), audits: true },
  'POST /api/policy-versions/:id/publish': {
    path: (c) => `/api/policy-versions/${c.pol.inReview}/publish`,
    body: () => ({ effectiveFrom: '2026-03-02' }),
    expect: { anon: 401, grouphr: 200, ...only(403, 'bhrbp', 'auditor') },
    otherwise: 404,
    audits: true,
  },
  'GET /api/policy-versions/:id/diff': { path: (c) => `/api/policy-versions/${c.pol.inForce}/diff`, expect: { anon: 401, ...only(200, ...policyReaders) }, otherwise: 404 },
  'GET /api/my/policies': { path: () => '/api/my/policies', expect: { anon: 401 }, otherwise: 200 },
  'POST /api/policy-versions/:id/confirm': { path: (c) => `/api/policy-versions/${c.pol.inForce}/confirm`, body: (c) => ({ contentSha256: c.pol.hash }), expect: { anon: 401, admin: 404 }, otherwise: 200, audits: true },
  'POST /api/policy-versions/:id/refusals': {
    path: (c) => `/api/policy-versions/${c.pol.inForce}/refusals`,
    body: (c, w) => ({ employeeId: c.f.people[({ grouphr: 'a2Dev', hrhead: 'a1TLead', hrbp: 'a1TDev', bhrbp: 'b1Dev' } as Record<string, string>)[w] ?? 'a1TDev']!.id, witnessEmployeeId: c.f.people.ceo!.id, note: '拒绝签字' }),
    expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp', 'bhrbp') },
    otherwise: 404,
    audits: true,
  },
  'GET /api/policy-versions/:id/acknowledgments/summary': { path: (c) => `/api/policy-versions/${c.pol.inForce}/acknowledgments/summary`, expect: { anon: 401, ...only(200, ...policyReaders) }, otherwise: 404 },
  'GET /api/policy-versions/:id/acknowledgments': { path: (c) => `/api/policy-versions/${c.pol.inForce}/acknowledgments`, expect: { anon: 401, ...only(200, ...policyReaders) }, otherwise: 404 },
  'GET /api/policy-versions/:id/acknowledgments/export': { path: (c) => `/api/policy-versions/${c.pol.inForce}/acknowledgments/export`, expect: { anon: 401, ...only(200, ...policyReaders) }, otherwise: 404 },
  'GET /api/policies/:ownerId/questions': { path: (c) => `/api/policies/${c.f.units.G.id}/questions`, expect: { anon: 401, admin: 404 }, otherwise: 200 },
  'GET /api/policies/:ownerId/faq': { path: (c) => `/api/policies/${c.f.units.G.id}/faq`, expect: { anon: 401, admin: 404 }, otherwise: 200 },
  'POST /api/policies/:ownerId/questions': { path: (c) => `/api/policies/${c.f.units.G.id}/questions`, body: (_c, w) => ({ question: `问题 ${w}` }), expect: { anon: 401, admin: 404 }, otherwise: 201, audits: true },
  'POST /api/policy-questions/:id/answer': { path: (c) => `/api/policy-questions/${c.pol.question}/answer`, body: () => ({ answer: '答复' }), expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp') }, otherwise: 404, audits: true },
  'POST /api/policy-questions/:id/faq': { path: (c) => `/api/policy-questions/${c.pol.question}/faq`, body: () => ({ published: true }), expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp') }, otherwise: 404, audits: true },
  'POST /api/files': { path: () => '/api/files', raw: (c, w) => multipart({ ownerType: 'policy_version', ownerId: c.pol.draft }, { name: `${w}.pdf`, content: '%PDF', type: 'application/pdf' }), ...policyWrite(201), audits: true },
  'GET /api/files/:id': { path: (c) => `/api/files/${c.pol.inForceFile}`, expect: { anon: 401, ...only(200, ...policyReaders) }, otherwise: 404 },
  'DELETE /api/files/:id': { path: (c, w) => `/api/files/${c.pol.files[w] ?? c.pol.files.grouphr}`, ...policyWrite(200), audits: true },
  // compliance: 第四十二条 records are HR in scope only (403 without an HR role, 404 outside the scope);
  // the guard and a proposal are for HR in scope and the plan's HRBP (the draft plan is not in follow-up: 409);
  // reviews are also read by auditors in scope; an unknown situation or review is not found
  'GET /api/people/:id/protected-situations': { path: (c) => `/api/people/${c.f.people.a1Dev!.id}/protected-situations`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp'), bhrbp: 404 }, otherwise: 403, audits: true },
  'POST /api/people/:id/protected-situations': { path: (c) => `/api/people/${c.f.people.a1Dev!.id}/protected-situations`, body: () => ({ kind: 'nursing', from: '2026-03-01' }), expect: { anon: 401, ...only(201, 'grouphr', 'hrhead', 'hrbp'), bhrbp: 404 }, otherwise: 403, audits: true },
  'POST /api/people/:id/protected-situations/:situationId/end': { path: (c) => `/api/people/${c.f.people.a1Dev!.id}/protected-situations/${c.pipId}/end`, body: () => ({ to: '2026-03-31' }), expect: { anon: 401, ...only(404, 'grouphr', 'hrhead', 'hrbp', 'bhrbp') }, otherwise: 403 },
  'PUT /api/people/:id/retirement': { path: (c) => `/api/people/${c.f.people.a1Dev!.id}/retirement`, body: () => ({ source: 'entered', date: '2050-01-01' }), expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp'), bhrbp: 404 }, otherwise: 403, audits: true },
  'GET /api/pips/:id/guard': { path: (c) => `/api/pips/${c.pipId}/guard`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp'), ...only(403, 'manager', 'auditor', 'exec') }, otherwise: 404 },
  'POST /api/pips/:id/termination-review': {
    path: (c) => `/api/pips/${c.pipId}/termination-review`,
    body: () => ({ union: { date: '2026-03-01', note: '通知工会' }, noticeMode: 'notice', wages: { averageMonthly: 1_000_000, lastMonth: 1_000_000, localAverageMonthly: 1_200_000 } }),
    expect: { anon: 401, ...only(409, 'grouphr', 'hrhead', 'hrbp'), ...only(403, 'manager', 'auditor', 'exec') },
    otherwise: 404,
  },
  'POST /api/pips/:id/termination-review/:reviewId/decide': { path: (c) => `/api/pips/${c.pipId}/termination-review/${c.pipId}/decide`, body: () => ({ decision: 'approved', note: '同意' }), expect: { anon: 401, ...only(403, 'manager', 'auditor', 'exec') }, otherwise: 404 },
  'GET /api/pips/:id/termination-reviews': { path: (c) => `/api/pips/${c.pipId}/termination-reviews`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp', 'auditor'), ...only(403, 'manager', 'exec') }, otherwise: 404 },
  // the evidence package of the draft plan: auditors and HR in scope export it (audited); the manager and the CEO see the plan but may not
  'GET /api/pips/:id/evidence': { path: (c) => `/api/pips/${c.pipId}/evidence`, expect: { anon: 401, ...only(200, 'grouphr', 'hrhead', 'hrbp', 'auditor'), ...only(403, 'manager', 'exec') }, otherwise: 404, audits: true },
};

let t: TestApp;
let ctx: Ctx;
const clients = new Map<Who, Client>();

beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  const f = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  const admin = await t.login();
  const spare = (await admin.request('POST', '/api/admin/users', { username: 'f-spare', displayName: 'spare', password: FIXTURE_PASSWORD })).json();
  const grouphr = await t.login('f-grouphr', FIXTURE_PASSWORD);
  const spareGrants: Record<string, string> = {};
  for (const [w, unit] of [['admin', f.units.A1], ['grouphr', f.units.A2]] as const) {
    spareGrants[w] = (await grouphr.request('POST', '/api/access/grants', { userId: spare.user.id, role: 'hrbp', unitId: unit.id })).json().id;
  }
  expect((await grouphr.request('POST', '/api/people/accounts', { employeeIds: [f.people.a2Dev!.id] })).json().issued).toHaveLength(1);
  const moveUnitId = (await grouphr.request('POST', '/api/org/units', { code: 'MOVE', name: '待迁移', type: 'team', parentId: f.units.A1.id })).json().id;
  const emptyUnitId = (await grouphr.request('POST', '/api/org/units', { code: 'EMPTY', name: '空部门', type: 'department', parentId: f.units.A.id })).json().id;
  const uploaded = async (no: string) => {
    const body = multipart({ type: 'employees' }, { name: `${no}.csv`, content: peopleCsv(no) });
    const id = (await grouphr.request('POST', '/api/imports', body.payload, body.headers)).json().id as string;
    await t.services.imports.idle();
    return id;
  };
  const merged = await uploaded('PM-MERGED');
  expect((await grouphr.request('POST', `/api/imports/${merged}/merge`)).statusCode).toBe(202);
  await t.services.imports.idle();
  const imports = { ready: await uploaded('PM-READY'), invalid: await uploaded('bad no!'), merged };
  // a closed month with a result below 80% for a1TDev, a rule that flags it, and its candidate
  const cycleId = (await grouphr.request('POST', '/api/performance/cycles', { code: 'M1', name: '一月', type: 'monthly', ownerUnitId: f.units.G.id, startDate: '2026-01-01', endDate: '2026-01-31' })).json().id as string;
  expect((await grouphr.request('PUT', `/api/performance/results/${f.people.a1TDev!.id}/${cycleId}`, { achievement: 60 })).statusCode).toBe(200);
  const ruleId = (await grouphr.request('POST', '/api/performance/rules', { ownerUnitId: f.units.G.id, name: '月度低于80', params: { kind: 'consecutive_below', cycleType: 'monthly', metric: 'achievement', threshold: 80, cycles: 1 }, scope: {} })).json().id as string;
  // closing another type's cycle leaves this rule's run alone
  const closeCycleId = (await grouphr.request('POST', '/api/performance/cycles', { code: 'Y1', name: '年度', type: 'annual', ownerUnitId: f.units.G.id, startDate: '2026-01-01', endDate: '2026-12-31' })).json().id as string;
  expect((await grouphr.request('POST', `/api/performance/cycles/${cycleId}/close`)).statusCode).toBe(200);
  expect((await grouphr.request('POST', `/api/performance/rules/${ruleId}/enable`)).statusCode).toBe(200);
  const candidateId = (await grouphr.request('GET', `/api/performance/candidates?ruleId=${ruleId}`)).json().items[0].id as string;
  const perf = { cycleId, closeCycleId, ruleId, candidateId };
  const integration = await integrationFixture(grouphr, await t.login(), f);
  // the group template, and an override for each writer to remove
  expect((await grouphr.request('PUT', '/api/templates/group', { name: '模板', settings: defaultTemplateSettings(defaultPolicySettings) })).statusCode).toBe(200);
  for (const u of [f.units.B1, f.units.A2, f.units.A1T]) expect((await grouphr.request('PUT', `/api/templates/overrides/${u.id}`, { values: { duration: { defaultDays: 45, minDays: 30, maxDays: 60 } } })).statusCode).toBe(200);
  const pol = await policyFixture(grouphr, await t.login('f-employee', FIXTURE_PASSWORD), f);
  // a draft plan of a1Dev under the G policy in force
  const manager = await t.login('f-manager', FIXTURE_PASSWORD);
  const pip = await manager.request('POST', '/api/pips', { employeeId: f.people.a1Dev!.id, problemType: 'performance', manualReason: '连续绩效未达标', plannedStart: '2026-03-09', plannedEnd: '2026-04-07' });
  expect(pip.statusCode, pip.body).toBe(201);
  for (const w of who) clients.set(w, w === 'anon' ? t.anonymous : await t.login(username[w], w === 'admin' ? undefined : FIXTURE_PASSWORD));
  // an away delegation of each role with an employee record, for it to revoke
  const delegations: Record<string, string> = {};
  for (const w of who.filter((x) => x !== 'anon' && x !== 'admin')) {
    const d = await clients.get(w)!.request('POST', '/api/pips/delegations', { delegateId: w === 'hrhead' ? f.people.groupHr!.id : f.people.aHr!.id, from: '2026-04-01', to: '2026-04-02' });
    expect(d.statusCode, d.body).toBe(201);
    delegations[w] = d.json().id as string;
  }
  ctx = { pipId: pip.json().id as string, pol, f, spareUserId: spare.user.id, spareGrants, moveUnitId, emptyUnitId, imports, perf, integration, delegations };
});
afterAll(async () => {
  await t.close();
});

describe('permission matrix', () => {
  it('declares every route the server has, and nothing else', () => {
    const actual = t.app.routeTable
      .filter((r) => !r.url.startsWith('/docs') && r.url !== '*')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(actual).toEqual(Object.keys(matrix).sort());
  });

  for (const [route, entry] of Object.entries(matrix)) {
    it(`${route}: each role gets what it may`, async () => {
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'DELETE';
      for (const w of who) {
        const expected = entry.expect[w] ?? entry.otherwise;
        // healthz is 200 while jobs run
        const want = route === 'GET /healthz' ? 200 : expected;
        const client = entry.fresh && w !== 'anon' ? await t.login(username[w], w === 'admin' ? undefined : FIXTURE_PASSWORD) : clients.get(w)!;
        const [before] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where actor_label = ${w === 'anon' ? 'anonymous' : username[w]}`);
        const raw = entry.raw?.(ctx, w);
        const res = await client.request(method, entry.path(ctx, w), raw ? raw.payload : entry.body?.(ctx, w), raw?.headers);
        expect(res.statusCode, `${route} as ${w}: ${res.body.slice(0, 200)}`).toBe(want);
        if (want >= 400) expect(res.json().error.code, `${route} as ${w}`).toBeTruthy();
        if (entry.audits && want < 300 && w !== 'anon') {
          const [after] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where actor_label = ${username[w]}`);
          expect(after!.n, `${route} as ${w} leaves an audit record`).toBeGreaterThan(before!.n);
        }
      }
    });
  }
});

/** A service account with a token per admin role, and a webhook subscription per admin role (all inactive). */
async function integrationFixture(grouphr: Client, admin: Client, f: OrgFixture): Promise<IntegrationCtx> {
  const accounts: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const webhooks: Record<string, string> = {};
  const accountId = (await grouphr.request('POST', '/api/integration/service-accounts', { name: 'Matrix ERP' })).json().id as string;
  for (const [w, c] of [['admin', admin], ['grouphr', grouphr]] as const) {
    accounts[w] = (await c.request('POST', '/api/integration/service-accounts', { name: `Matrix ${w}` })).json().id as string;
    const issued = await c.request('POST', `/api/integration/service-accounts/${accountId}/tokens`, { name: w, operations: ['work_logs:write'], unitIds: [f.units.A.id], expiresAt: '2026-12-31T00:00:00.000Z' });
    tokens[w] = issued.json().token.id as string;
    webhooks[w] = (await c.request('POST', '/api/integration/webhooks', { name: `Matrix ${w}`, url: 'https://erp.example.com/hooks', events: ['employee.updated'], active: false })).json().subscription.id as string;
  }
  const webhookId = (await grouphr.request('POST', '/api/integration/webhooks', { name: 'Matrix', url: 'https://erp.example.com/hooks', events: ['candidate.created'], active: false })).json().subscription.id as string;
  return { accountId, accounts, tokens, webhookId, webhooks };
}

async function policyFixture(grouphr: Client, employee: Client, f: OrgFixture): Promise<PolicyCtx> {
  const draft = async (ownerId: string) => (await grouphr.request('POST', `/api/policies/${ownerId}/versions`, { title: '制度', sections: policySections, settings: defaultPolicySettings })).json().id as string;
  const upload = async (id: string, name: string) => {
    const body = multipart({ ownerType: 'policy_version', ownerId: id }, { name, content: '%PDF', type: 'application/pdf' });
    return (await grouphr.request('POST', '/api/files', body.payload, body.headers)).json().id as string;
  };
  const ready = async (id: string) => {
    await grouphr.request('PUT', `/api/policy-versions/${id}/adoption`, { procedure: 'workers_congress', date: '2026-02-01', notes: '' });
    const file = await upload(id, 'evidence.pdf');
    expect((await grouphr.request('POST', `/api/policy-versions/${id}/submit`)).statusCode).toBe(200);
    return file;
  };
  const inForce = await draft(f.units.G.id);
  const inForceFile = await ready(inForce);
  const published = await grouphr.request('POST', `/api/policy-versions/${inForce}/publish`, { effectiveFrom: '2026-03-02' });
  expect(published.json().state).toBe('in_force');
  const draftId = await draft(f.units.G.id);
  const files: Record<string, string> = {};
  for (const w of who) files[w] = await upload(draftId, `${w}.pdf`);
  const inReview = await draft(f.units.B.id);
  await ready(inReview);
  const freshOwner = (await grouphr.request('POST', '/api/org/units', { code: 'POLC', name: '新子公司', type: 'subsidiary', parentId: f.units.G.id })).json().id as string;
  const question = (await employee.request('POST', `/api/policies/${f.units.G.id}/questions`, { question: '适用于我吗？' })).json().id as string;
  return { inForce, hash: published.json().contentSha256 as string, inForceFile, draft: draftId, files, inReview, freshOwner, question };
}
