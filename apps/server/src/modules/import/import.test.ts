import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { ImportBatch, ImportRowError } from '@uplift/contract';
import { employees, jobHistory, laborContracts, orgUnits } from '../../db/schema/index.ts';
import { queryRows } from '../../db/client.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let fx: OrgFixture;
let hr: Client;

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');

async function upload(c: Client, type: string, name: string, content: Buffer | string, extra: Record<string, string> = {}) {
  const body = multipart({ type, ...extra }, { name, content });
  return c.request('POST', '/api/imports', body.payload, body.headers);
}

/** Uploads and waits for validation; returns the settled batch. */
async function validated(c: Client, type: string, name: string, content: Buffer | string, extra: Record<string, string> = {}): Promise<ImportBatch> {
  const res = await upload(c, type, name, content, extra);
  expect(res.statusCode, res.body).toBe(201);
  await t.services.imports.idle();
  return (await c.request('GET', `/api/imports/${res.json<ImportBatch>().id}`)).json<ImportBatch>();
}

async function merged(c: Client, id: string): Promise<ImportBatch> {
  const res = await c.request('POST', `/api/imports/${id}/merge`);
  expect(res.statusCode, res.body).toBe(202);
  await t.services.imports.idle();
  return (await c.request('GET', `/api/imports/${id}`)).json<ImportBatch>();
}

async function errorsOf(c: Client, id: string): Promise<ImportRowError[]> {
  return (await c.request('GET', `/api/imports/${id}/errors?limit=500`)).json<{ items: ImportRowError[] }>().items;
}

