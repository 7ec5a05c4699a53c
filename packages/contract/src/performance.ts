import { z } from 'zod';

const day = z.iso.date();
const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

export const cycleTypes = ['monthly', 'quarterly', 'half_yearly', 'annual'] as const;
export const cycleTypeSchema = z.enum(cycleTypes);
export type CycleType = z.infer<typeof cycleTypeSchema>;
export const DEFAULT_GRADES = ['S', 'A', 'B', 'C', 'D'] as const;

export const cycleSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: cycleTypeSchema,
  ownerUnitId: z.uuid(),
  ownerUnitName: z.string(),
  startDate: day,
  endDate: day,
  status: z.enum(['open', 'closed']),
  /** best first */
  grades: z.array(z.string()),
  closedAt: z.iso.datetime().nullable(),
  /** results recorded in this cycle (within the caller's aggregate scope) */
  results: z.number().int().nullable(),
});
export type Cycle = z.infer<typeof cycleSchema>;
export const cyclesSchema = z.object({ items: z.array(cycleSchema) });

const code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、_ 和 -');
export const createCycleSchema = z
  .object({
    code,
    name: z.string().trim().min(1).max(100),
    type: cycleTypeSchema,
    ownerUnitId: z.uuid(),
    startDate: day,
    endDate: day,
    grades: z.array(z.string().trim().min(1).max(10)).min(2).max(10).optional(),
  })
  .refine((c) => c.endDate >= c.startDate, { path: ['endDate'], message: '结束日期不能早于开始日期' });
export type CreateCycle = z.infer<typeof createCycleSchema>;

export const resultSources = ['import', 'api', 'manual'] as const;

export const resultSchema = z.object({
  id: z.uuid(),
  cycleId: z.uuid(),
  cycleCode: z.string(),
  cycleName: z.string(),
  cycleType: cycleTypeSchema,
  cycleStatus: z.enum(['open', 'closed']),
  startDate: day,
  endDate: day,
  score: z.number().nullable(),
  target: z.number().nullable(),
  achievement: z.number().nullable(),
  grade: z.string().nullable(),
  grades: z.array(z.string()),
  evaluatorName: z.string().nullable(),
  comment: z.string().nullable(),
  source: z.enum(resultSources),
  version: z.number().int(),
  corrections: z.array(z.object({ at: z.iso.datetime(), by: z.string().nullable(), reason: z.string(), before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) })),
});
export type PerformanceResult = z.infer<typeof resultSchema>;

/** A manual result or a correction of one (a correction needs its reason). */
export const putResultSchema = z.object({
  score: z.number().min(0).max(100000).nullable().optional(),
  target: z.number().min(0).max(1e10).nullable().optional(),
  achievement: z.number().min(0).max(1000).nullable().optional(),
  grade: z.string().trim().max(10).nullable().optional(),
  comment: z.string().trim().max(2000).nullable().optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type PutResult = z.infer<typeof putResultSchema>;

export const workLogSchema = z.object({ id: z.uuid(), date: day, hours: z.number(), summary: z.string(), tags: z.array(z.string()), source: z.enum(resultSources) });
export const sentimentSchema = z.enum(['positive', 'neutral', 'negative']);
export const feedbackSchema = z.object({ id: z.uuid(), date: day, customer: z.string(), channel: z.string(), rating: z.number().int(), sentiment: sentimentSchema, text: z.string(), source: z.enum(resultSources) });

export const ruleKinds = ['consecutive_below', 'rolling_average_below', 'negative_feedback', 'grade_count'] as const;
export const ruleKindSchema = z.enum(ruleKinds);
export type RuleKind = z.infer<typeof ruleKindSchema>;
export const ruleMetricSchema = z.enum(['achievement', 'score', 'grade']);

/** The parameters of each kind of rule. */
export const ruleParamsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('consecutive_below'), cycleType: cycleTypeSchema, metric: ruleMetricSchema, threshold: z.union([z.number(), z.string().min(1).max(10)]), cycles: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('rolling_average_below'), cycleType: cycleTypeSchema, metric: z.enum(['achievement', 'score']), threshold: z.number(), window: z.number().int().min(2).max(12) }),
  z.object({ kind: z.literal('negative_feedback'), count: z.number().int().min(1).max(100), days: z.number().int().min(1).max(730) }),
  z.object({ kind: z.literal('grade_count'), cycleType: cycleTypeSchema, grades: z.array(z.string().min(1).max(10)).min(1), times: z.number().int().min(1).max(12), cycles: z.number().int().min(1).max(12) }),
]);
export type RuleParams = z.infer<typeof ruleParamsSchema>;

