import { describe, expect, it } from 'vitest';
import { defaultPolicySettings, defaultTemplateSettings, type ApprovalNode } from '@uplift/contract';
import { resolveChain, type Approvers } from './approval-chain.ts';
import { overlay } from './effective-template.ts';

const p = (id: string) => ({ id, name: id, employeeNo: id });
const all: Approvers = { direct_manager: p('m'), skip_manager: p('s'), unit_hrbp: p('h'), hr_head: p('hh'), group_hr: p('g') };
const nodes: ApprovalNode[] = [
  { key: 'manager', kind: 'direct_manager', minGrade: null },
  { key: 'skip', kind: 'skip_manager', minGrade: null },
  { key: 'hrbp', kind: 'unit_hrbp', minGrade: null },
  { key: 'hrhead', kind: 'hr_head', minGrade: 'M3' },
];
const summary = (r: ReturnType<typeof resolveChain>) => r.nodes.map((n) => `${n.key}:${n.status}${n.person ? `=${n.person.id}` : ''}${n.escalatedTo ? `→${n.escalatedTo}` : ''}`);

describe('resolveChain', () => {
  it('resolves every node, and adds the grade node only from M3', () => {
    expect(summary(resolveChain(nodes, 'P5', all))).toEqual(['manager:resolved=m', 'skip:resolved=s', 'hrbp:resolved=h', 'hrhead:not_applicable']);
    expect(summary(resolveChain(nodes, 'M3', all))).toEqual(['manager:resolved=m', 'skip:resolved=s', 'hrbp:resolved=h', 'hrhead:resolved=hh']);
  });
  it('escalates a node with nobody to the next one that has somebody', () => {
    const r = resolveChain(nodes, 'M4', { ...all, direct_manager: null, skip_manager: null });
    expect(summary(r)).toEqual(['manager:escalated→hrbp', 'skip:escalated→hrbp', 'hrbp:resolved=h', 'hrhead:resolved=hh']);
    expect(r.complete).toBe(true);
  });
  it('skips nodes that do not apply when escalating, and marks a tail with nobody unresolved', () => {
    const r = resolveChain(nodes, 'P5', { ...all, unit_hrbp: null });
    expect(summary(r)).toEqual(['manager:resolved=m', 'skip:resolved=s', 'hrbp:unresolved', 'hrhead:not_applicable']);
    expect(r.complete).toBe(false);
  });
});

describe('overlay', () => {
  const t = defaultTemplateSettings(defaultPolicySettings);
  const o = (unitId: string, depth: number, values: object) => ({ id: unitId, unitId, unitName: `U${unitId}`, depth, version: 1, values });
  it('the nearest unit wins, whatever order they come in, and sources say who', () => {
    const r = overlay(t, [o('dept', 3, { duration: { defaultDays: 40, minDays: 30, maxDays: 60 } }), o('sub', 1, { duration: { defaultDays: 80, minDays: 30, maxDays: 90 }, cadence: { oneOnOneEveryDays: 14, threePartyEveryDays: 30 } })]);
    expect(r.values.duration.defaultDays).toBe(40);
    expect(r.sources.duration).toEqual({ kind: 'override', unitId: 'dept', unitName: 'Udept' });
    expect(r.sources.cadence).toEqual({ kind: 'override', unitId: 'sub', unitName: 'Usub' });
    expect(r.sources.goalForm).toEqual({ kind: 'template' });
  });
  it('a locked parameter keeps the template value even if an old override has one', () => {
    const r = overlay(t, [o('sub', 1, { outcomes: { allowed: ['passed'] } })]);
    expect(r.values.outcomes).toEqual(t.values.outcomes);
    expect(r.sources.outcomes).toEqual({ kind: 'template' });
  });
});
