import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { employees, orgUnits } from '../../db/schema/index.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';

let t: TestApp;
let f: OrgFixture;
const as: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestApp();
  f = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  for (const u of ['f-grouphr', 'f-hrhead', 'f-hrbp', 'f-employee', 'f-ceo']) as[u] = await t.login(u, FIXTURE_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

type Node = { id: string; code: string; headcount: number | null; subtreeHeadcount: number | null };
const node = (items: Node[], code: string) => items.find((n) => n.code === code)!;

describe('org tree', () => {
  it('shows the tree with subtree head counts where the caller may see aggregates', async () => {
    const exec = (await as['f-ceo']!.request('GET', '/api/org/tree')).json().items as Node[];
    expect(node(exec, 'G').subtreeHeadcount).toBe(13);
    expect(node(exec, 'A').subtreeHeadcount).toBe(8);
    expect(node(exec, 'A1').subtreeHeadcount).toBe(4);
    expect(node(exec, 'A1').headcount).toBe(2);
    const hrbp = (await as['f-hrbp']!.request('GET', '/api/org/tree')).json().items as Node[];
    expect(node(hrbp, 'A1').subtreeHeadcount).toBe(4);
    expect(node(hrbp, 'B').subtreeHeadcount).toBeNull();
    const a1 = (await as['f-ceo']!.request('GET', `/api/org/units/${f.units.A1.id}`)).json();
    expect([a1.headcount, a1.subtreeHeadcount]).toEqual([2, 4]);
    expect((await as['f-employee']!.request('GET', `/api/org/units/${f.units.A1.id}`)).json().subtreeHeadcount).toBeNull();
    const emp = (await as['f-employee']!.request('GET', '/api/org/tree')).json().items as Node[];
    expect(emp).toHaveLength(7);
    expect(emp.every((n) => n.headcount === null)).toBe(true);
  });

  it('creates, renames and moves units within the writer’s subtree, audited', async () => {
    const created = await as['f-hrhead']!.request('POST', '/api/org/units', { code: 'A3', name: '新部门', type: 'department', parentId: f.units.A.id });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await as['f-hrhead']!.request('PATCH', `/api/org/units/${id}`, { name: '市场部', leaderId: f.people.a2Dev!.id, hrbpIds: [f.people.a1Hrbp!.id] })).statusCode).toBe(200);
    const badHrbp = await as['f-hrhead']!.request('PATCH', `/api/org/units/${id}`, { hrbpIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(badHrbp.json().error.details.issues[0].path).toBe('body.hrbpIds');
    const d = (await as['f-hrhead']!.request('GET', `/api/org/units/${id}`)).json();
    expect(d).toMatchObject({ name: '市场部', type: 'department', leader: { id: f.people.a2Dev!.id }, hrbps: [{ id: f.people.a1Hrbp!.id }], path: [{ name: '单元G' }, { name: '单元A' }, { name: '市场部' }] });
    expect((await as['f-hrhead']!.request('POST', '/api/org/units', { code: 'B9', name: 'x', type: 'department', parentId: f.units.B.id })).statusCode).toBe(403);
    expect((await as['f-hrbp']!.request('POST', '/api/org/units', { code: 'A9', name: 'x', type: 'team', parentId: f.units.A1.id })).statusCode).toBe(403);
    const wrongType = await as['f-grouphr']!.request('POST', '/api/org/units', { code: 'S9', name: '子公司', type: 'subsidiary', parentId: f.units.A1.id });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.issues[0].path).toBe('body.type');
    const dup = await as['f-grouphr']!.request('POST', '/api/org/units', { code: 'A3', name: 'dup', type: 'department', parentId: f.units.A.id });
    expect(dup.statusCode).toBe(409);
    const audit = (await (await t.login()).request('GET', '/api/admin/audit?entityType=org_unit')).json();
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['org.create', 'org.update']));
  });

  it('moves a subtree with its people set-based, and refuses a cycle', async () => {
    const cycle = await as['f-grouphr']!.request('POST', `/api/org/units/${f.units.A1.id}/move`, { parentId: f.units.A1T.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.details.issues[0].path).toBe('body.parentId');
    expect((await as['f-grouphr']!.request('POST', `/api/org/units/${f.units.A1.id}/move`, { parentId: f.units.B.id })).statusCode).toBe(200);
    const [team] = await t.db.database.db.select().from(orgUnits).where(eq(orgUnits.id, f.units.A1T.id));
    expect(team!.path).toBe(`${f.units.B.path}${f.units.A1.id}/${f.units.A1T.id}/`);
    expect(team!.depth).toBe(3);
    const [dev] = await t.db.database.db.select().from(employees).where(eq(employees.id, f.people.a1TDev!.id));
    expect(dev!.orgPath).toBe(team!.path);
    // the HRBP of A1 keeps their unit; the HRBP of B now sees A1's people too
    const bList = (await (await t.login('f-bhrbp', FIXTURE_PASSWORD)).request('GET', '/api/people?limit=50')).json();
    expect(bList.total).toBe(6);
    expect((await as['f-grouphr']!.request('POST', `/api/org/units/${f.units.A1.id}/move`, { parentId: f.units.A.id })).statusCode).toBe(200);
  });

  it('never moves or deactivates the group itself', async () => {
    expect((await as['f-grouphr']!.request('POST', `/api/org/units/${f.units.G.id}/move`, { parentId: f.units.A.id })).statusCode).toBe(409);
    expect((await as['f-grouphr']!.request('POST', `/api/org/units/${f.units.G.id}/deactivate`)).statusCode).toBe(409);
  });

  it('deactivates only an empty unit', async () => {
    const busy = await as['f-grouphr']!.request('POST', `/api/org/units/${f.units.A2.id}/deactivate`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.details).toMatchObject({ people: 1 });
    const empty = (await as['f-grouphr']!.request('POST', '/api/org/units', { code: 'EMPTY', name: '空部门', type: 'department', parentId: f.units.B.id })).json().id;
    expect((await as['f-grouphr']!.request('POST', `/api/org/units/${empty}/deactivate`)).statusCode).toBe(200);
  });
});
