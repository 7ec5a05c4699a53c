import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = JSON.stringify({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', event: 'candidate.created', data: { name: '张三' } });
  const now = new Date('2026-03-02T01:00:00Z');
  const ts = String(now.getTime() / 1000);

  it('is the hex HMAC-SHA256 of "<timestamp>.<body>", prefixed sha256=', () => {
    expect(signWebhook(secret, ts, body)).toBe(`sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`);
  });

  it('verifies the signed body and nothing else', () => {
    const signature = signWebhook(secret, ts, body);
    expect(verifyWebhook({ secret, body, timestamp: ts, signature, now })).toBe(true);
    expect(verifyWebhook({ secret, body: `${body} `, timestamp: ts, signature, now })).toBe(false);
    expect(verifyWebhook({ secret: 'whsec_other', body, timestamp: ts, signature, now })).toBe(false);
    expect(verifyWebhook({ secret, body, timestamp: String(Number(ts) + 1), signature, now })).toBe(false);
    expect(verifyWebhook({ secret, body, timestamp: ts, signature: 'sha256=00', now })).toBe(false);
  });

  it('refuses a timestamp outside the tolerance (a replayed capture)', () => {
    const signature = signWebhook(secret, ts, body);
    expect(verifyWebhook({ secret, body, timestamp: ts, signature, now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifyWebhook({ secret, body, timestamp: ts, signature, now: new Date(now.getTime() + 299_000) })).toBe(true);
  });
});
