import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers a delivery carries besides Content-Type. */
export const WEBHOOK_HEADERS = {
  event: 'x-uplift-event',
  delivery: 'x-uplift-delivery',
  timestamp: 'x-uplift-timestamp',
  signature: 'x-uplift-signature',
} as const;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed so a capture cannot be replayed later. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute the signature over the raw body, compare in constant time, and
 * refuse timestamps further than `toleranceSeconds` from its own clock.
 */
export function verifyWebhook(input: { secret: string; body: string; timestamp: string; signature: string; now: Date; toleranceSeconds?: number }): boolean {
  const ts = Number(input.timestamp);
  if (!Number.isInteger(ts) || Math.abs(input.now.getTime() / 1000 - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, input.timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
