import { describe, expect, it } from 'vitest';
import { issuedLines, namedSkips } from './accounts.ts';

const a = { employeeId: 'e1', employeeNo: 'E001', name: '陈一', username: 'chen.yi', initialPassword: 'Abc-123-xyz' };

describe('issued account lines', () => {
  it('puts one person a line, tab-separated: number, name, username, password', () => {
    expect(issuedLines([a, { ...a, employeeId: 'e2', employeeNo: 'E002', name: '林二', username: 'lin.er', initialPassword: 'Xyz-987' }])).toBe(
      'E001\t陈一\tchen.yi\tAbc-123-xyz\nE002\t林二\tlin.er\tXyz-987',
    );
  });

  it('keeps tabs and line breaks inside a value from breaking the columns', () => {
    expect(issuedLines([{ ...a, name: '陈\t一\n' }])).toBe('E001\t陈 一 \tchen.yi\tAbc-123-xyz');
  });

  it('is empty for nobody', () => {
    expect(issuedLines([])).toBe('');
  });
});

describe('skipped people', () => {
  it('names them where the name is known, else shows the id', () => {
    expect(namedSkips([{ employeeId: 'e1', reason: '已有账号' }, { employeeId: 'e9', reason: '已离职' }], new Map([['e1', '陈一']]))).toEqual([
      { employeeId: 'e1', name: '陈一', reason: '已有账号' },
      { employeeId: 'e9', name: 'e9', reason: '已离职' },
    ]);
  });
});
