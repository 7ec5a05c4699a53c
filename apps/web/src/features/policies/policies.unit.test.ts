import { describe, expect, it } from 'vitest';
import { ackChartOption } from '../../charts/ack-chart.ts';
import { parseReminderDays, sha256Hex, splitList } from './policies.ts';

describe('policy helpers', () => {
  it('hashes like the server (SHA-256 hex of UTF-8)', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('parses reminder days and lists', () => {
    expect(parseReminderDays('7, 3，3 x 0 100')).toEqual([3, 7]);
    expect(splitList('连续未达标、 重大违规\n能力不足,')).toEqual(['连续未达标', '重大违规', '能力不足']);
  });
  it('stacks confirmed / refused / pending per unit', () => {
    const o = ackChartOption({ totals: { confirmed: 3, refused: 1, pending: 2 }, units: [{ unitId: 'u', unitName: '研发部', confirmed: 3, refused: 1, pending: 2 }] }, { confirmed: '已确认', refused: '拒签', pending: '未确认' });
    expect(o.yAxis).toMatchObject({ data: ['研发部'] });
    expect((o.series as { name: string; data: number[] }[]).map((s) => [s.name, s.data[0]])).toEqual([
      ['已确认', 3],
      ['拒签', 1],
      ['未确认', 2],
    ]);
  });
});
