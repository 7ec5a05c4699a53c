import { describe, expect, it } from 'vitest';
import { changeLines, type ChangeNames } from './history.ts';

const unitA = '11111111-1111-4111-8111-111111111111';
const unitB = '22222222-2222-4222-8222-222222222222';
const boss = '33333333-3333-4333-8333-333333333333';
const stranger = '44444444-4444-4444-8444-444444444444';

const names: ChangeNames = {
  unit: (id) => ({ [unitA]: '研发部', [unitB]: '测试部' })[id] ?? null,
  person: (id) => (id === boss ? '王经理' : null),
  status: (s) => ({ probation: '试用期', active: '在职', left: '离职' })[s] ?? s,
};

describe('changeLines', () => {
  it('puts the fields in reading order and names ids and statuses', () => {
    const lines = changeLines(
      {
        grade: { from: 'P5', to: 'P6' },
        status: { from: 'probation', to: 'active' },
        unitId: { from: unitA, to: unitB },
        managerId: { from: null, to: boss },
      },
      names,
    );
    expect(lines).toEqual([
      { field: 'unitId', from: '研发部', to: '测试部' },
      { field: 'managerId', from: null, to: '王经理' },
      { field: 'grade', from: 'P5', to: 'P6' },
      { field: 'status', from: '试用期', to: '在职' },
    ]);
  });

  it('shows an id it cannot name by its first block, and keeps unknown fields at the end', () => {
    const lines = changeLines({ zeta: { from: 1, to: 2 }, managerId: { from: stranger, to: null } }, names);
    expect(lines).toEqual([
      { field: 'managerId', from: '#44444444', to: null },
      { field: 'zeta', from: '1', to: '2' },
    ]);
  });

  it('leaves out fields whose value did not change, like the empty manager of a hire', () => {
    expect(changeLines({ managerId: { from: null, to: null }, position: { from: null, to: '工程师' } }, names)).toEqual([{ field: 'position', from: null, to: '工程师' }]);
  });
});
