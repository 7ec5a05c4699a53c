import { describe, expect, it } from 'vitest';
import { likeEscape, slices } from './sql-helpers.ts';

describe('sql helpers', () => {
  it('escapes what LIKE would read as a pattern', () => {
    expect(likeEscape('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(likeEscape('王小明')).toBe('王小明');
  });

  it('slices rows for inserts, the last slice the rest', () => {
    expect([...slices([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...slices([], 2)]).toEqual([]);
  });
});
