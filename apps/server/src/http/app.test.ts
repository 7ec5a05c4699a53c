import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { postgresCode } from './errors.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
});
afterAll(async () => {
  await t.close();
});

describe('platform HTTP', () => {
  it('reports health of the database and the job queue', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok', jobs: 'ok' });
  });

  it('tells the sign-in page, without a session, whether the demo data set is loaded', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/meta' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ demo: true, product: '跃升 Uplift' });
  });

  it('serves OpenAPI generated from the zod schemas, and Swagger UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/notifications', '/api/admin/audit/verify', '/healthz']));
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('recognises a unique violation through the driver and Drizzle wrappers (answered as 409 CONFLICT)', async () => {
    const db = t.db.database.db;
    await db.execute(sql`insert into calendar_days (city, day, kind, name, updated_at) values ('测试市', '2031-01-01', 'holiday', 'a', now())`);
    const err = await db.execute(sql`insert into calendar_days (city, day, kind, name, updated_at) values ('测试市', '2031-01-01', 'holiday', 'b', now())`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(postgresCode(err)).toBe('23505');
    expect(postgresCode(new Error('plain'))).toBeNull();
  });

  it('answers unknown routes, bad JSON and wrong content types with the one error envelope', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'req-12345678' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('/api/nope'), details: null, requestId: 'req-12345678' } });
    expect(missing.headers['x-request-id']).toBe('req-12345678');

    const badJson = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('VALIDATION_FAILED');

    const form = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=admin&password=x' });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('reports 503 naming the failing part when the job queue is down', async () => {
    await t.jobs!.stop();
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'degraded', db: 'ok', jobs: 'failing' });
  });
});
