import { describe, expect, it } from 'vitest';
import { delegationState } from './pip.away.ts';

describe('delegationState', () => {
  const d = { fromDate: '2026-03-10', toDate: '2026-03-12', revokedAt: null };
  it('is upcoming before, active on both inclusive ends, ended after', () => {
    expect(delegationState(d, '2026-03-09')).toBe('upcoming');
    expect(delegationState(d, '2026-03-10')).toBe('active');
    expect(delegationState(d, '2026-03-12')).toBe('active');
    expect(delegationState(d, '2026-03-13')).toBe('ended');
  });
  it('is revoked whatever the date', () => {
    expect(delegationState({ ...d, revokedAt: new Date('2026-03-11T00:00:00Z') }, '2026-03-11')).toBe('revoked');
  });
});
