import { describe, expect, it } from 'vitest';
import { computeSyncDiff, normaliseMobile, syncHash, type SyncEmployee, type SyncInputs, type SyncMember } from './wecom-sync.diff.ts';

const masters = { name: 'uplift', unit: 'uplift', manager: 'uplift', position: 'uplift', status: 'uplift' } as const;
const units = [
  { id: 'u-root', parentId: null, deptId: 1, name: '集团' },
  { id: 'u-a', parentId: 'u-root', deptId: 2, name: '研发' },
  { id: 'u-a1', parentId: 'u-a', deptId: null, name: '研发一组' },
];
const emp = (p: Partial<SyncEmployee> & { id: string; no: string }): SyncEmployee => ({ name: p.id, unitId: 'u-a1', managerId: null, status: 'active', position: '工程师', userid: null, mobileBidx: null, ...p });
const mem = (p: Partial<SyncMember> & { userid: string }): SyncMember => ({ name: p.userid, main_department: 2, direct_leader: [], status: 1, position: '工程师', ...p });
const inputs = (employees: SyncEmployee[], members: SyncMember[], m: SyncInputs['masters'] = masters): SyncInputs => ({
  departments: [{ id: 1, name: '集团', parentid: 0 }, { id: 2, name: '研发', parentid: 1 }, { id: 3, name: '新部门', parentid: 1 }],
  members: new Map(members.map((x) => [x.userid, x])),
  employees,
  units,
  masters: m,
});
const bidx = (m: string) => `b:${m}`;

describe('computeSyncDiff', () => {
  it('links by employee number (case-insensitive, or alias) before mobile, and an ambiguous mobile links nobody', () => {
    const d = computeSyncDiff(
      inputs(
        [emp({ id: 'e1', no: 'A001' }), emp({ id: 'e2', no: 'A002', mobileBidx: 'b:13900000002' }), emp({ id: 'e3', no: 'A003', mobileBidx: 'b:13900000009' }), emp({ id: 'e4', no: 'A004', mobileBidx: 'b:13900000009' }), emp({ id: 'e5', no: 'A005' })],
        [mem({ userid: 'a001' }), mem({ userid: 'zhang', mobile: '+86 13900000002' }), mem({ userid: 'dup', mobile: '13900000009' }), mem({ userid: 'li', alias: 'A005' })],
      ),
      'full',
      bidx,
    );
    expect(d.links.map((l) => [l.employeeId, l.userid, l.by])).toEqual([
      ['e1', 'a001', 'employee_no'],
      ['e2', 'zhang', 'mobile'],
      ['e5', 'li', 'employee_no'],
    ]);
  });

  it('updates WeCom-master fields, reports Uplift-master ones, and lists unmapped departments', () => {
    const es = [emp({ id: 'boss', no: 'B1', userid: 'b1', unitId: 'u-a' }), emp({ id: 'e1', no: 'A1', userid: 'a1', unitId: 'u-root', name: '张三', managerId: null })];
    const ms = [mem({ userid: 'b1', name: 'boss' }), mem({ userid: 'a1', name: '张三丰', main_department: 2, direct_leader: ['b1'], position: '架构师' })];
    const d = computeSyncDiff(inputs(es, ms, { ...masters, unit: 'wecom', manager: 'wecom' }), 'full', bidx);
    expect(d.updates.map((u) => [u.field, u.to])).toEqual([
      ['unit', 'u-a'],
      ['manager', 'boss'],
    ]);
    expect(d.differences.map((x) => [x.field, x.uplift, x.wecom])).toEqual([
      ['name', '张三', '张三丰'],
      ['position', '工程师', '架构师'],
    ]);
    expect(d.unmappedDepartments.map((x) => x.id)).toEqual([3]);
  });

  it('treats deleted members as leavers in full mode only, and left members only when WeCom is master of status', () => {
    const es = [emp({ id: 'gone', no: 'G', userid: 'g' }), emp({ id: 'quit', no: 'Q', userid: 'q' })];
    const ms = [mem({ userid: 'q', status: 5 })];
    expect(computeSyncDiff(inputs(es, ms), 'full', bidx).leavers.map((l) => [l.employeeId, l.reason])).toEqual([['gone', 'deleted']]);
    expect(computeSyncDiff(inputs(es, ms, { ...masters, status: 'wecom' }), 'full', bidx).leavers.map((l) => l.reason).sort()).toEqual(['deleted', 'left']);
    expect(computeSyncDiff(inputs(es, ms, { ...masters, status: 'wecom' }), 'daily', bidx).leavers).toEqual([]);
  });

  it('fingerprints the inputs: any change of directory, org or settings changes the hash', () => {
    const base = inputs([emp({ id: 'e1', no: 'A1', userid: 'a1' })], [mem({ userid: 'a1' })]);
    const h = syncHash(base, 'full');
    expect(syncHash(inputs([emp({ id: 'e1', no: 'A1', userid: 'a1' })], [mem({ userid: 'a1' })]), 'full')).toBe(h);
    expect(syncHash(inputs([emp({ id: 'e1', no: 'A1', userid: 'a1' })], [mem({ userid: 'a1', position: '变' })]), 'full')).not.toBe(h);
    expect(syncHash(inputs([emp({ id: 'e1', no: 'A1', userid: 'a1', managerId: 'x' })], [mem({ userid: 'a1' })]), 'full')).not.toBe(h);
    expect(syncHash({ ...base, masters: { ...masters, name: 'wecom' } }, 'full')).not.toBe(h);
    expect(normaliseMobile('+86 13900000002')).toBe('13900000002');
  });
});
