import { describe, expect, it } from 'vitest';
import { loginState } from './session.ts';

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
