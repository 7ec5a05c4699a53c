import { describe, expect, it } from 'vitest';
import { canonicalJson, checkpointSignatureValid, GENESIS_HASH, hashRecord, redact, signCheckpoint } from './audit.chain.ts';

const base = {
  seq: 1,
  at: new Date('2026-03-02T01:00:00.000Z'),
  actorId: 'u1',
  actorLabel: 'admin',
  action: 'user.create',
  entityType: 'user',
  entityId: 'e1',
  before: null,
  after: { b: 1, a: { d: [1, 2], c: '中文' } },
  requestId: 'r1',
  prevHash: GENESIS_HASH,
};

describe('canonicalJson', () => {
  it('sorts keys at every depth so jsonb key order does not change the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ z: 1, y: 2 }] } })).toBe('{"a":{"c":[{"y":2,"z":1}],"d":2},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});

describe('hashRecord', () => {
  it('is stable for equal content and changes with any field or the previous hash', () => {
    const h = hashRecord(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecord({ ...base, after: { a: { c: '中文', d: [1, 2] }, b: 1 } })).toBe(h);
    for (const change of [{ seq: 2 }, { actorLabel: 'x' }, { action: 'user.update' }, { after: { b: 2 } }, { prevHash: 'f'.repeat(64) }, { at: new Date('2026-03-02T01:00:00.001Z') }]) {
      expect(hashRecord({ ...base, ...change })).not.toBe(h);
    }
  });
});

describe('checkpoint signatures', () => {
  const key = Buffer.alloc(32, 7);
  const cp = { seq: 10, hash: 'a'.repeat(64), at: new Date('2026-03-02T00:30:00.000Z') };
  it('verify only with the same key and content', () => {
    const signature = signCheckpoint(key, cp);
    expect(checkpointSignatureValid(key, { ...cp, signature })).toBe(true);
    expect(checkpointSignatureValid(Buffer.alloc(32, 8), { ...cp, signature })).toBe(false);
    expect(checkpointSignatureValid(key, { ...cp, seq: 11, signature })).toBe(false);
    expect(checkpointSignatureValid(key, { ...cp, signature: 'zz' })).toBe(false);
  });
});

describe('redact', () => {
  it('hides sensitive values at any depth and keeps the rest', () => {
    expect(redact({ username: 'a', password: 'p', nested: { mobile: '13800001234', list: [{ apiToken: 't', ok: 1 }] }, email: null })).toEqual({
      username: 'a',
      password: '[redacted]',
      nested: { mobile: '[redacted]', list: [{ apiToken: '[redacted]', ok: 1 }] },
      email: null,
    });
  });
});
