import { describe, expect, it } from 'vitest';
import type { GuardCondition } from '@uplift/contract';
import { guardReport, redactProtected, type GuardFacts } from './guard.ts';

const ack = (id: string, on: string, extra: Partial<GuardFacts['goalAcks'][number]> = {}) => ({ id, status: 'confirmed' as const, witnessed: false, on, version: 2, ...extra });

/** A plan whose every condition holds: review on 2026-09-01, notice mode (last day 2026-10-01). */
function facts(change: (f: GuardFacts) => void = () => {}): GuardFacts {
  const f: GuardFacts = {
    asOf: '2026-09-01',
    lastDay: '2026-10-01',
    plan: { id: 'plan', plannedStart: '2026-03-09', plannedEnd: '2026-04-07', goalsVersion: 2 },
    goalAcks: [ack('ack-1', '2026-03-05', { version: 1 }), ack('ack-2', '2026-03-06')],
    policy: { id: 'pol', version: 3, title: '绩效改进制度', adoption: { procedure: 'workers_congress', date: '2026-01-10' }, evidence: [{ id: 'file', name: '职代会决议.pdf' }], ack: { id: 'pack', status: 'confirmed', witnessed: false, on: '2026-02-01' } },
    outcome: { id: 'out', confirmedOn: '2026-04-10' },
    trainings: [{ id: 'tr', topic: '回款技巧', startsOn: '2026-04-20', endsOn: '2026-04-22', attendance: 'attended' }],
    roleAdjustments: [],
    reassessments: [{ id: 'rea', conclusion: 'not_met', goalsVersion: 2, completedOn: '2026-06-30' }],
    situations: [],
    serviceStart: '2024-01-01',
    retirement: null,
    union: { date: '2026-08-28', note: '书面通知工会主席' },
  };
  change(f);
  return f;
}
const status = (f: GuardFacts, c: GuardCondition) => guardReport(f).conditions.find((x) => x.condition === c)!;

