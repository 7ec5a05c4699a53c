import { z } from 'zod';
import { evaluationPointSchema, goalFieldSchema, pipOutcomeSchema } from './policy-settings.ts';

/**
 * The group's standard PIP workflow template (流程模板). Each parameter carries its value, a
 * lock and bounds: units may override an unlocked parameter within its bounds; the policy in
 * force sets the outer bounds of both. Values are checked field by field on save.
 */

export const templateParamKeys = ['approvalChain', 'goalForm', 'duration', 'cadence', 'evaluation', 'reminders', 'outcomes', 'extension'] as const;
export const templateParamKeySchema = z.enum(templateParamKeys);
export type TemplateParamKey = z.infer<typeof templateParamKeySchema>;

/** Who an approval node resolves to. */
export const approverKinds = ['direct_manager', 'skip_manager', 'unit_hrbp', 'hr_head', 'group_hr'] as const;
export const approverKindSchema = z.enum(approverKinds);
export type ApproverKind = z.infer<typeof approverKindSchema>;

const gradeSchema = z.string().trim().min(1).max(20).regex(/^[A-Za-z]+\d+$/, '职级格式如 M3、P5');

export const approvalNodeSchema = z.object({
  key: z.string().trim().min(1).max(32).regex(/^[a-z0-9_-]+$/),
  kind: approverKindSchema,
  /** only for employees of at least this grade (same letter, number ≥), e.g. M3; null = everyone */
  minGrade: gradeSchema.nullable(),
});
export type ApprovalNode = z.infer<typeof approvalNodeSchema>;

const days = (max: number) => z.number().int().min(1).max(max);
const range = (max: number) => z.object({ min: z.number().int().min(0).max(max), max: z.number().int().min(0).max(max) });

/** The value of each parameter. */
export const templateValuesSchema = z.object({
  approvalChain: z.object({ nodes: z.array(approvalNodeSchema).min(1).max(12) }),
  goalForm: z.object({ fields: z.array(goalFieldSchema).min(1) }),
  duration: z.object({ defaultDays: days(365), minDays: days(365), maxDays: days(365) }),
  cadence: z.object({ oneOnOneEveryDays: days(60), threePartyEveryDays: days(90) }),
  evaluation: z.object({ points: z.array(evaluationPointSchema).min(1).max(10) }),
  reminders: z.object({ beforeCheckInHours: z.number().int().min(0).max(24 * 14), overdueMinutes: z.number().int().min(0).max(7 * 24 * 60) }),
  outcomes: z.object({ allowed: z.array(pipOutcomeSchema).min(1) }),
  extension: z.object({ maxTimes: z.number().int().min(0).max(5), maxDays: z.number().int().min(0).max(180) }),
});
export type TemplateValues = z.infer<typeof templateValuesSchema>;

/** The bounds a unit's override must stay within, per parameter. */
export const templateBoundsSchema = z.object({
  /** kinds every override of the chain must keep */
  approvalChain: z.object({ requiredKinds: z.array(approverKindSchema) }),
  /** fields every override of the goal form must keep */
  goalForm: z.object({ requiredFields: z.array(goalFieldSchema) }),
  duration: range(365),
  /** the intervals (days) a unit may pick, e.g. weekly or bi-weekly: [7, 14] */
  cadence: z.object({ oneOnOneOptions: z.array(days(60)).min(1).max(10), threePartyOptions: z.array(days(90)).min(1).max(10) }),
  evaluation: z.object({ minPoints: z.number().int().min(1).max(10) }),
  reminders: z.object({ beforeCheckInHours: range(24 * 14), overdueMinutes: range(7 * 24 * 60) }),
  /** outcomes a unit may offer (a subset of these) */
  outcomes: z.object({ allowed: z.array(pipOutcomeSchema).min(1) }),
  extension: z.object({ maxTimes: z.number().int().min(0).max(5), maxDays: z.number().int().min(0).max(180) }),
});
export type TemplateBounds = z.infer<typeof templateBoundsSchema>;

export const templateSettingsSchema = z.object({
  values: templateValuesSchema,
  bounds: templateBoundsSchema,
  /** locked parameters cannot be overridden by units */
  locked: z.array(templateParamKeySchema),
});
export type TemplateSettings = z.infer<typeof templateSettingsSchema>;

/** A unit's override: values of some unlocked parameters. */
export const templateOverrideValuesSchema = templateValuesSchema.partial();
export type TemplateOverrideValues = z.infer<typeof templateOverrideValuesSchema>;

/** `baseVersion`: the version the edit started from (null: a new template); a save over a newer version is refused. */
export const saveTemplateSchema = z.object({ name: z.string().trim().min(1).max(100), settings: templateSettingsSchema, baseVersion: z.number().int().min(0).nullable().optional() });
export type SaveTemplate = z.infer<typeof saveTemplateSchema>;

export const saveOverrideSchema = z.object({ values: templateOverrideValuesSchema, baseVersion: z.number().int().min(0).nullable().optional() });
export type SaveOverride = z.infer<typeof saveOverrideSchema>;

/** The policy version that bounds a template (null: none in force, the template is not bound by a policy). */
export const boundingPolicySchema = z.object({ id: z.uuid(), version: z.number().int(), title: z.string(), ownerUnitId: z.uuid() }).nullable();
export type BoundingPolicy = z.infer<typeof boundingPolicySchema>;

export const groupTemplateSchema = z.object({
  id: z.uuid(),
  ownerUnitId: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  settings: templateSettingsSchema,
  updatedAt: z.string(),
});
export type GroupTemplate = z.infer<typeof groupTemplateSchema>;

