import { describe, expect, it } from 'vitest';
import { HOUR } from '../../lib/clock.ts';
import { backoffMs } from './notify.service.ts';

describe('backoffMs', () => {
  it('doubles from 30 seconds and caps at 6 hours', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(6 * HOUR);
  });
});