describe('the guard', () => {
  it('all met: nothing unmet, each condition names its evidence', () => {
    const r = guardReport(facts());
    expect(r.unmet).toEqual([]);
    expect(r.conditions.map((c) => c.condition)).toEqual(['standards_acknowledged', 'policy_acknowledged', 'training_or_adjustment', 'reassessment_not_met', 'no_protected_situation', 'union_notified']);
    expect(status(facts(), 'standards_acknowledged').evidence[0]).toMatchObject({ kind: 'acknowledgment', id: 'ack-2', date: '2026-03-06' });
    expect(status(facts(), 'policy_acknowledged').evidence.map((e) => e.id)).toEqual(['pol', 'pol', 'file', 'pack']);
    expect(status(facts(), 'training_or_adjustment').evidence.map((e) => e.id)).toEqual(['out', 'tr']);
    for (const c of r.conditions) expect(c.explanation['zh-CN'].length && c.explanation['en-US'].length).toBeTruthy();
  });

  describe('(a) standards acknowledged before the assessed period', () => {
    it('on the planned start day counts; the day after does not', () => {
      expect(status(facts((f) => (f.goalAcks = [ack('a', '2026-03-09')])), 'standards_acknowledged').met).toBe(true);
      const late = status(facts((f) => (f.goalAcks = [ack('a', '2026-03-10')])), 'standards_acknowledged');
      expect(late.met).toBe(false);
      expect(late.explanation['en-US']).toContain('after the planned start');
    });
    it('a witnessed refusal counts; an unwitnessed one and an older goals version do not', () => {
      expect(status(facts((f) => (f.goalAcks = [ack('a', '2026-03-01', { status: 'refused', witnessed: true })])), 'standards_acknowledged').met).toBe(true);
      expect(status(facts((f) => (f.goalAcks = [ack('a', '2026-03-01', { status: 'refused' })])), 'standards_acknowledged').met).toBe(false);
      expect(status(facts((f) => (f.goalAcks = [ack('a', '2026-03-01', { version: 1 })])), 'standards_acknowledged').met).toBe(false);
    });
    it('goals amended and signed again mid-plan: unmet', () => {
      expect(status(facts((f) => (f.goalAcks = [ack('a', '2026-03-01', { version: 1 }), ack('b', '2026-03-20')])), 'standards_acknowledged').met).toBe(false);
    });
  });

  describe('(b) policy adopted and acknowledged', () => {
    it('no policy, no adoption, no evidence file, no acknowledgment: each unmet', () => {
      expect(status(facts((f) => (f.policy = null)), 'policy_acknowledged').met).toBe(false);
      expect(status(facts((f) => (f.policy!.adoption = null)), 'policy_acknowledged').explanation['en-US']).toContain('democratic procedure');
      expect(status(facts((f) => (f.policy!.evidence = [])), 'policy_acknowledged').explanation['en-US']).toContain('no evidence');
      expect(status(facts((f) => (f.policy!.ack = null)), 'policy_acknowledged').explanation['en-US']).toContain('not acknowledged version 3');
    });
  });

  describe('(c) training or role adjustment after the outcome', () => {
    it('absent, not yet held, or before the outcome: unmet; partial attendance counts', () => {
      expect(status(facts((f) => (f.outcome = null)), 'training_or_adjustment').met).toBe(false);
      expect(status(facts((f) => (f.trainings[0]!.attendance = 'absent')), 'training_or_adjustment').met).toBe(false);
      expect(status(facts((f) => (f.trainings[0]!.attendance = null)), 'training_or_adjustment').met).toBe(false);
      expect(status(facts((f) => (f.trainings[0]!.startsOn = '2026-04-01')), 'training_or_adjustment').evidence.at(-1)!.label).toContain('早于评审结果');
      expect(status(facts((f) => (f.trainings[0]!.attendance = 'partial')), 'training_or_adjustment').met).toBe(true);
    });
    it('a role adjustment counts with the signed notice or a witnessed refusal, not without', () => {
      const adj = (a: GuardFacts['roleAdjustments'][number]['ack']) => facts((f) => {
        f.trainings = [];
        f.roleAdjustments = [{ id: 'ra', toPosition: '销售助理', effectiveOn: '2026-05-01', createdOn: '2026-04-15', ack: a }];
      });
      expect(status(adj(null), 'training_or_adjustment').met).toBe(false);
      expect(status(adj({ id: 'x', status: 'refused', witnessed: false, on: '2026-04-16' }), 'training_or_adjustment').met).toBe(false);
      expect(status(adj({ id: 'x', status: 'refused', witnessed: true, on: '2026-04-16' }), 'training_or_adjustment').met).toBe(true);
      expect(status(adj({ id: 'x', status: 'confirmed', witnessed: false, on: '2026-04-16' }), 'training_or_adjustment').evidence[1]).toMatchObject({ kind: 'role_adjustment', id: 'ra' });
    });
  });

  describe('(d) re-assessment on the same standard still not met', () => {
    it('none, met, another goals version, or before the training: unmet', () => {
      expect(status(facts((f) => (f.reassessments = [])), 'reassessment_not_met').met).toBe(false);
      expect(status(facts((f) => (f.reassessments[0]!.conclusion = 'met')), 'reassessment_not_met').met).toBe(false);
      expect(status(facts((f) => (f.reassessments[0]!.goalsVersion = 1)), 'reassessment_not_met').explanation['en-US']).toContain('not the same standard');
      expect(status(facts((f) => (f.reassessments[0]!.completedOn = '2026-04-21')), 'reassessment_not_met').met).toBe(false);
    });
    it('the latest one decides', () => {
      expect(status(facts((f) => f.reassessments.push({ id: 'later', conclusion: 'met', goalsVersion: 2, completedOn: '2026-07-30' })), 'reassessment_not_met').met).toBe(false);
    });
  });

  describe('(e) no protected situation (第四十二条)', () => {
    for (const kind of ['occupational_disease_suspected', 'occupational_injury_disability', 'medical_treatment', 'pregnancy', 'maternity_leave', 'nursing'] as const) {
      it(`${kind} blocks while active`, () => {
        const c = status(facts((f) => (f.situations = [{ id: 's', kind, from: '2026-08-01', to: null }])), 'no_protected_situation');
        expect(c.met).toBe(false);
        expect(c.evidence[0]).toMatchObject({ kind: 'protected_situation', id: 's' });
      });
    }
    it('an ended one does not; one ending inside the notice period, or starting in it, does', () => {
      expect(status(facts((f) => (f.situations = [{ id: 's', kind: 'pregnancy', from: '2025-01-01', to: '2026-08-31' }])), 'no_protected_situation').met).toBe(true);
      expect(status(facts((f) => (f.situations = [{ id: 's', kind: 'nursing', from: '2025-01-01', to: '2026-09-01' }])), 'no_protected_situation').met).toBe(false);
      expect(status(facts((f) => (f.situations = [{ id: 's', kind: 'maternity_leave', from: '2026-09-20', to: null }])), 'no_protected_situation').met).toBe(false);
    });
    it('15+ years and within 5 years of retirement blocks; either alone does not; unknown retirement blocks only from 15 years', () => {
      const long = (retirement: GuardFacts['retirement'], serviceStart = '2011-10-01') => status(facts((f) => Object.assign(f, { serviceStart, retirement })), 'no_protected_situation');
      // 15 years on 2026-09-30: the last day 2026-10-01 is past it
      expect(long({ date: '2031-10-01', source: 'computed' }).met).toBe(false);
      expect(long({ date: '2031-10-02', source: 'computed' }).met).toBe(true);
      expect(long(null).explanation['en-US']).toContain('HR must enter or compute it');
      // 15 years only on 2026-10-02, after the last day
      expect(long({ date: '2027-01-01', source: 'entered' }, '2011-10-03').met).toBe(true);
      expect(long(null, '2011-10-03').met).toBe(true);
    });
  });

  describe('(f) union notified', () => {
    it('none, or dated after the review: unmet', () => {
      expect(status(facts((f) => (f.union = null)), 'union_notified').met).toBe(false);
      expect(status(facts((f) => (f.union!.date = '2026-09-02')), 'union_notified').met).toBe(false);
      expect(status(facts((f) => (f.union!.date = '2026-09-01')), 'union_notified').met).toBe(true);
    });
  });

  it('redacted for those without HR rights: the kind of situation is not named', () => {
    const r = redactProtected(guardReport(facts((f) => (f.situations = [{ id: 's', kind: 'pregnancy', from: '2026-08-01', to: null }]))));
    const c = r.conditions.find((x) => x.condition === 'no_protected_situation')!;
    expect(JSON.stringify(c)).not.toContain('孕期');
    expect(c.met).toBe(false);
  });
});
