import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { CreatedWebhook, WebhookDelivery, WebhookSubscription } from '@uplift/contract';
import { queryRows } from '../../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema/index.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { buildOrgFixture, FIXTURE_PASSWORD } from '../../../test/support/org-fixture.ts';
import { backoffMs } from '../notify/notify.service.ts';
import { verifyWebhook } from './webhook-signature.ts';
import { httpTransport, WEBHOOK_MAX_ATTEMPTS } from './webhooks.delivery.ts';

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

/** A subscriber: records what it receives and answers `status` (per path). */
function receiver() {
  const state = { received: [] as Received[], status: new Map<string, number>() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (path === '/hang') return; // never answers
      state.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = state.status.get(path) ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver is down' : 'ok');
    });
  });
  return { state, server };
}

let t: TestApp;
let hr: Client;
const rx = receiver();
let base = '';

beforeAll(async () => {
  // the receivers listen on this host
  t = await createTestApp({ env: { WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  await buildOrgFixture(t.db.database.db, t.services.fieldCrypto);
  await new Promise<void>((resolve) => rx.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(rx.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  rx.server.closeAllConnections();
  await new Promise((resolve) => rx.server.close(resolve));
  await t.close();
});
beforeEach(async () => {
  hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
});

async function subscribe(name: string, path: string, events: string[] = ['candidate.created']): Promise<CreatedWebhook> {
  const res = await hr.request('POST', '/api/integration/webhooks', { name, url: `${base}${path}`, events });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CreatedWebhook>();
}

const emit = (event: 'candidate.created' | 'employee.updated', data: Record<string, unknown>, eventId?: string) =>
  t.db.database.db.transaction((tx) => t.services.webhooks.emit(tx, event, data, eventId ? { eventId } : {}));

const deliveriesOf = async (subscriptionId: string) => t.db.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscriptionId));

describe('webhook subscriptions', () => {
  it('shows the signing secret once, keeps it encrypted, and audits every change', async () => {
    const created = await subscribe('ERP', '/erp', ['candidate.created', 'pip.started']);
    expect(created.secret).toMatch(/^whsec_[\w-]{32}$/);
    expect(created.subscription).toMatchObject({ name: 'ERP', url: `${base}/erp`, events: ['candidate.created', 'pip.started'], active: true, pending: 0, dead: 0, createdBy: 'f-grouphr' });
    const [row] = await t.db.database.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, created.subscription.id));
    expect(row!.secretEnc).not.toContain(created.secret);
    expect(t.services.fieldCrypto.decrypt(row!.secretEnc)).toBe(created.secret);
    const list = await hr.request('GET', '/api/integration/webhooks');
    expect(list.body).not.toContain(created.secret);

    const patched = await hr.request('PATCH', `/api/integration/webhooks/${created.subscription.id}`, { events: ['employee.updated'], active: false });
    expect(patched.json<WebhookSubscription>()).toMatchObject({ events: ['employee.updated'], active: false, name: 'ERP' });
    expect((await hr.request('PATCH', `/api/integration/webhooks/${created.subscription.id}`, {})).statusCode).toBe(400);
    expect((await hr.request('DELETE', `/api/integration/webhooks/${created.subscription.id}`)).statusCode).toBe(200);
    expect((await hr.request('DELETE', `/api/integration/webhooks/${created.subscription.id}`)).statusCode).toBe(404);
    const actions = await queryRows<{ action: string }>(t.db.database.db, sql`select action from audit_log where entity_id = ${created.subscription.id} order by seq`);
    expect(actions.map((a) => a.action)).toEqual(['webhook.create', 'webhook.update', 'webhook.delete']);
    const [leak] = await queryRows<{ n: number }>(t.db.database.db, sql`select count(*)::int as n from audit_log where audit_log::text like ${`%${created.secret}%`}`);
    expect(leak!.n).toBe(0);
  });

  it('takes http(s) URLs and events from the closed list only; group HR and sys_admin only', async () => {
    const bad = (body: object) => hr.request('POST', '/api/integration/webhooks', { name: 'x', url: `${base}/x`, events: ['candidate.created'], ...body });
    expect((await bad({ url: 'ftp://example.com/hook' })).statusCode).toBe(400);
    expect((await bad({ url: 'not a url' })).statusCode).toBe(400);
    expect((await bad({ events: ['payroll.paid'] })).statusCode).toBe(400);
    expect((await bad({ events: [] })).statusCode).toBe(400);
    const hrbp = await t.login('f-hrbp', FIXTURE_PASSWORD);
    expect((await hrbp.request('GET', '/api/integration/webhooks')).statusCode).toBe(403);
    expect((await hrbp.request('POST', '/api/integration/webhooks', { name: 'x', url: `${base}/x`, events: ['candidate.created'] })).statusCode).toBe(403);
  });
});

describe('emit', () => {
  it('writes one delivery per active subscription of the event, in the caller\'s transaction', async () => {
    const a = await subscribe('A', '/a', ['employee.updated']);
    const b = await subscribe('B', '/b', ['employee.updated', 'candidate.created']);
    const other = await subscribe('Other', '/other', ['candidate.closed']);
    const paused = await subscribe('Paused', '/paused', ['employee.updated']);
    await hr.request('PATCH', `/api/integration/webhooks/${paused.subscription.id}`, { active: false });

    const eventId = await emit('employee.updated', { employeeId: 'e1' });
    for (const s of [a, b]) expect((await deliveriesOf(s.subscription.id)).map((d) => [d.eventId, d.status])).toEqual([[eventId, 'pending']]);
    for (const s of [other, paused]) expect(await deliveriesOf(s.subscription.id)).toHaveLength(0);

    // rolled back with the change: nothing to deliver
    await expect(
      t.db.database.db.transaction(async (tx) => {
        await t.services.webhooks.emit(tx, 'employee.updated', { employeeId: 'e2' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveriesOf(a.subscription.id)).toHaveLength(1);
    // a stable event id makes a second emit (a job that ran twice) a no-op
    const stable = '7d3c1d2e-8b5a-4f6e-9c1d-2e8b5a4f6e9c';
    await emit('employee.updated', { employeeId: 'e3' }, stable);
    await emit('employee.updated', { employeeId: 'e3' }, stable);
    expect((await deliveriesOf(a.subscription.id)).filter((d) => d.eventId === stable)).toHaveLength(1);
    expect(await emit('candidate.created', {})).not.toBeNull();
    for (const s of [a, b, other, paused]) await hr.request('DELETE', `/api/integration/webhooks/${s.subscription.id}`);
  });
});

describe('delivery', () => {
  it('POSTs the event signed with HMAC-SHA256 over "<timestamp>.<body>", verifiable by the receiver', async () => {
    const { subscription, secret } = await subscribe('Signed', '/signed');
    const eventId = await emit('candidate.created', { candidateId: 'c1', name: '张三' });
    const result = await t.services.webhooks.deliverDue();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const got = rx.state.received.find((r) => r.path === '/signed')!;
    expect(got.headers['content-type']).toContain('application/json');
    expect(got.headers['x-uplift-event']).toBe('candidate.created');
    const [d] = await deliveriesOf(subscription.id);
    expect(got.headers['x-uplift-delivery']).toBe(String(d!.id));
    const timestamp = got.headers['x-uplift-timestamp'] as string;
    expect(Number(timestamp)).toBe(Math.floor(t.clock.now().getTime() / 1000));
    const signature = got.headers['x-uplift-signature'] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook({ secret, body: got.body, timestamp, signature, now: t.clock.now() })).toBe(true);
    expect(verifyWebhook({ secret: 'whsec_wrong', body: got.body, timestamp, signature, now: t.clock.now() })).toBe(false);
    expect(JSON.parse(got.body)).toEqual({ id: eventId, event: 'candidate.created', createdAt: t.clock.now().toISOString(), data: { candidateId: 'c1', name: '张三' } });
    expect(d).toMatchObject({ status: 'sent', attempts: 1, lastStatusCode: 200, lastError: null });
    // delivered is delivered: running again sends nothing
    const before = rx.state.received.length;
    await t.services.webhooks.deliverDue();
    expect(rx.state.received.length).toBe(before);
    await hr.request('DELETE', `/api/integration/webhooks/${subscription.id}`);
  });

  it('retries a failing receiver with backoff on the clock, gives up after 8 attempts, and an admin can retry it', async () => {
    rx.state.status.set('/down', 503);
    const { subscription } = await subscribe('Down', '/down');
    await emit('candidate.created', { candidateId: 'c2' });
    const row = async () => (await deliveriesOf(subscription.id))[0]!;
    const hits = () => rx.state.received.filter((r) => r.path === '/down').length;

    await t.services.webhooks.deliverDue();
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, lastError: 'HTTP 503: receiver is down' });
    // not due yet: nothing is sent however often the job runs
    await t.services.webhooks.deliverDue();
    expect(hits()).toBe(1);
    for (let attempt = 2; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      t.clock.advance(backoffMs(attempt - 1) - 1000);
      await t.services.webhooks.deliverDue();
      expect(hits()).toBe(attempt - 1);
      t.clock.advance(1000);
      await t.services.webhooks.deliverDue();
      expect((await row()).attempts).toBe(attempt);
    }
    expect(await row()).toMatchObject({ status: 'dead', attempts: WEBHOOK_MAX_ATTEMPTS, lastStatusCode: 503 });
    expect(hits()).toBe(WEBHOOK_MAX_ATTEMPTS);
    t.clock.advance(24 * 3600_000);
    await t.services.webhooks.deliverDue();
    expect(hits()).toBe(WEBHOOK_MAX_ATTEMPTS);

    hr = await t.login('f-grouphr', FIXTURE_PASSWORD);
    const listed = (await hr.request('GET', '/api/integration/webhooks')).json<{ items: WebhookSubscription[] }>().items.find((s) => s.id === subscription.id);
    expect(listed).toMatchObject({ pending: 0, dead: 1 });
    const log = (await hr.request('GET', `/api/integration/webhooks/${subscription.id}/deliveries?status=dead`)).json<{ items: WebhookDelivery[] }>();
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ event: 'candidate.created', status: 'dead', attempts: 8, lastStatusCode: 503, lastError: 'HTTP 503: receiver is down' });

    rx.state.status.delete('/down');
    const retried = await hr.request('POST', `/api/integration/webhook-deliveries/${log.items[0]!.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json<WebhookDelivery>()).toMatchObject({ status: 'pending', attempts: 0 });
    await t.services.webhooks.deliverDue();
    expect(await row()).toMatchObject({ status: 'sent', attempts: 1, lastStatusCode: 200, lastError: null });
    expect((await hr.request('POST', `/api/integration/webhook-deliveries/${log.items[0]!.id}/retry`)).statusCode).toBe(404);
    const [audit] = await queryRows<{ actor_label: string }>(t.db.database.db, sql`select actor_label from audit_log where action = 'webhook.delivery_retry' and entity_id = ${log.items[0]!.id}`);
    expect(audit!.actor_label).toBe('f-grouphr');
    await hr.request('DELETE', `/api/integration/webhooks/${subscription.id}`);
  });

  it('records a receiver that cannot be reached, and holds deliveries of a paused subscription until it resumes', async () => {
    const { subscription } = await subscribe('Paused later', '/resumed');
    await hr.request('PATCH', `/api/integration/webhooks/${subscription.id}`, { active: false });
    // subscribed while active, paused before delivery: the event waits
    await hr.request('PATCH', `/api/integration/webhooks/${subscription.id}`, { active: true });
    await emit('candidate.created', { candidateId: 'c3' });
    await hr.request('PATCH', `/api/integration/webhooks/${subscription.id}`, { active: false });
    await t.services.webhooks.deliverDue();
    expect((await deliveriesOf(subscription.id))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    await hr.request('PATCH', `/api/integration/webhooks/${subscription.id}`, { active: true });
    await t.services.webhooks.deliverDue();
    expect((await deliveriesOf(subscription.id))[0]).toMatchObject({ status: 'sent', attempts: 1 });

    // nothing listens on port 9 (discard) of this host
    await hr.request('PATCH', `/api/integration/webhooks/${subscription.id}`, { url: 'http://127.0.0.1:9/nobody' });
    await emit('candidate.created', { candidateId: 'c4' });
    await t.services.webhooks.deliverDue();
    const failed = (await deliveriesOf(subscription.id)).find((d) => d.status !== 'sent')!;
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(failed.lastError).toBeTruthy();
    await hr.request('DELETE', `/api/integration/webhooks/${subscription.id}`);
  });

  it('lists the delivery log newest first, a page at a time', async () => {
    const { subscription } = await subscribe('Log', '/log');
    for (let i = 0; i < 5; i++) {
      await emit('candidate.created', { n: i });
      t.clock.advance(1000);
    }
    await t.services.webhooks.deliverDue();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await hr.request('GET', `/api/integration/webhooks/${subscription.id}/deliveries?limit=2${q}`)).json<{ items: WebhookDelivery[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.createdAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect((await hr.request('GET', '/api/integration/webhooks/00000000-0000-4000-8000-000000000000/deliveries')).statusCode).toBe(404);
    await hr.request('DELETE', `/api/integration/webhooks/${subscription.id}`);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    await expect(httpTransport({ allowLoopback: true })(`${base}/hang`, { body: '{}', headers: {}, timeoutMs: 200 })).rejects.toThrow('no answer within 0.2 s');
  });
});

describe('targets', () => {
  // a name that resolves to the receiver on this host, as a DNS record pointing inwards would
  const inwards = ((hostname: string, _options: unknown, callback: (err: Error | null, all: { address: string; family: number }[]) => void) =>
    callback(null, [{ address: '127.0.0.1', family: 4 }])) as never;
  const port = () => new URL(base).port;
  const post = { body: '{}', headers: { 'content-type': 'application/json' }, timeoutMs: 2000 };

  it('refuses this host and link-local addresses when a subscription is saved, naming the field', async () => {
    const strict = await createTestApp();
    try {
      await buildOrgFixture(strict.db.database.db, strict.services.fieldCrypto);
      const admin = await strict.login('f-grouphr', FIXTURE_PASSWORD);
      for (const url of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data/', 'http://0.0.0.0/x']) {
        const res = await admin.request('POST', '/api/integration/webhooks', { name: 'Inwards', url, events: ['candidate.created'] });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.details.issues[0].path).toBe('body.url');
      }
      const ok = await admin.request('POST', '/api/integration/webhooks', { name: 'ERP', url: 'http://10.20.30.40/hooks', events: ['candidate.created'] });
      expect(ok.statusCode).toBe(201);
      const moved = await admin.request('PATCH', `/api/integration/webhooks/${ok.json().subscription.id}`, { url: 'http://169.254.169.254/' });
      expect(moved.statusCode).toBe(400);
      expect((await queryRows<{ url: string }>(strict.db.database.db, sql`select url from webhook_subscriptions`)).map((r) => r.url)).toEqual(['http://10.20.30.40/hooks']);
    } finally {
      await strict.close();
    }
  });

  it('checks the address a name resolves to when it connects, and sends nothing inwards', async () => {
    const before = rx.state.received.length;
    await expect(httpTransport({ allowLoopback: false }, inwards)(`http://erp.example.cn:${port()}/inwards`, post)).rejects.toThrow('127.0.0.1 是本机地址');
    await expect(httpTransport({ allowLoopback: false })(`http://127.0.0.1:${port()}/inwards`, post)).rejects.toThrow('refused target');
    expect(rx.state.received.length).toBe(before);
    // where this host is allowed, the same lookup connects (it is the lookup the request uses)
    expect((await httpTransport({ allowLoopback: true }, inwards)(`http://erp.example.cn:${port()}/inwards`, post)).status).toBe(200);
    expect(rx.state.received.at(-1)?.path).toBe('/inwards');
  });
});