export const ruleScopeSchema = z.object({
  unitIds: z.array(z.uuid()).max(200).default([]),
  positions: z.array(z.string().max(100)).max(200).default([]),
  grades: z.array(z.string().max(20)).max(200).default([]),
  minTenureDays: z.number().int().min(0).max(36500).default(0),
  /** statuses never flagged; probation and left by default */
  excludeStatuses: z.array(z.enum(['probation', 'active', 'on_leave', 'left'])).default(['probation', 'left']),
});
export type RuleScope = z.infer<typeof ruleScopeSchema>;

export const ruleSchema = z.object({
  id: z.uuid(),
  ownerUnitId: z.uuid(),
  ownerUnitName: z.string(),
  name: z.string(),
  params: ruleParamsSchema,
  scope: ruleScopeSchema,
  enabled: z.boolean(),
  version: z.number().int(),
  description: localized,
  openCandidates: z.number().int(),
  updatedAt: z.iso.datetime(),
  canWrite: z.boolean(),
});
export type TriggerRule = z.infer<typeof ruleSchema>;
export const rulesSchema = z.object({ items: z.array(ruleSchema) });
export const saveRuleSchema = z.object({ ownerUnitId: z.uuid(), name: z.string().trim().min(1).max(100), params: ruleParamsSchema, scope: ruleScopeSchema });
export type SaveRule = z.infer<typeof saveRuleSchema>;

/** The facts a candidate was raised on: the rule as it was and the values it looked at. */
export const evidenceSchema = z.object({
  rule: z.object({ id: z.uuid(), name: z.string(), version: z.number().int(), params: ruleParamsSchema }),
  description: localized,
  cycles: z.array(z.object({ code: z.string(), name: z.string(), endDate: day, achievement: z.number().nullable(), score: z.number().nullable(), grade: z.string().nullable() })).default([]),
  feedback: z.array(z.object({ date: day, customer: z.string(), rating: z.number().int(), text: z.string() })).default([]),
  value: z.number().nullable().default(null),
  evaluatedAt: z.iso.datetime(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const candidateStatuses = ['open', 'dismissed', 'converted', 'closed'] as const;
export const candidateSchema = z.object({
  id: z.uuid(),
  employee: z.object({ id: z.uuid(), employeeNo: z.string(), name: z.string(), unitName: z.string(), position: z.string() }),
  rule: z.object({ id: z.uuid(), name: z.string(), version: z.number().int() }),
  status: z.enum(candidateStatuses),
  evidence: evidenceSchema,
  assignedHrbp: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  closedReason: z.string().nullable(),
  dismissReason: z.string().nullable(),
  snoozeUntil: day.nullable(),
  createdAt: z.iso.datetime(),
});
export type Candidate = z.infer<typeof candidateSchema>;
export const candidateQuerySchema = z.object({
  status: z.enum(candidateStatuses).default('open'),
  ruleId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export const candidatePageSchema = z.object({ items: z.array(candidateSchema), nextCursor: z.string().nullable(), total: z.number().int() });
export const assignCandidateSchema = z.object({ hrbpId: z.uuid() });
export const dismissCandidateSchema = z.object({ reason: z.string().trim().min(2).max(500), snooze: z.boolean().default(false) });

export const rulePreviewSchema = z.object({
  matches: z.number().int(),
  /** a sample of who the rule would flag now, with evidence */
  items: z.array(z.object({ employee: candidateSchema.shape.employee, evidence: evidenceSchema })),
});

/** The employee's performance file (绩效全周期档案). Candidates appear only for HR and the manager chain. */
export const performanceFileSchema = z.object({
  employee: z.object({ id: z.uuid(), employeeNo: z.string(), name: z.string(), unitName: z.string(), position: z.string(), grade: z.string(), status: z.string() }),
  results: z.array(resultSchema),
  /** thresholds of the enabled rules that apply to this employee (for the chart's mark lines) */
  thresholds: z.array(z.object({ ruleName: z.string(), metric: ruleMetricSchema, value: z.union([z.number(), z.string()]) })),
  workLogs: z.array(workLogSchema),
  feedback: z.array(feedbackSchema),
  /** null: not shown to this caller (the employee's own view never shows candidacies) */
  candidates: z.array(candidateSchema).nullable(),
  canEditResults: z.boolean(),
});
export type PerformanceFile = z.infer<typeof performanceFileSchema>;
