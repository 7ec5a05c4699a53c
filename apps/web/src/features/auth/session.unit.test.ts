import { describe, expect, it } from 'vitest';
import { hasAnyRole, hrRoles, loginState, ownRecordOnly } from './session.ts';

describe('loginState', () => {
  it('returns to in-app paths only, never to /login or another site', () => {
    expect(loginState({ from: '/admin/system', expired: true })).toEqual({ from: '/admin/system', expired: true });
    expect(loginState({ from: 'https://evil.example/' })).toEqual({ from: null, expired: false });
    expect(loginState({ from: '//evil.example/' }).from).toBeNull();
    expect(loginState({ from: '/\\evil.example/' }).from).toBeNull();
    expect(loginState({ from: '/login' }).from).toBeNull();
    expect(loginState(null)).toEqual({ from: null, expired: false });
  });
});

describe('role helpers', () => {
  const emp = '5b0b7f38-3f2e-4b8e-9a55-2d6a1c3f0a11';

  it('hasAnyRole matches any one of the roles', () => {
    expect(hasAnyRole({ roles: ['hrbp'] }, hrRoles)).toBe(true);
    expect(hasAnyRole({ roles: ['executive', 'auditor'] }, hrRoles)).toBe(false);
    expect(hasAnyRole({ roles: [] }, hrRoles)).toBe(false);
  });

  it('ownRecordOnly is the employee id of a user without roles or reports', () => {
    expect(ownRecordOnly({ roles: [], employeeId: emp, isManager: false })).toBe(emp);
    expect(ownRecordOnly({ roles: [], employeeId: emp, isManager: true })).toBeNull();
    expect(ownRecordOnly({ roles: ['auditor'], employeeId: emp, isManager: false })).toBeNull();
    expect(ownRecordOnly({ roles: [], employeeId: null })).toBeNull();
    expect(ownRecordOnly({ roles: [] })).toBeNull();
  });
});
