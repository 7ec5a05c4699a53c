import { z } from 'zod';
import { employeeStatusSchema } from './people.ts';

/**
 * The structured settings of a PIP policy version: what the system enforces, one block per
 * section of the policy (适用范围, 启动条件, 目标与衡量, 沟通与反馈, 跟踪与评估, 成果处理).
 * A subsidiary's version may only narrow the group's, field by field; templates live inside them.
 */

export const policySectionKeys = ['scope', 'start', 'goals', 'communication', 'evaluation', 'outcomes'] as const;
export const policySectionKeySchema = z.enum(policySectionKeys);
export type PolicySectionKey = z.infer<typeof policySectionKeySchema>;

export const problemTypes = ['performance', 'conduct'] as const;
export const problemTypeSchema = z.enum(problemTypes);
export type ProblemType = z.infer<typeof problemTypeSchema>;

/** The goal fields a plan's goal form can ask for. */
export const goalFields = ['title', 'measure', 'target', 'weight', 'dueDate', 'support'] as const;
export const goalFieldSchema = z.enum(goalFields);
export type GoalField = z.infer<typeof goalFieldSchema>;

export const pipOutcomes = ['passed', 'extended', 'not_passed'] as const;
export const pipOutcomeSchema = z.enum(pipOutcomes);
export type PipOutcome = z.infer<typeof pipOutcomeSchema>;

/** What may follow a plan that was not passed; termination review only after training or role adjustment. */
export const pipFollowUps = ['training', 'role_adjustment', 'reassessment', 'termination_review'] as const;
export const pipFollowUpSchema = z.enum(pipFollowUps);
export type PipFollowUp = z.infer<typeof pipFollowUpSchema>;

/** Absences during which HR pauses a plan (the end date moves by the paused days). */
export const pipAbsenceKinds = ['sick_leave', 'maternity_leave', 'work_injury', 'other'] as const;
export const pipAbsenceKindSchema = z.enum(pipAbsenceKinds);
export type PipAbsenceKind = z.infer<typeof pipAbsenceKindSchema>;
export const pipAbsenceLabels: Record<PipAbsenceKind, { 'zh-CN': string; 'en-US': string }> = {
  sick_leave: { 'zh-CN': '病假', 'en-US': 'Sick leave' },
  maternity_leave: { 'zh-CN': '产假', 'en-US': 'Maternity leave' },
  work_injury: { 'zh-CN': '工伤', 'en-US': 'Work injury' },
  other: { 'zh-CN': '其他经批准的休假', 'en-US': 'Other approved leave' },
};

const label = z.string().trim().min(1).max(100);
const days = (max: number) => z.number().int().min(1).max(max);

export const policyScopeSchema = z.object({
  /** units (with their subtrees) the policy applies to; empty = the owner's whole subtree */
  unitIds: z.array(z.uuid()).max(500),
  /** positions it applies to; empty = all */
  positions: z.array(label).max(500),
  /** grades it applies to; empty = all */
  grades: z.array(z.string().trim().min(1).max(20)).max(100),
  /** employee statuses that never enter a PIP (probation by default) */
  excludedStatuses: z.array(employeeStatusSchema),
});

export const policyStartSchema = z.object({
  problemTypes: z.array(problemTypeSchema).min(1),
  /** trigger rules whose candidates may start a plan; empty = any enabled rule */
  triggerRuleIds: z.array(z.uuid()).max(200),
  /** the reasons HR may pick for a manually started plan */
  manualReasons: z.array(label).max(50),
});

export const policyGoalsSchema = z.object({
  requiredFields: z.array(goalFieldSchema).min(1),
  minGoals: z.number().int().min(1).max(20),
  maxGoals: z.number().int().min(1).max(20),
  /** rating scale for goals, best first */
  ratingScale: z.array(z.string().trim().min(1).max(20)).min(2).max(10),
});

export const policyCommunicationSchema = z.object({
  /** a three-party meeting (employee, manager, HR) at least every N days */
  threePartyEveryDays: days(90),
  /** a manager 1:1 at least every N days */
  oneOnOneEveryDays: days(60),
  /** minutes recorded within N working days of the meeting */
  minutesDueWorkingDays: z.number().int().min(0).max(30),
  /** an appeal is answered within N working days (versions saved before the field existed: 5) */
  appealAnswerWorkingDays: z.number().int().min(1).max(30).default(5),
});

