import { describe, expect, it } from 'vitest';
import { fileSize, localize, relativeTime } from './format.ts';

describe('localize', () => {
  it('uses the language asked for, else Chinese', () => {
    expect(localize({ 'zh-CN': '跃升已就绪', 'en-US': 'Uplift is ready' }, 'en-US')).toBe('Uplift is ready');
    expect(localize({ 'zh-CN': '跃升已就绪' }, 'en-US')).toBe('跃升已就绪');
    expect(localize({ 'zh-CN': '跃升已就绪', 'en-US': 'Uplift is ready' }, 'zh-CN')).toBe('跃升已就绪');
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('says "just now" under a minute and picks the largest whole unit after', () => {
    expect(relativeTime('2026-03-01T11:59:30Z', now, 'zh-CN', '刚刚')).toBe('刚刚');
    expect(relativeTime('2026-03-01T11:55:00Z', now, 'zh-CN', '刚刚')).toBe('5分钟前');
    expect(relativeTime('2026-03-01T09:00:00Z', now, 'en-US', 'just now')).toBe('3 hours ago');
    expect(relativeTime('2026-02-28T12:00:00Z', now, 'en-US', 'just now')).toBe('yesterday');
  });
});

describe('fileSize', () => {
  it('scales bytes for people', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(25 * 1024 * 1024)).toBe('25 MB');
  });
});