export const groupTemplateViewSchema = z.object({
  template: groupTemplateSchema.nullable(),
  policy: boundingPolicySchema,
  canWrite: z.boolean(),
});
export type GroupTemplateView = z.infer<typeof groupTemplateViewSchema>;

export const templateOverrideSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  unitType: z.string(),
  version: z.number().int(),
  values: templateOverrideValuesSchema,
  updatedAt: z.string(),
});
export type TemplateOverride = z.infer<typeof templateOverrideSchema>;

export const templateOverridesSchema = z.object({ items: z.array(templateOverrideSchema) });

/** Where an effective value came from. */
export const valueSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('template') }),
  z.object({ kind: z.literal('override'), unitId: z.uuid(), unitName: z.string() }),
]);
export type ValueSource = z.infer<typeof valueSourceSchema>;

/** One unit's override page: the override (if any), the template's bounds and locks, the policy that applies there. */
export const overrideViewSchema = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  template: groupTemplateSchema.nullable(),
  override: templateOverrideSchema.nullable(),
  /** what the unit gets without its own override: the template and the overrides above it */
  inherited: z.object({ values: templateValuesSchema, sources: z.record(templateParamKeySchema, valueSourceSchema) }).nullable(),
  policy: boundingPolicySchema,
  canWrite: z.boolean(),
});
export type OverrideView = z.infer<typeof overrideViewSchema>;


export const approverStatuses = ['resolved', 'escalated', 'not_applicable', 'unresolved'] as const;
export type ApproverStatus = (typeof approverStatuses)[number];

/** An approval node resolved to a person (or escalated to the next node when nobody is there). */
export const resolvedNodeSchema = z.object({
  key: z.string(),
  kind: approverKindSchema,
  minGrade: z.string().nullable(),
  status: z.enum(approverStatuses),
  person: z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string() }).nullable(),
  /** for an escalated node: the key of the node that takes over */
  escalatedTo: z.string().nullable(),
});
export type ResolvedNode = z.infer<typeof resolvedNodeSchema>;

export const effectiveTemplateSchema = z.object({
  employee: z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string(), grade: z.string(), unitName: z.string() }),
  templateId: z.uuid(),
  templateVersion: z.number().int(),
  policy: boundingPolicySchema,
  values: templateValuesSchema,
  sources: z.record(templateParamKeySchema, valueSourceSchema),
  locked: z.array(templateParamKeySchema),
  approvalChain: z.array(resolvedNodeSchema),
  /** every applicable node has somebody (directly or by escalation) */
  chainComplete: z.boolean(),
  /** values outside the policy in force for the employee (a policy published over conflicts): a plan must not start on them */
  policyIssues: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type EffectiveTemplate = z.infer<typeof effectiveTemplateSchema>;

/**
 * A sensible group template inside `policy` (or the default policy when none is in force): the
 * chain manager → manager's manager → HRBP, plus the HR head for grades ≥ M3; duration and
 * cadence adjustable within the policy, outcomes and evaluation points locked.
 */
export function defaultTemplateSettings(policy: {
  goals: { requiredFields: TemplateValues['goalForm']['fields'] };
  communication: { oneOnOneEveryDays: number; threePartyEveryDays: number };
  evaluation: { points: TemplateValues['evaluation']['points'] };
  outcomes: { allowed: TemplateValues['outcomes']['allowed']; durationDays: { min: number; max: number }; extension: { maxTimes: number; maxDays: number } };
}): TemplateSettings {
  const { min, max } = policy.outcomes.durationDays;
  const weekly = [7, 14].filter((d) => d <= policy.communication.oneOnOneEveryDays);
  const oneOnOneOptions = weekly.length > 0 ? weekly : [policy.communication.oneOnOneEveryDays];
  const threePartyOptions = [14, 30].filter((d) => d <= policy.communication.threePartyEveryDays);
  const threeParty = threePartyOptions.length > 0 ? threePartyOptions : [policy.communication.threePartyEveryDays];
  const fields = [...new Set([...policy.goals.requiredFields, 'title', 'measure', 'target', 'dueDate'] as const)];
  return {
    values: {
      approvalChain: {
        nodes: [
          { key: 'manager', kind: 'direct_manager', minGrade: null },
          { key: 'skip', kind: 'skip_manager', minGrade: null },
          { key: 'hrbp', kind: 'unit_hrbp', minGrade: null },
          { key: 'hrhead', kind: 'hr_head', minGrade: 'M3' },
        ],
      },
      goalForm: { fields },
      duration: { defaultDays: Math.min(Math.max(60, min), max), minDays: min, maxDays: max },
      cadence: { oneOnOneEveryDays: oneOnOneOptions[0]!, threePartyEveryDays: threeParty[threeParty.length - 1]! },
      evaluation: { points: policy.evaluation.points },
      reminders: { beforeCheckInHours: 24, overdueMinutes: 60 },
      outcomes: { allowed: policy.outcomes.allowed },
      extension: { maxTimes: policy.outcomes.extension.maxTimes, maxDays: policy.outcomes.extension.maxDays },
    },
    bounds: {
      approvalChain: { requiredKinds: ['direct_manager', 'unit_hrbp'] },
      goalForm: { requiredFields: policy.goals.requiredFields },
      duration: { min, max },
      cadence: { oneOnOneOptions, threePartyOptions: threeParty },
      evaluation: { minPoints: policy.evaluation.points.length },
      reminders: { beforeCheckInHours: { min: 2, max: 72 }, overdueMinutes: { min: 15, max: 24 * 60 } },
      outcomes: { allowed: policy.outcomes.allowed },
      extension: { maxTimes: policy.outcomes.extension.maxTimes, maxDays: policy.outcomes.extension.maxDays },
    },
    locked: ['outcomes', 'evaluation'],
  };
}
