import { z } from 'zod';
import { checkinKinds } from './checkins.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const ref = z.object({ id: z.uuid(), name: z.string() });

/**
 * Evaluations (跟踪与评估): one per evaluation point of the plan's snapshot (e.g. mid-term at
 * 50%, final at 100%), pushed on the business date. The manager rates each locked goal and
 * overall on the policy's scale, the employee self-assesses, the HRBP comments; it is complete
 * when all three are in. Each part is submitted once and then kept as the record.
 */
export const evaluationStatuses = ['scheduled', 'open', 'completed', 'cancelled'] as const;
export type EvaluationStatus = (typeof evaluationStatuses)[number];
export const evaluationParts = ['manager', 'self', 'hrbp'] as const;
export type EvaluationPart = (typeof evaluationParts)[number];

export const evaluationGoalRatingSchema = z.object({
  goalId: z.uuid(),
  /** one of the policy's rating scale */
  rating: text(20),
  comment: z.string().trim().max(2000).default(''),
});
/** The manager's rating of one goal also says how far it is (feeds the progress curve). */
export const managerGoalRatingSchema = evaluationGoalRatingSchema.extend({ percent: z.number().int().min(0).max(100) });

export const reassessmentConclusions = ['met', 'not_met'] as const;
export const submitManagerEvaluationSchema = z.object({
  goals: z.array(managerGoalRatingSchema).min(1).max(50),
  overall: text(20),
  summary: text(10000),
  /** a re-assessment's conclusion on the same locked standard (required there, refused elsewhere) */
  conclusion: z.enum(reassessmentConclusions).optional(),
});
export type SubmitManagerEvaluation = z.infer<typeof submitManagerEvaluationSchema>;
export const submitSelfAssessmentSchema = z.object({
  goals: z.array(evaluationGoalRatingSchema).min(1).max(50),
  summary: text(10000),
});
export type SubmitSelfAssessment = z.infer<typeof submitSelfAssessmentSchema>;
export const submitHrbpCommentSchema = z.object({ comment: text(10000) });

const submitted = { at: z.string(), by: z.string() };

export const evaluationSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  pointKey: z.string(),
  /** point: an evaluation point of the snapshot; reassessment: a follow-up on the same locked goals */
  kind: z.enum(['point', 'reassessment']),
  /** the goals version judged against: the locked standard the employee acknowledged */
  goalsVersion: z.number().int().nullable(),
  conclusion: z.enum(reassessmentConclusions).nullable(),
  name: z.string(),
  atPercent: z.number().int(),
  /** the final evaluation (100%) */
  final: z.boolean(),
  status: z.enum(evaluationStatuses),
  /** the business date it is pushed on, and the date all parts are due */
  opensOn: z.string(),
  dueOn: z.string().nullable(),
  openedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** open, past its due date and a part is missing */
  overdue: z.boolean(),
  /** the parts still missing of an open evaluation */
  missing: z.array(z.enum(evaluationParts)),
  escalatedAt: z.string().nullable(),
  ratingScale: z.array(z.string()),
  manager: z.object({ ...submitted, overall: z.string(), summary: z.string(), goals: z.array(managerGoalRatingSchema) }).nullable(),
  self: z.object({ ...submitted, summary: z.string(), goals: z.array(evaluationGoalRatingSchema) }).nullable(),
  hrbp: z.object({ ...submitted, comment: z.string() }).nullable(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;
export const evaluationListSchema = z.object({ items: z.array(evaluationSchema) });

/** Open evaluations past their due date, for an HRBP across their plans (HR: in scope). */
export const overdueEvaluationsSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), planId: z.uuid(), name: z.string(), dueOn: z.string(), missing: z.array(z.enum(evaluationParts)), escalatedAt: z.string().nullable(), employee: ref, manager: ref.nullable() })),
});

/** The caller's coming check-ins as a participant (next N days), for the manager's and employee's agenda. */
export const upcomingCheckinsSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), planId: z.uuid(), kind: z.enum(checkinKinds), scheduledAt: z.string(), scheduledOn: z.string(), role: z.enum(['employee', 'manager', 'hrbp']), employee: ref, manager: ref.nullable() })),
});
export const upcomingQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) });
