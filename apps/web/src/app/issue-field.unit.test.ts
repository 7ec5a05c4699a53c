import { describe, expect, it } from 'vitest';
import { issueField } from './issue-field.ts';

describe('issueField', () => {
  const fields = ['name', 'hrbpIds', 'contract.startDate'];

  it('drops the leading body.', () => {
    expect(issueField('body.name', fields)).toBe('name');
    expect(issueField('name', fields)).toBe('name');
  });

  it('keeps a nested field whole', () => {
    expect(issueField('body.contract.startDate', fields)).toBe('contract.startDate');
  });

  it('puts an item of a list on the list', () => {
    expect(issueField('body.hrbpIds.3', fields)).toBe('hrbpIds');
    expect(issueField('body.hrbpIds', fields)).toBe('hrbpIds');
  });

  it('is null for a field the form does not have', () => {
    expect(issueField('body.leaderId', fields)).toBeNull();
    expect(issueField('body', fields)).toBeNull();
  });
});