const count = async (table: 'employees' | 'org_units' | 'job_history' | 'audit_log') =>
  (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

const EN_HEADER = ['Employee No.', 'Name', 'Gender', 'Unit code', 'Position', 'Grade', 'Manager No.', 'Hire date', 'Status', 'Mobile', 'National ID', 'Contract type', 'Contract start', 'Contract end'];

beforeAll(async () => {
  t = await createTestApp();
  fx = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

describe('org unit import', () => {
  const file = csv([
    ['组织编码*', '组织名称*', '组织类型*', '上级组织编码*', '城市', '英文名称'],
    ['A3', '市场部', '部门', 'A', '上海', 'Marketing'],
    ['A3X', '品牌组', '团队', 'A3', '上海', ''],
    ['B2', '深圳研发部', 'department', 'B', '深圳', 'R&D Shenzhen'],
  ]);

  it('creates units with parents from the same file, then a second run changes nothing, and a rollback removes them', async () => {
    const b = await validated(hr, 'org_units', '组织.csv', file);
    expect(b.status).toBe('ready');
    expect(b.counts).toMatchObject({ rows: 3, errors: 0, create: 3, update: 0, unchanged: 0 });
    const m = await merged(hr, b.id);
    expect(m.status).toBe('merged');
    const [a3x] = await t.db.database.db.select().from(orgUnits).where(eq(orgUnits.code, 'A3X'));
    const [a3] = await t.db.database.db.select().from(orgUnits).where(eq(orgUnits.code, 'A3'));
    expect(a3x!.path).toBe(`${fx.units.A.path}${a3!.id}/${a3x!.id}/`);
    expect(a3x!.depth).toBe(3);

    const again = await validated(hr, 'org_units', '组织-再次.csv', file);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect(again.sameFileMergedAt).toBe(m.mergedAt);
    await hr.request('POST', `/api/imports/${again.id}/discard`);

    const rb = await hr.request('POST', `/api/imports/${b.id}/rollback`);
    expect(rb.statusCode, rb.body).toBe(200);
    expect(rb.json<ImportBatch>().status).toBe('rolled_back');
    expect(await t.db.database.db.select().from(orgUnits).where(eq(orgUnits.code, 'A3'))).toHaveLength(0);
  });

  it('reports unknown parents, bad types under a parent, loops and units outside the importer’s scope', async () => {
    const hrhead = await t.login('f-hrhead', FIXTURE_PASSWORD); // HR head of subsidiary A
    const b = await validated(
      hrhead,
      'org_units',
      'bad.csv',
      csv([
        ['Code', 'Name', 'Type', 'Parent code'],
        ['X1', '甲', 'department', 'NOPE'],
        ['X2', '乙', 'subsidiary', 'A1'],
        ['X3', '丙', 'team', 'X4'],
        ['X4', '丁', 'team', 'X3'],
        ['X5', '戊', 'department', 'B'],
        ['B1', '改名', 'department', 'B'],
        ['X6', '', 'group', 'A'],
      ]),
    );
    expect(b.status).toBe('invalid');
    const errs = (await errorsOf(hrhead, b.id)).map((e) => [e.rowNumber, e.column, e.code]);
    expect(errs).toEqual(
      expect.arrayContaining([
        [2, 'parent_code', 'UNKNOWN_PARENT'],
        [3, 'type', 'BAD_PARENT_TYPE'],
        [4, 'parent_code', 'PARENT_CYCLE'],
        [5, 'parent_code', 'PARENT_CYCLE'],
        [6, 'parent_code', 'OUT_OF_SCOPE'],
        [7, 'code', 'OUT_OF_SCOPE'],
        [8, 'name', 'REQUIRED'],
        [8, 'type', 'BAD_CHOICE'],
      ]),
    );
    expect(await t.db.database.db.select().from(orgUnits).where(eq(orgUnits.code, 'X1'))).toHaveLength(0);
  });
});

describe('employee import', () => {
  const people = (rows: string[][]) => csv([EN_HEADER, ...rows]);
  const good = people([
    ['N001', '张伟', '男', 'A1', 'Engineer', 'P5', 'T0003', '2025-07-01', '在职', '13800000001', '110101199001011234', '固定期限', '2025-07-01', '2028-06-30'],
    ['N002', '李娜', 'female', 'A1', 'Engineer', 'P4', 'N001', '2025/8/1', 'probation', '13800000002', '11010119920202123X', '', '', ''],
    ['N003', 'Wang Fang', 'F', 'A1T', 'Tester', 'P3', 'N002', '2025年9月1日', '', '', '', 'open_ended', '2025-09-01', ''],
  ]);

  it('imports people with contracts and managers from the same file; history, report lines and encryption follow', async () => {
    const auditBefore = await count('audit_log');
    const b = await validated(hr, 'employees', 'people.csv', good);
    expect(b.status, JSON.stringify(await errorsOf(hr, b.id))).toBe('ready');
    expect(b.counts).toMatchObject({ rows: 3, create: 3, errors: 0 });
    expect(b.format).toBe('csv');
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    const m = await merged(hr, b.id);
    expect(m.status).toBe('merged');
    expect(m.counts.create).toBe(3);
    // one audit record for the whole import
    expect(await count('audit_log')).toBe(auditBefore + 1);

    const rows = await t.db.database.db.select().from(employees).where(sql`${employees.employeeNo} in ('N001', 'N002', 'N003')`);
    const byNo = new Map(rows.map((r) => [r.employeeNo, r]));
    const n1 = byNo.get('N001')!;
    const n3 = byNo.get('N003')!;
    expect(n1.managerId).toBe(fx.people.a1Lead!.id);
    expect(n3.reportPath).toBe(`${(await t.db.database.db.select().from(employees).where(eq(employees.id, fx.people.a1Lead!.id)))[0]!.reportPath}${n1.id}/${byNo.get('N002')!.id}/${n3.id}/`);
    expect(n3.hireDate).toBe('2025-09-01');
    expect(n3.status).toBe('active');
    expect(byNo.get('N002')!.status).toBe('probation');
    expect(n1.mobileEnc).toMatch(/^k1:/);
    expect(t.services.fieldCrypto.decrypt(n1.nationalIdEnc)).toBe('110101199001011234');
    const contracts = await t.db.database.db.select().from(laborContracts).where(eq(laborContracts.employeeId, n1.id));
    expect(contracts).toMatchObject([{ employerId: fx.units.A.id, type: 'fixed_term', startDate: '2025-07-01', endDate: '2028-06-30' }]);
    const hist = await t.db.database.db.select().from(jobHistory).where(eq(jobHistory.employeeId, n1.id));
    expect(hist).toHaveLength(1);
    expect(hist[0]!.effectiveDate).toBe('2025-07-01');

    // the manager now sees the new people through the API
    const manager = await t.login('f-manager', FIXTURE_PASSWORD);
    const list = (await manager.request('GET', '/api/people?q=N00&limit=50')).json<{ items: { employeeNo: string }[] }>();
    expect(list.items.map((i) => i.employeeNo).sort()).toEqual(['N001', 'N002', 'N003']);

    // the same file again: nothing to change, and nothing written when merged
    const historyBefore = await count('job_history');
    const again = await validated(hr, 'employees', 'people-again.csv', good);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect(again.sameFileMergedAt).not.toBeNull();
    const m2 = await merged(hr, again.id);
    expect(m2.counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect(await count('job_history')).toBe(historyBefore);
    expect(await t.db.database.db.select().from(laborContracts).where(eq(laborContracts.employeeId, n1.id))).toHaveLength(1);
  });

  it('an update writes job history with what changed, and a rollback restores it — unless the record changed since', async () => {
    const changed = people([['N001', '张伟', '男', 'A2', 'Senior Engineer', 'P6', 'T0002', '2025-07-01', '在职', '13800000001', '110101199001011234', '固定期限', '2025-07-01', '2028-06-30']]);
    const b = await validated(hr, 'employees', 'promotion.xlsx', await toXlsx(changed));
    expect(b.format).toBe('xlsx');
    expect(b.counts).toMatchObject({ update: 1, create: 0 });
    await merged(hr, b.id);
    const [n1] = await t.db.database.db.select().from(employees).where(eq(employees.employeeNo, 'N001'));
    expect(n1).toMatchObject({ unitId: fx.units.A2.id, orgPath: fx.units.A2.path, position: 'Senior Engineer', grade: 'P6', managerId: fx.people.aLead!.id });
    const hist = await t.db.database.db.select().from(jobHistory).where(eq(jobHistory.employeeId, n1!.id));
    const latest = hist.find((h) => h.reason?.startsWith('批量导入'));
    expect(latest!.changes).toEqual({
      unitId: { from: fx.units.A1.id, to: fx.units.A2.id },
      managerId: { from: fx.people.a1Lead!.id, to: fx.people.aLead!.id },
      position: { from: 'Engineer', to: 'Senior Engineer' },
      grade: { from: 'P5', to: 'P6' },
    });
    expect(latest!.effectiveDate).toBe('2026-03-02');
    // N002 reports to N001: their line moved along
    const [n2] = await t.db.database.db.select().from(employees).where(eq(employees.employeeNo, 'N002'));
    expect(n2!.reportPath.endsWith(`/${fx.people.aLead!.id}/${n1!.id}/${n2!.id}/`)).toBe(true);

    const rb = await hr.request('POST', `/api/imports/${b.id}/rollback`);
    expect(rb.statusCode, rb.body).toBe(200);
    const [back] = await t.db.database.db.select().from(employees).where(eq(employees.employeeNo, 'N001'));
    expect(back).toMatchObject({ unitId: fx.units.A1.id, orgPath: fx.units.A1.path, position: 'Engineer', grade: 'P5', managerId: fx.people.a1Lead!.id });
    expect(await t.db.database.db.select().from(jobHistory).where(eq(jobHistory.importBatchId, b.id))).toHaveLength(0);

    // a second promotion, then a manual change: that import can no longer be rolled back
    const again = await validated(hr, 'employees', 'promotion-2.xlsx', await toXlsx(changed));
    await merged(hr, again.id);
    t.clock.advance(60_000);
    const edit = await hr.request('POST', `/api/people/${back!.id}/changes`, { effectiveDate: '2026-03-03', grade: 'P7', reason: '晋升' });
    expect(edit.statusCode, edit.body).toBe(200);
    const refused = await hr.request('POST', `/api/imports/${again.id}/rollback`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('N001');
  });

  it('validates every row before anything is merged and explains each error; the error file lists them', async () => {
    const before = await count('employees');
    const b = await validated(
      hr,
      'employees',
      'bad.csv',
      people([
        ['E001', '赵一', '男', 'A1', 'Engineer', 'P5', '', '2025-02-30', '', '', '', '', '', ''],
        ['E002', '', '男', 'NOUNIT', 'Engineer', 'P5', 'NOBODY', '2025-01-01', '', '12345', '', '', '', ''],
        ['E001', '赵一', '男', 'A1', 'Engineer', 'P5', '', '2025-01-01', '', '', '', '', '', ''],
        ['E003', '钱三', '男', 'A1', 'Engineer', 'P5', 'E004', '2025-01-01', '', '', '', '', '', ''],
        ['E004', '孙四', '男', 'A1', 'Engineer', 'P5', 'E003', '2025-01-01', '离职', '', '', '', '', ''],
        ['E005', '李五', '男', 'A1', 'Engineer', 'P5', '', '2025-01-01', '', '', '', '固定期限', '2025-01-01', ''],
      ]),
    );
    expect(b.status).toBe('invalid');
    const errs = await errorsOf(hr, b.id);
    expect(errs.map((e) => [e.rowNumber, e.column, e.code])).toEqual(
      expect.arrayContaining([
        [2, 'hire_date', 'BAD_DATE'],
        [3, 'name', 'REQUIRED'],
        [3, 'mobile', 'BAD_MOBILE'],
        [4, 'employee_no', 'DUPLICATE_KEY'],
        [5, 'manager_no', 'MANAGER_CYCLE'],
        [6, 'status', 'LEAVE_DATE_REQUIRED'],
        [7, 'contract_end', 'REQUIRED'],
      ]),
    );
    const bad = errs.find((e) => e.code === 'BAD_DATE')!;
    expect(bad).toMatchObject({ header: 'Hire date', value: '2025-02-30' });
    expect(bad.message['zh-CN']).toContain('日期不存在');
    expect(bad.message['en-US']).toContain('No such date');
    // a masked value, never the full sensitive one
    expect(errs.find((e) => e.code === 'BAD_MOBILE')!.value).toBe('12**5');
    expect(await count('employees')).toBe(before);
    expect((await hr.request('POST', `/api/imports/${b.id}/merge`)).statusCode).toBe(409);

    // the set-based checks also run when cell checks pass
    const b2 = await validated(hr, 'employees', 'bad2.csv', people([['E010', '周十', '男', 'NOUNIT', 'Engineer', 'P5', 'NOBODY', '2025-01-01', '', '', '', '', '', '']]));
    expect((await errorsOf(hr, b2.id)).map((e) => [e.rowNumber, e.column, e.code])).toEqual([
      [2, 'unit_code', 'UNKNOWN_UNIT'],
      [2, 'manager_no', 'UNKNOWN_MANAGER'],
    ]);

    const file = await hr.request('GET', `/api/imports/${b.id}/error-file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...EN_HEADER, '错误说明']);
    expect(sheet.rowCount).toBe(7);
    expect(String(sheet.getRow(2).getCell(EN_HEADER.length + 1).value)).toContain('Hire date：日期不存在');
    expect(sheet.getRow(3).getCell(EN_HEADER.indexOf('Mobile') + 1).value).toBe('12345');
  });

  it('reads GBK (GB18030) CSV exports with Chinese headers', async () => {
    // 工号,姓名,性别,部门编码,岗位,职级,入职日期 / G001,欧阳娜娜,女,A2,会计,P4,2024-05-06 in GBK (TextEncoder only speaks UTF-8)
    const gbk = Buffer.from(
      'b9a4bac52cd0d5c3fb2cd0d4b1f02cb2bfc3c5b1e0c2eb2cb8dacebb2cd6b0bcb62cc8ebd6b0c8d5c6da0d0a473030312cc5b7d1f4c4c8c4c82cc5ae2c41322cbbe1bcc62c50342c323032342d30352d3036',
      'hex',
    );
    const b = await validated(hr, 'employees', '员工.csv', gbk);
    expect(b.encoding).toBe('gb18030');
    expect(b.status).toBe('ready');
    await merged(hr, b.id);
    const [g] = await t.db.database.db.select().from(employees).where(eq(employees.employeeNo, 'G001'));
    expect(g).toMatchObject({ name: '欧阳娜娜', gender: 'female', position: '会计' });
  });

  it('keeps people and units outside the importer’s scope out, and hides other people’s imports', async () => {
    const bhrbp = await t.login('f-bhrbp', FIXTURE_PASSWORD); // HRBP of subsidiary B
    const b = await validated(bhrbp, 'employees', 'scope.csv', people([['T0004', '改名', '男', 'B1', 'Engineer', 'P5', '', '2024-01-01', '', '', '', '', '', ''], ['S001', '新人', '男', 'A1', 'Engineer', 'P5', '', '2024-01-01', '', '', '', '', '', '']]));
    expect((await errorsOf(bhrbp, b.id)).map((e) => [e.rowNumber, e.column, e.code])).toEqual([
      [2, 'employee_no', 'OUT_OF_SCOPE'],
      [3, 'unit_code', 'OUT_OF_SCOPE'],
    ]);
    // not theirs: another HR sees nothing of it, group HR sees it
    const hrhead = await t.login('f-hrhead', FIXTURE_PASSWORD);
    expect((await hrhead.request('GET', `/api/imports/${b.id}`)).statusCode).toBe(404);
    expect((await hrhead.request('POST', `/api/imports/${b.id}/discard`)).statusCode).toBe(404);
    expect((await hrhead.request('GET', '/api/imports?limit=100')).json<{ items: ImportBatch[] }>().items.some((i) => i.id === b.id)).toBe(false);
    expect((await hr.request('GET', '/api/imports?limit=100')).json<{ items: ImportBatch[] }>().items.some((i) => i.id === b.id)).toBe(true);
    // an employee may not import at all
    const employee = await t.login('f-employee', FIXTURE_PASSWORD);
    const denied = await upload(employee, 'employees', 'x.csv', good);
    expect(denied.statusCode).toBe(403);
  });

  it('asks for a column mapping when headers differ, and remembers it for the source', async () => {
    const text = csv([
      ['人员编号', '名字', '性别', '部门', '职务', '级别', '到岗日期'],
      ['M001', '冯一', '男', 'A1', '工程师', 'P5', '2024-01-01'],
    ]);
    const first = await upload(hr, 'employees', 'hris.csv', text);
    expect(first.statusCode).toBe(400);
    const details = first.json<{ error: { details: { importError: string; headers: string[]; missing: { key: string }[] } } }>().error.details;
    expect(details.importError).toBe('MISSING_COLUMNS');
    expect(details.headers).toEqual(['人员编号', '名字', '性别', '部门', '职务', '级别', '到岗日期']);
    expect(details.missing.map((m) => m.key)).toEqual(['employee_no', 'name', 'unit_code', 'position', 'hire_date']);
    expect((await hr.request('GET', '/api/imports?limit=100')).json<{ items: ImportBatch[] }>().items.some((i) => i.fileName === 'hris.csv')).toBe(false);

    const mapping = { employee_no: '人员编号', name: '名字', unit_code: '部门', position: '职务', hire_date: '到岗日期' };
    const b = await validated(hr, 'employees', 'hris.csv', text, { source: '旧HR系统', mapping: JSON.stringify(mapping) });
    expect(b.status).toBe('ready');
    expect(b.mapping).toMatchObject(mapping);
    const remembered = (await hr.request('GET', `/api/imports/mapping?type=employees&source=${encodeURIComponent('旧HR系统')}`)).json<{ mapping: Record<string, string> }>();
    expect(remembered.mapping).toMatchObject(mapping);
    // next month's export from the same system needs no mapping
    const next = await validated(hr, 'employees', 'hris-2.csv', text, { source: '旧HR系统' });
    expect(next.status).toBe('ready');
  });

  it('serves templates whose headers import as they are', async () => {
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const res = await hr.request('GET', `/api/imports/types/employees/template?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('attachment');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
      expect(header[0]).toBe(lang === 'zh-CN' ? '工号*' : 'Employee No.*');
      // fill the template's header with one row and upload it back
      const sheet = wb.worksheets[0]!;
      const row: Record<string, string> = { employee_no: `TPL${lang.slice(0, 2)}`, name: '模板', gender: '男', unit_code: 'A1', position: '工程师', grade: 'P5', hire_date: '2024-01-01' };
      const keys = (await hr.request('GET', '/api/imports/types')).json<{ items: { type: string; columns: { key: string }[] }[] }>().items.find((i) => i.type === 'employees')!.columns.map((c) => c.key);
      sheet.addRow(keys.map((k) => row[k] ?? null));
      const b = await validated(hr, 'employees', `template-${lang}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
      expect(b.status, JSON.stringify(await errorsOf(hr, b.id))).toBe('ready');
    }
  });

  it('re-checks at merge time: a unit deactivated after the preview makes the import invalid, nothing merged', async () => {
    const b = await validated(hr, 'employees', 'late.csv', people([['L001', '迟到', '男', 'B1', 'Engineer', 'P5', '', '2024-01-01', '', '', '', '', '', '']]));
    expect(b.status).toBe('ready');
    await t.db.database.db.update(orgUnits).set({ active: false }).where(eq(orgUnits.id, fx.units.B1.id));
    try {
      const m = await merged(hr, b.id);
      expect(m.status).toBe('invalid');
      expect((await errorsOf(hr, b.id)).map((e) => e.code)).toEqual(['INACTIVE_UNIT']);
      expect(await t.db.database.db.select().from(employees).where(eq(employees.employeeNo, 'L001'))).toHaveLength(0);
    } finally {
      await t.db.database.db.update(orgUnits).set({ active: true }).where(eq(orgUnits.id, fx.units.B1.id));
    }
  });

  it('marks imports cut off by a stop as failed, with nothing merged', async () => {
    const b = await validated(hr, 'employees', 'cut.csv', people([['K001', '中断', '男', 'A1', 'Engineer', 'P5', '', '2024-01-01', '', '', '', '', '', '']]));
    await t.db.database.db.execute(sql`update import_batches set status = 'merging', worker = 'a-dead-process' where id = ${b.id}`);
    expect(await t.services.imports.recoverInterrupted({ all: true })).toBe(1);
    const after = (await hr.request('GET', `/api/imports/${b.id}`)).json<ImportBatch>();
    expect(after.status).toBe('failed');
    expect(after.failure).toContain('没有写入任何数据');
    expect(after.canMerge).toBe(false);
  });

  it('takes a batch of items (machine clients) through the same checks and merge, all or nothing', async () => {
    const [u] = await queryRows<{ id: string }>(t.db.database.db, sql`select id from users where username = 'f-grouphr'`);
    const { loadAccess } = await import('../access/access.ts');
    const access = await loadAccess(t.db.database.db, { ...t.services.auth.toMe((await t.db.database.db.query.users.findFirst({ where: (x, { eq: e }) => e(x.id, u!.id) }))!), sessionId: '', csrfToken: '' });
    const ctx = { actorId: u!.id, actorLabel: 'f-grouphr', requestId: null };
    const item = (no: string, extra: Record<string, unknown> = {}) => ({ employee_no: no, name: `接口${no}`, gender: 'female', unit_code: 'A2', position: '会计', grade: 'P3', hire_date: '2025-01-02', ...extra });
    const bad = await t.services.imports.ingest(access, ctx, { type: 'employees', items: [item('API1'), item('API2', { hire_date: 'soon' })], label: 'api-test' });
    expect(bad.batch.status).toBe('invalid');
    expect(bad.errors.map((e) => [e.rowNumber, e.column, e.code])).toEqual([[2, 'hire_date', 'BAD_DATE']]);
    expect(await t.db.database.db.select().from(employees).where(eq(employees.employeeNo, 'API1'))).toHaveLength(0);
    const good = await t.services.imports.ingest(access, ctx, { type: 'employees', items: [item('API1'), item('API2')], label: 'api-test' });
    expect(good.batch).toMatchObject({ status: 'merged', counts: { create: 2 } });
    expect(good.errors).toEqual([]);
    await expect(t.services.imports.ingest(access, ctx, { type: 'employees', items: [{ ...item('API3'), salary: 1 }], label: 'api-test' })).rejects.toThrow('salary');
  });

  it('refuses files it cannot read with the reason', async () => {
    const xls = await upload(hr, 'employees', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.statusCode).toBe(400);
    expect(xls.json<{ error: { message: string; details: { importError: string } } }>().error).toMatchObject({ details: { importError: 'UNSUPPORTED_FORMAT' } });
    const empty = await upload(hr, 'employees', 'empty.csv', csv([EN_HEADER]));
    expect(empty.json<{ error: { details: { importError: string } } }>().error.details.importError).toBe('EMPTY_FILE');
    const noType = await upload(hr, 'nonsense', 'x.csv', good);
    expect(noType.statusCode).toBe(400);
  });
});

async function toXlsx(text: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('员工');
  for (const line of text.split('\r\n')) sheet.addRow(line.split(','));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
