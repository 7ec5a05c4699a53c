import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CalendarDay, CalendarYear, WorkingDaysResult } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { buildOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../../test/support/org-fixture.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';

let t: TestApp;
let fx: OrgFixture;
let admin: Client;
let groupHr: Client;
let hrbp: Client;
let employee: Client;

const due = async (c: Client, q: string) => {
  const res = await c.request('GET', `/api/calendar/working-days?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<WorkingDaysResult>();
};
const auditCount = async (action: string) =>
  (await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  fx = await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  admin = await t.login();
  groupHr = await t.login('f-grouphr', FIXTURE_PASSWORD);
  hrbp = await t.login('f-hrbp', FIXTURE_PASSWORD);
  employee = await t.login('f-employee', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

describe('the national calendar loaded on first start', () => {
  it('holds 2025 and 2026, and says 2027 is not maintained yet', async () => {
    const y = (await employee.request('GET', '/api/calendar/years/2026')).json<CalendarYear>();
    expect(y.maintained).toBe(true);
    expect(y.maintainedYears).toEqual([2025, 2026]);
    expect(y.days.filter((d) => d.name === '春节').map((d) => d.date)).toHaveLength(9);
    expect(y.days.find((d) => d.date === '2026-02-14')).toMatchObject({ kind: 'workday', city: null });
    // the cities of org units are offered even before they have entries
    expect(y.cities).toEqual(expect.arrayContaining(['上海', '深圳']));
    expect((await employee.request('GET', '/api/calendar/years/2027')).json<CalendarYear>()).toMatchObject({ maintained: false, days: [] });
  });

  it('computes deadlines across Spring Festival and flags a year without a calendar', async () => {
    expect(await due(employee, 'from=2026-02-13&days=2')).toMatchObject({ due: '2026-02-24', counted: ['2026-02-14', '2026-02-24'], missingYears: [] });
    const late = await due(employee, 'from=2026-12-30&days=3');
    expect(late.due).toBe('2027-01-04');
    expect(late.missingYears).toEqual([2027]);
  });
});

describe('maintaining the calendar', () => {
  it('a city entry wins over the national one, only for that city', async () => {
    const put = await admin.request('PUT', '/api/calendar/days', { date: '2026-03-10', city: '深圳', kind: 'holiday', name: '地方假日' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<CalendarDay>()).toMatchObject({ date: '2026-03-10', city: '深圳', kind: 'holiday' });
    expect((await due(hrbp, 'from=2026-03-09&days=1&city=深圳')).due).toBe('2026-03-11');
    expect((await due(hrbp, 'from=2026-03-09&days=1&city=上海')).due).toBe('2026-03-10');
    expect((await due(hrbp, 'from=2026-03-09&days=1')).due).toBe('2026-03-10');
    const sz = (await hrbp.request('GET', '/api/calendar/years/2026?city=深圳')).json<CalendarYear>();
    expect(sz.days.filter((d) => d.city === '深圳').map((d) => d.date)).toEqual(['2026-03-10']);
    expect(sz.days.some((d) => d.city === null && d.name === '国庆节')).toBe(true);
  });

  it('group HR changes and deletes a day; each change is audited', async () => {
    const before = await auditCount('calendar.day.update');
    const res = await groupHr.request('PUT', '/api/calendar/days', { date: '2026-10-07', city: '深圳', kind: 'workday', name: '国庆节调整' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await due(hrbp, 'from=2026-09-30&days=1&city=深圳')).due).toBe('2026-10-07');
    expect((await groupHr.request('PUT', '/api/calendar/days', { date: '2026-10-07', city: '深圳', kind: 'workday', name: '国庆节调休上班' })).statusCode).toBe(200);
    expect(await auditCount('calendar.day.update')).toBe(before + 1);
    const del = await groupHr.request('DELETE', `/api/calendar/days?date=2026-10-07&city=${encodeURIComponent('深圳')}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await due(hrbp, 'from=2026-09-30&days=1&city=深圳')).due).toBe('2026-10-08');
    expect(await auditCount('calendar.day.delete')).toBeGreaterThanOrEqual(1);
    const again = await groupHr.request('DELETE', `/api/calendar/days?date=2026-10-07&city=${encodeURIComponent('深圳')}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toContain('2026-10-07');
  });

  it('only admins and group HR may change it; everyone signed in may read it', async () => {
    for (const c of [hrbp, employee]) {
      const res = await c.request('PUT', '/api/calendar/days', { date: '2026-03-11', city: null, kind: 'holiday', name: '不该有' });
      expect(res.statusCode).toBe(403);
      expect((await c.request('DELETE', '/api/calendar/days?date=2026-02-16')).statusCode).toBe(403);
    }
    expect((await due(hrbp, 'from=2026-03-10&days=1')).due).toBe('2026-03-11');
    expect((await t.anonymous.request('GET', '/api/calendar/years/2026')).statusCode).toBe(401);
    expect((await t.anonymous.request('GET', '/api/calendar/working-days?from=2026-03-10&days=1')).statusCode).toBe(401);
  });

  it('rejects bad input naming the field', async () => {
    const res = await admin.request('PUT', '/api/calendar/days', { date: '2026-02-30', city: null, kind: 'holiday', name: '' });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.date', 'body.name']));
    expect((await admin.request('GET', '/api/calendar/working-days?from=2026-03-10&days=-1')).statusCode).toBe(400);
  });

  it('resolves the calendar city of a unit from the nearest unit with a city', async () => {
    expect(await t.services.calendar.cityOfUnit(t.db.database.db, fx.units.B1.id)).toBe('深圳');
    expect(await t.services.calendar.workingDaysBetween(t.db.database.db, { from: '2026-02-13', to: '2026-02-24' })).toBe(2);
  });
});

describe('importing a year', () => {
  const upload = async (c: Client, csv: string, name = 'holidays-2027.csv') => {
    const body = multipart({ type: 'holidays' }, { name, content: csv });
    const up = await c.request('POST', '/api/imports', body.payload, body.headers);
    expect(up.statusCode, up.body).toBe(201);
    await t.services.imports.idle();
    const id = up.json<{ id: string }>().id;
    return { id, view: (await c.request('GET', `/api/imports/${id}`)).json<{ status: string; counts: Record<string, number> }>() };
  };
  const rows2027 = ['日期,类型,名称,城市', '2027-01-01,休,元旦,', '2027-02-06,休,春节,', '2027-02-07,休,春节,', '2027-02-08,休,春节,', '2027-02-20,班,春节调休上班,', '2027-02-09,休,地方春节延长,深圳'];

  it('a file with a bad row is rejected whole, each error naming row and column', async () => {
    const { id, view } = await upload(admin, [...rows2027, '2027-02-10,班,错误,', '2027-02-06,休,重复,', '2027-13-01,休,坏日期,'].join('\r\n'));
    expect(view.status).toBe('invalid');
    const errors = (await admin.request('GET', `/api/imports/${id}/errors`)).json<{ items: { rowNumber: number; column: string | null; code: string }[] }>().items;
    expect(errors.map((e) => [e.rowNumber, e.column, e.code])).toEqual(
      expect.arrayContaining([
        [8, 'kind', 'WORKDAY_ON_WEEKDAY'],
        [9, 'date', 'DUPLICATE_KEY'],
        [10, 'date', 'BAD_DATE'],
      ]),
    );
    expect((await admin.request('GET', '/api/calendar/years/2027')).json<CalendarYear>().maintained).toBe(false);
  });

  it('a valid file merges, a second run changes nothing, and the batch rolls back', async () => {
    const { id, view } = await upload(admin, rows2027.join('\r\n'));
    expect(view.status, JSON.stringify(view)).toBe('ready');
    expect((await admin.request('POST', `/api/imports/${id}/merge`)).statusCode).toBe(202);
    await t.services.imports.idle();
    const y = (await employee.request('GET', '/api/calendar/years/2027?city=深圳')).json<CalendarYear>();
    expect(y.maintained).toBe(true);
    expect(y.days.map((d) => `${d.date}${d.kind === 'workday' ? '班' : '休'}${d.city ?? ''}`)).toEqual([
      '2027-01-01休',
      '2027-02-06休',
      '2027-02-07休',
      '2027-02-08休',
      '2027-02-09休深圳',
      '2027-02-20班',
    ]);
    expect((await due(employee, 'from=2026-12-30&days=3')).missingYears).toEqual([]);

    const second = await upload(admin, rows2027.join('\r\n'), 'again.csv');
    expect(second.view.counts).toMatchObject({ create: 0, update: 0, unchanged: 6 });

    const rb = await admin.request('POST', `/api/imports/${id}/rollback`);
    expect(rb.statusCode, rb.body).toBe(200);
    await t.services.imports.idle();
    expect((await admin.request('GET', '/api/calendar/years/2027')).json<CalendarYear>()).toMatchObject({ maintained: false, days: [] });
  });

  it('HRBPs cannot import the calendar', async () => {
    const body = multipart({ type: 'holidays' }, { name: 'h.csv', content: rows2027.join('\r\n') });
    expect((await hrbp.request('POST', '/api/imports', body.payload, body.headers)).statusCode).toBe(403);
  });
});
