import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirLockedError, lockDataDir } from './lock.ts';

describe('lockDataDir', () => {
  it('refuses a live holder and takes over a lock left by a dead process', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'uplift-lock-'));
    // pid 1 is always alive: a lock held by it must be refused
    writeFileSync(path.join(dir, 'uplift.lock'), JSON.stringify({ pid: 1, startedAt: 'x' }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    // a pid that cannot exist: stale, taken over
    writeFileSync(path.join(dir, 'uplift.lock'), JSON.stringify({ pid: 2 ** 22 + 1, startedAt: 'x' }));
    const lock = lockDataDir(dir);
    lock.release();
    const again = lockDataDir(dir);
    again.release();
  });
});
