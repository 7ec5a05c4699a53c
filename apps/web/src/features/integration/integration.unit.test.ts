import { describe, expect, it } from 'vitest';
import { apiOperations, webhookEvents } from '@uplift/contract';
import { integrationEnUS } from '../../i18n/integration.en-us.ts';
import { integrationZhCN } from '../../i18n/integration.zh-cn.ts';
import { deliveryStatusColor, expiresAtIn, expiringSoon, labelKey, tokenLifetimes, tokenStatusColor, urlHost } from './integration.ts';

describe('integration helpers', () => {
  const now = new Date('2026-03-02T01:00:00.000Z');

  it('offers lifetimes the server accepts and computes the expiry from now', () => {
    expect(tokenLifetimes.at(-1)).toBe(730);
    expect(expiresAtIn(30, now)).toBe('2026-04-01T01:00:00.000Z');
  });

  it('flags active tokens that expire within two weeks, not expired or revoked ones', () => {
    expect(expiringSoon({ status: 'active', expiresAt: '2026-03-10T00:00:00.000Z' }, now)).toBe(true);
    expect(expiringSoon({ status: 'active', expiresAt: '2026-04-10T00:00:00.000Z' }, now)).toBe(false);
    expect(expiringSoon({ status: 'revoked', expiresAt: '2026-03-10T00:00:00.000Z' }, now)).toBe(false);
    expect(expiringSoon({ status: 'expired', expiresAt: '2026-03-01T00:00:00.000Z' }, now)).toBe(false);
  });

  it('has a label in both languages for every operation and event, under a key i18next can look up', () => {
    expect(labelKey('results:write')).toBe('results_write');
    expect(labelKey('candidate.created')).toBe('candidate_created');
    for (const messages of [integrationZhCN, integrationEnUS]) {
      for (const o of apiOperations) expect(messages.operations[labelKey(o)]).toBeTruthy();
      for (const e of webhookEvents) expect(messages.events[labelKey(e)]).toBeTruthy();
    }
  });

  it('colours statuses and shortens URLs for phones', () => {
    expect(tokenStatusColor('active')).toBe('green');
    expect(deliveryStatusColor('dead')).toBe('red');
    expect(urlHost('https://erp.example.com:8443/hooks?x=1')).toBe('erp.example.com:8443');
    expect(urlHost('not a url')).toBe('not a url');
  });
});
