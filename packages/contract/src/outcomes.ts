import { z } from 'zod';
import { pipAcknowledgmentSchema } from './pip.ts';
import { pipFollowUpSchema, pipOutcomeSchema } from './policy-settings.ts';
import { storedFileSchema } from './policies.ts';

const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const who = z.object({ name: z.string(), at: z.string() });

/**
 * Outcomes (成果处理). In the final review the manager (or HR) proposes an outcome against the
 * locked goals and the HRBP (or HR in scope, someone else) confirms it or returns it with a
 * comment. A confirmed outcome is shown to the employee, who acknowledges it (the
 * acknowledgment record) or refuses before a witness:
 * - passed: HR closes the plan (the PIP mark is removed);
 * - extended: new end date within the snapshot's limits, the plan pauses until the employee
 *   acknowledges the extension, then runs again with a new final evaluation;
 * - not passed: the plan moves to follow-up (跟进): training and/or role adjustment, then a
 *   re-assessment on the same locked standard, and only after those a termination review.
 */
export const proposeOutcomeSchema = z.object({
  outcome: pipOutcomeSchema,
  /** against the locked goals: what the final review found */
  note: text(4000),
  /** extended: the new planned end and why */
  extension: z.object({ plannedEnd: day, reason: text(2000) }).optional(),
  /** not passed: the follow-ups planned (training and/or role adjustment first) */
  followUps: z.array(pipFollowUpSchema).max(4).default([]),
});
export type ProposeOutcome = z.infer<typeof proposeOutcomeSchema>;
export const returnOutcomeSchema = z.object({ comment: text(2000) });

export const outcomeStatuses = ['proposed', 'returned', 'confirmed'] as const;
export const pipOutcomeRecordSchema = z.object({
  id: z.uuid(),
  round: z.number().int(),
  outcome: pipOutcomeSchema,
  note: z.string(),
  extension: z.object({ plannedEnd: day, reason: z.string(), previousEnd: day }).nullable(),
  followUps: z.array(pipFollowUpSchema),
  status: z.enum(outcomeStatuses),
  proposed: who,
  /** the caller proposed this round: four eyes, they may not confirm or return it */
  proposedByYou: z.boolean(),
  confirmed: who.nullable(),
  returned: who.extend({ comment: z.string() }).nullable(),
  /** the employee's receipt of the result (or a witnessed refusal) */
  acknowledgment: pipAcknowledgmentSchema.nullable(),
});
export type PipOutcomeRecord = z.infer<typeof pipOutcomeRecordSchema>;

/** What the employee is shown and signs for an outcome: the hash is of exactly this text. */
export const outcomeAckContentSchema = z.object({ outcomeId: z.uuid(), text: z.string(), sha256: z.string() });
export const acknowledgeOutcomeSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), channel: z.enum(['web', 'wecom']).default('web') });

/** Training (培训): distinct from the PIP, aimed at a specific gap of the locked goals. */
export const trainingAttendances = ['attended', 'partial', 'absent'] as const;
export const saveTrainingSchema = z.object({
  topic: text(200),
  /** the gap it addresses, tied to goals of the plan */
  gap: text(2000),
  goalIds: z.array(z.uuid()).min(1).max(20),
  startsOn: day,
  endsOn: day,
  trainer: text(100),
  /** filled when it has taken place */
  attendance: z.enum(trainingAttendances).nullable().default(null),
  attendanceNote: z.string().trim().max(2000).default(''),
});
export type SaveTraining = z.infer<typeof saveTrainingSchema>;
export const pipTrainingSchema = saveTrainingSchema.extend({
  id: z.uuid(),
  planId: z.uuid(),
  created: who,
  /** sign-in sheets, slides, test results (files module, owner type pip_training) */
  materials: z.array(storedFileSchema),
});
export type PipTraining = z.infer<typeof pipTrainingSchema>;

/** Role adjustment (调整工作岗位): a reasonable, related new position, with a notice the employee signs. */
export const saveRoleAdjustmentSchema = z.object({
  toPosition: text(100),
  toGrade: z.string().trim().max(20).nullable().default(null),
  effectiveOn: day,
  reason: text(2000),
  /** how the new position relates to the old one (why it is reasonable) */
  relation: text(2000),
});
export type SaveRoleAdjustment = z.infer<typeof saveRoleAdjustmentSchema>;
export const pipRoleAdjustmentSchema = saveRoleAdjustmentSchema.extend({
  id: z.uuid(),
  planId: z.uuid(),
  fromPosition: z.string(),
  fromGrade: z.string().nullable(),
  /** the written notice the employee signs (its SHA-256 is what the acknowledgment names) */
  notice: z.object({ text: z.string(), sha256: z.string() }),
  acknowledgment: pipAcknowledgmentSchema.nullable(),
  created: who,
});
export type PipRoleAdjustment = z.infer<typeof pipRoleAdjustmentSchema>;

/** The follow-up stage of a plan not passed, as the plan page shows it. */
export const pipFollowUpViewSchema = z.object({
  outcomes: z.array(pipOutcomeRecordSchema),
  trainings: z.array(pipTrainingSchema),
  roleAdjustments: z.array(pipRoleAdjustmentSchema),
});
export type PipFollowUpView = z.infer<typeof pipFollowUpViewSchema>;

/** Opening a re-assessment (follow-up): the same locked goals and measures, due by a date. */
export const openReassessmentSchema = z.object({ opensOn: day.optional() });
