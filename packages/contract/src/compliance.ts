import { z } from 'zod';

const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

/**
 * The compliance guard of a termination for incompetence (劳动合同法 第四十条第二项) and the
 * protected situations of 第四十二条. The guard advises and records; HR decides.
 */

/** 第四十二条: situations in which the employer may not dismiss under 第四十条. HR-only, encrypted at rest. */
export const protectedSituationKinds = [
  'occupational_disease_suspected',
  'occupational_injury_disability',
  'medical_treatment',
  'pregnancy',
  'maternity_leave',
  'nursing',
] as const;
export const protectedSituationKindSchema = z.enum(protectedSituationKinds);
export type ProtectedSituationKind = z.infer<typeof protectedSituationKindSchema>;

export const protectedSituationLabels: Record<ProtectedSituationKind, { 'zh-CN': string; 'en-US': string }> = {
  occupational_disease_suspected: { 'zh-CN': '疑似职业病病人在诊断或者医学观察期间', 'en-US': 'Suspected occupational disease, under diagnosis or medical observation' },
  occupational_injury_disability: { 'zh-CN': '因职业病或者因工负伤并被确认丧失或者部分丧失劳动能力', 'en-US': 'Lost (part of) working ability through occupational disease or work injury' },
  medical_treatment: { 'zh-CN': '患病或者非因工负伤，在规定的医疗期内', 'en-US': 'Medical treatment period for illness or non-work injury' },
  pregnancy: { 'zh-CN': '孕期', 'en-US': 'Pregnancy' },
  maternity_leave: { 'zh-CN': '产期', 'en-US': 'Maternity leave' },
  nursing: { 'zh-CN': '哺乳期', 'en-US': 'Nursing period' },
};

export const createProtectedSituationSchema = z.object({
  kind: protectedSituationKindSchema,
  from: day,
  /** null: ongoing */
  to: day.nullable().default(null),
  note: z.string().trim().max(2000).default(''),
});
export type CreateProtectedSituation = z.infer<typeof createProtectedSituationSchema>;
/** Ending a situation sets its end date; nothing is deleted. */
export const endProtectedSituationSchema = z.object({ to: day });

export const protectedSituationSchema = z.object({
  id: z.uuid(),
  kind: protectedSituationKindSchema,
  label: localized,
  from: day,
  to: day.nullable(),
  note: z.string(),
  recorded: z.object({ name: z.string(), at: z.string() }),
  ended: z.object({ name: z.string(), at: z.string() }).nullable(),
});
export type ProtectedSituation = z.infer<typeof protectedSituationSchema>;

/** Women's statutory category before the reform: 50 (workers) or 55 (cadres); men are 60. */
export const retirementCategories = ['male_60', 'female_50', 'female_55'] as const;
export const retirementCategorySchema = z.enum(retirementCategories);
export type RetirementCategory = z.infer<typeof retirementCategorySchema>;

export const retirementSources = ['entered', 'computed'] as const;
export const setRetirementSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('entered'), date: day, note: z.string().trim().max(2000).default('') }),
  /** computed from the birth date (employee record, else the national ID) and gender; women need the category */
  z.object({ source: z.literal('computed'), category: retirementCategorySchema.optional(), note: z.string().trim().max(2000).default('') }),
]);
export type SetRetirement = z.infer<typeof setRetirementSchema>;

export const retirementSchema = z.object({
  date: day,
  source: z.enum(retirementSources),
  /** computed: birth date, category, original age, months of delay, statutory age */
  basis: z.object({ birthDate: day, category: retirementCategorySchema, originalAge: z.number().int(), delayMonths: z.number().int(), ageYears: z.number().int(), ageMonths: z.number().int() }).nullable(),
  note: z.string(),
  recorded: z.object({ name: z.string(), at: z.string() }),
});
export type Retirement = z.infer<typeof retirementSchema>;

export const protectedRecordSchema = z.object({
  employeeId: z.uuid(),
  serviceStartDate: day,
  situations: z.array(protectedSituationSchema),
  retirement: retirementSchema.nullable(),
});
export type ProtectedRecord = z.infer<typeof protectedRecordSchema>;

/** The six conditions the guard checks before a termination review. */
export const guardConditions = ['standards_acknowledged', 'policy_acknowledged', 'training_or_adjustment', 'reassessment_not_met', 'no_protected_situation', 'union_notified'] as const;
export const guardConditionSchema = z.enum(guardConditions);
export type GuardCondition = z.infer<typeof guardConditionSchema>;

export const guardEvidenceSchema = z.object({ kind: z.string(), id: z.string().nullable(), date: z.string().nullable(), label: z.string() });
export type GuardEvidence = z.infer<typeof guardEvidenceSchema>;
export const guardResultSchema = z.object({ condition: guardConditionSchema, met: z.boolean(), title: localized, explanation: localized, evidence: z.array(guardEvidenceSchema) });
export type GuardResult = z.infer<typeof guardResultSchema>;
export const guardReportSchema = z.object({
  /** the review date, and the last day of employment the review would lead to */
  asOf: day,
  lastDay: day,
  conditions: z.array(guardResultSchema),
  unmet: z.array(guardConditionSchema),
});
export type GuardReport = z.infer<typeof guardReportSchema>;

const cents = z.number().int().min(0).max(1_000_000_000);
export const noticeModes = ['notice', 'pay_in_lieu'] as const;
export const proposeTerminationSchema = z.object({
  union: z.object({ date: day, note: text(2000) }),
  noticeMode: z.enum(noticeModes),
  /** the day written notice is given (default: today) */
  noticeOn: day.optional(),
  /** monthly wages in cents (分), as HR enters them; encrypted at rest */
  wages: z.object({ averageMonthly: cents, lastMonth: cents, localAverageMonthly: cents.min(1) }),
  overrides: z.array(z.object({ condition: guardConditionSchema, reason: text(2000) })).max(6).default([]),
});
export type ProposeTermination = z.infer<typeof proposeTerminationSchema>;
export const decideTerminationSchema = z.object({ decision: z.enum(['approved', 'rejected']), note: text(2000) });

export const compensationSchema = z.object({
  serviceStart: day,
  lastDay: day,
  /** full years and months of service up to the last day */
  serviceYears: z.number().int(),
  serviceMonths: z.number().int(),
  /** months' wages owed, in half months (7 = 3.5 months) */
  halfMonths: z.number().int(),
  monthsCounted: z.number(),
  averageMonthly: z.number().int(),
  capBase: z.number().int(),
  capped: z.boolean(),
  base: z.number().int(),
  total: z.number().int(),
});
export type Compensation = z.infer<typeof compensationSchema>;

export const terminationReviewSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  status: z.enum(['proposed', 'approved', 'rejected']),
  reviewDate: day,
  union: z.object({ date: day, note: z.string() }),
  notice: z.object({ mode: z.enum(noticeModes), givenOn: day, lastDay: day, payInLieu: z.number().int().nullable() }),
  wages: z.object({ averageMonthly: z.number().int(), lastMonth: z.number().int(), localAverageMonthly: z.number().int() }),
  compensation: compensationSchema,
  guard: guardReportSchema,
  overrides: z.array(z.object({ condition: guardConditionSchema, reason: z.string(), by: z.string(), at: z.string() })),
  proposed: z.object({ name: z.string(), at: z.string() }),
  decided: z.object({ decision: z.enum(['approved', 'rejected']), note: z.string(), name: z.string(), at: z.string() }).nullable(),
});
export type TerminationReview = z.infer<typeof terminationReviewSchema>;
export const terminationReviewListSchema = z.object({ items: z.array(terminationReviewSchema) });