export const evaluationPointSchema = z.object({
  key: z.string().trim().min(1).max(32).regex(/^[a-z0-9_-]+$/),
  name: label,
  /** how far into the plan, in percent of its duration (100 = the final evaluation) */
  atPercent: z.number().int().min(1).max(100),
});

export const policyEvaluationSchema = z.object({
  points: z.array(evaluationPointSchema).min(1).max(10),
  /** absences that pause a plan (versions saved before the field existed: all of them) */
  pauseAbsences: z.array(pipAbsenceKindSchema).default([...pipAbsenceKinds]),
  /** every part of an evaluation is due N working days after it is pushed; overdue ones escalate after as many again (earlier versions: 5) */
  dueWorkingDays: z.number().int().min(1).max(30).default(5),
});

export const policyOutcomesSchema = z.object({
  allowed: z.array(pipOutcomeSchema).min(1),
  followUps: z.array(pipFollowUpSchema),
  /** plan duration in calendar days */
  durationDays: z.object({ min: days(365), max: days(365) }),
  extension: z.object({ maxTimes: z.number().int().min(0).max(5), maxDays: z.number().int().min(0).max(180) }),
});

export const policySettingsSchema = z
  .object({
    scope: policyScopeSchema,
    start: policyStartSchema,
    goals: policyGoalsSchema,
    communication: policyCommunicationSchema,
    evaluation: policyEvaluationSchema,
    outcomes: policyOutcomesSchema,
  })
  .superRefine((s, ctx) => {
    if (s.goals.minGoals > s.goals.maxGoals) ctx.addIssue({ code: 'custom', path: ['goals', 'maxGoals'], message: '目标数量上限不能小于下限' });
    if (s.outcomes.durationDays.min > s.outcomes.durationDays.max)
      ctx.addIssue({ code: 'custom', path: ['outcomes', 'durationDays', 'max'], message: '期限上限不能小于下限' });
    const keys = s.evaluation.points.map((p) => p.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['evaluation', 'points'], message: '评估节点的标识不能重复' });
    if (!s.evaluation.points.some((p) => p.atPercent === 100))
      ctx.addIssue({ code: 'custom', path: ['evaluation', 'points'], message: '必须有一个终期评估节点（100%）' });
  });
export type PolicySettings = z.infer<typeof policySettingsSchema>;

/** Markdown text of the six sections. */
export const policySectionsSchema = z.object(
  Object.fromEntries(policySectionKeys.map((k) => [k, z.string().max(50_000)])) as Record<PolicySectionKey, z.ZodString>,
);
export type PolicySections = z.infer<typeof policySectionsSchema>;

/** A sensible group default: what a new group policy draft starts from. */
export const defaultPolicySettings: PolicySettings = {
  scope: { unitIds: [], positions: [], grades: [], excludedStatuses: ['probation'] },
  start: { problemTypes: ['performance', 'conduct'], triggerRuleIds: [], manualReasons: ['连续绩效未达标', '重大违规但可整改', '岗位胜任力不足'] },
  goals: { requiredFields: ['title', 'measure', 'target', 'dueDate'], minGoals: 1, maxGoals: 5, ratingScale: ['达成', '部分达成', '未达成'] },
  communication: { threePartyEveryDays: 30, oneOnOneEveryDays: 14, minutesDueWorkingDays: 2, appealAnswerWorkingDays: 5 },
  evaluation: {
    points: [
      { key: 'mid', name: '中期评估', atPercent: 50 },
      { key: 'final', name: '终期评估', atPercent: 100 },
    ],
    pauseAbsences: ['sick_leave', 'maternity_leave', 'work_injury', 'other'],
    dueWorkingDays: 5,
  },
  outcomes: {
    allowed: ['passed', 'extended', 'not_passed'],
    followUps: ['training', 'role_adjustment', 'reassessment', 'termination_review'],
    durationDays: { min: 30, max: 90 },
    extension: { maxTimes: 1, maxDays: 30 },
  },
};

export const policyStates = ['draft', 'in_review', 'scheduled', 'in_force', 'superseded'] as const;
export const policyStateSchema = z.enum(policyStates);
export type PolicyState = z.infer<typeof policyStateSchema>;
