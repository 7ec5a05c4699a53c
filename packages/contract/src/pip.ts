import { z } from 'zod';
import { pipActionSchema, pipStateSchema, pipPauseReasons } from './pip-states.ts';
import { pipOutcomeSchema, pipFollowUpSchema, problemTypeSchema, pipAbsenceKindSchema } from './policy-settings.ts';
import { resolvedNodeSchema } from './templates.ts';

const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const person = z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string() });

/** A recorded, rectifiable violation: what a conduct plan rests on. */
export const pipViolationSchema = z.object({
  description: text(2000),
  occurredOn: day,
  /** where the evidence is (document numbers, links, witnesses) */
  evidence: text(2000),
});
export type PipViolation = z.infer<typeof pipViolationSchema>;

/** Starting a plan: from a candidate (its evidence linked) or with a manual reason the policy lists. */
export const createPipSchema = z
  .object({
    employeeId: z.uuid().optional(),
    candidateId: z.uuid().optional(),
    problemType: problemTypeSchema,
    /** one of the policy's manual reasons (required without a candidate) */
    manualReason: text(100).optional(),
    violation: pipViolationSchema.optional(),
    plannedStart: day,
    plannedEnd: day,
    /** defaults to the HRBP of the employee's nearest unit that has one */
    hrbpId: z.uuid().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.employeeId && !v.candidateId) ctx.addIssue({ code: 'custom', path: ['employeeId'], message: '请选择员工或预警' });
    if (!v.candidateId && !v.manualReason) ctx.addIssue({ code: 'custom', path: ['manualReason'], message: '手动发起需选择制度中的原因' });
    if (v.problemType === 'conduct' && !v.violation) ctx.addIssue({ code: 'custom', path: ['violation'], message: '违纪类问题需记录违规事实及证据' });
    if (v.plannedEnd <= v.plannedStart) ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: '结束日期须晚于开始日期' });
  });
export type CreatePip = z.infer<typeof createPipSchema>;

/** Editing a draft (after a rejection, say). */
export const updatePipSchema = z.object({
  manualReason: text(100).optional(),
  violation: pipViolationSchema.nullable().optional(),
  plannedStart: day.optional(),
  plannedEnd: day.optional(),
  hrbpId: z.uuid().optional(),
});
export type UpdatePip = z.infer<typeof updatePipSchema>;


/** The body of a transition: what the table's preconditions may ask for. */
export const pipActionBodySchema = z.object({
  comment: z.string().trim().max(2000).nullable().optional(),
  reason: z.string().trim().max(2000).nullable().optional(),
  witness: z.string().trim().max(200).nullable().optional(),
  absence: pipAbsenceKindSchema.optional(),
});
export type PipActionBody = z.infer<typeof pipActionBodySchema>;

export const pipGoalInputSchema = z.object({
  title: text(200),
  description: z.string().trim().max(2000).default(''),
  metric: z.string().trim().max(200).default(''),
  baseline: z.string().trim().max(100).default(''),
  target: z.string().trim().max(100).default(''),
  unit: z.string().trim().max(20).default(''),
  /** percent; the weights of a plan sum to 100 */
  weight: z.number().int().min(0).max(100),
  dueDate: day.nullable().default(null),
  /** what the company commits: coaching, resources, training */
  support: z.string().trim().max(2000).default(''),
});
export type PipGoalInput = z.infer<typeof pipGoalInputSchema>;

/** Saving the goals: a draft (manager or employee), or final (manager/HR). Amending after acknowledgment needs a reason. */
export const savePipGoalsSchema = z.object({
  goals: z.array(pipGoalInputSchema).max(20),
  finalise: z.boolean().default(false),
  reason: z.string().trim().max(2000).optional(),
});
export type SavePipGoals = z.infer<typeof savePipGoalsSchema>;

export const pipGoalSchema = pipGoalInputSchema.extend({ id: z.uuid(), position: z.number().int(), draftedBy: z.enum(['manager', 'employee', 'hr']) });
export type PipGoal = z.infer<typeof pipGoalSchema>;

export const pipStepStatuses = ['waiting', 'pending', 'approved', 'rejected', 'superseded'] as const;
export const pipApprovalStepSchema = z.object({
  id: z.uuid(),
  round: z.number().int(),
  seq: z.number().int(),
  nodeKey: z.string(),
  kind: z.string(),
  approver: person,
  delegate: person.nullable(),
  status: z.enum(pipStepStatuses),
  comment: z.string().nullable(),
  requestedAt: z.iso.datetime().nullable(),
  decidedAt: z.iso.datetime().nullable(),
});
export type PipApprovalStep = z.infer<typeof pipApprovalStepSchema>;

export const pipAcknowledgmentSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  contentSha256: z.string(),
  channel: z.string(),
  refused: z.boolean(),
  witness: person.nullable(),
  witnessNote: z.string().nullable(),
  at: z.iso.datetime(),
});

export const pipEventSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  kind: z.string(),
  actorLabel: z.string(),
  fromState: pipStateSchema.nullable(),
  toState: pipStateSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const pipCommentSchema = z.object({ id: z.uuid(), author: z.string(), authorRole: z.string(), body: z.string(), at: z.iso.datetime() });
export const pipAppealStatuses = ['open', 'upheld', 'dismissed'] as const;
export const pipAppealSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  status: z.enum(pipAppealStatuses),
  handler: person,
  dueDate: day,
  answer: z.string().nullable(),
  answeredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const pipSummarySchema = z.object({
  id: z.uuid(),
  employee: person.extend({ unitName: z.string() }),
  problemType: problemTypeSchema,
  state: pipStateSchema,
  pauseReason: z.enum(pipPauseReasons).nullable(),
  plannedStart: day,
  plannedEnd: day,
  manager: person.nullable(),
  hrbp: person.nullable(),
  createdAt: z.iso.datetime(),
});
export type PipSummary = z.infer<typeof pipSummarySchema>;

export const pipSchema = pipSummarySchema.extend({
  reason: z.object({ kind: z.enum(['candidate', 'manual']), text: z.string(), candidateId: z.uuid().nullable(), evidence: z.unknown().nullable() }),
  violation: pipViolationSchema.nullable(),
  initiator: z.object({ userId: z.uuid().nullable(), name: z.string() }),
  policy: z.object({ id: z.uuid(), version: z.number().int() }).nullable(),
  snapshot: z.object({
    id: z.uuid(),
    sha256: z.string(),
    goalFields: z.array(z.string()),
    minGoals: z.number().int(),
    maxGoals: z.number().int(),
    minDays: z.number().int(),
    maxDays: z.number().int(),
    /** absences the policy pauses plans for */
    pauseAbsences: z.array(pipAbsenceKindSchema),
    /** working days within which an appeal is answered */
    appealWorkingDays: z.number().int(),
    /** the outcomes the template allows, the follow-ups the policy allows */
    outcomes: z.array(pipOutcomeSchema),
    followUps: z.array(pipFollowUpSchema),
    /** extensions the template allows, and how many this plan has had */
    extension: z.object({ maxTimes: z.number().int(), maxDays: z.number().int(), used: z.number().int() }),
  }),
  /** the chain as it will be asked (before submission) or as it was asked */
  approvalChain: z.array(resolvedNodeSchema),
  approvals: z.array(pipApprovalStepSchema),
  goals: z.array(pipGoalSchema),
  goalsVersion: z.number().int(),
  goalsFinal: z.boolean(),
  acknowledgments: z.array(pipAcknowledgmentSchema),
  outcome: z.object({ outcome: pipOutcomeSchema, followUps: z.array(pipFollowUpSchema), note: z.string() }).nullable(),
  cancelReason: z.string().nullable(),
  closedReason: z.string().nullable(),
  /** what the caller may do now (preconditions are checked on the click) */
  availableActions: z.array(pipActionSchema),
  /** the caller's relations to the plan */
  actors: z.array(z.string()),
});
export type Pip = z.infer<typeof pipSchema>;

export const pipQuerySchema = z.object({
  state: pipStateSchema.optional(),
  /** mine: my own plans; team: my reports'; all: every plan the caller may see */
  view: z.enum(['mine', 'team', 'all']).default('all'),
  employeeId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
export const pipPageSchema = z.object({ items: z.array(pipSummarySchema), nextCursor: z.string().nullable(), total: z.number().int() });

/** What the employee is shown and signs: the hash is of exactly this content. */
export const pipAckContentSchema = z.object({ version: z.number().int(), content: z.record(z.string(), z.unknown()), text: z.string(), sha256: z.string() });
export type PipAckContent = z.infer<typeof pipAckContentSchema>;
export const acknowledgePipSchema = z.object({ version: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/), channel: z.enum(['web', 'wecom']).default('web') });
/** HR records a refusal to sign in person: the witness is an employee, with a note of what happened. */
export const refusePipSchema = z.object({ witnessEmployeeId: z.uuid(), note: text(2000) });

export const delegateStepSchema = z.object({ delegateId: z.uuid(), comment: z.string().trim().max(500).optional() });
export const pipCommentBodySchema = z.object({ body: text(4000) });
export const pipAppealBodySchema = z.object({ body: text(4000) });
export const answerAppealSchema = z.object({ status: z.enum(['upheld', 'dismissed']), answer: text(4000) });

export const pipTodoSchema = z.object({
  kind: z.enum(['approve', 'acknowledge', 'set_goals', 'answer_appeal', 'final_review', 'record_minutes', 'confirm_minutes', 'evaluate', 'self_assess', 'comment_evaluation', 'confirm_outcome', 'acknowledge_outcome', 'sign_role_adjustment']),
  planId: z.uuid(),
  employee: person,
  /** since when it waits, and for how many whole days */
  since: z.iso.datetime(),
  ageDays: z.number().int(),
  refId: z.uuid().nullable(),
});
export type PipTodo = z.infer<typeof pipTodoSchema>;
export const pipTodosSchema = z.object({ items: z.array(pipTodoSchema) });
export const pipTimelineSchema = z.object({ events: z.array(pipEventSchema), comments: z.array(pipCommentSchema), appeals: z.array(pipAppealSchema) });

/** Out-of-office delegation (外出代理): a delegation's state on the business date. */
export const pipDelegationStates = ['upcoming', 'active', 'ended', 'revoked'] as const;
export type PipDelegationState = (typeof pipDelegationStates)[number];
/** Setting one: for oneself (no employeeId), or by HR for someone in scope. Dates inclusive. */
export const createPipDelegationSchema = z.object({
  employeeId: z.uuid().optional(),
  delegateId: z.uuid(),
  from: day,
  to: day,
  note: z.string().trim().max(500).default(''),
});
export type CreatePipDelegation = z.infer<typeof createPipDelegationSchema>;
export const pipDelegationSchema = z.object({
  id: z.uuid(),
  employee: person,
  delegate: person,
  from: day,
  to: day,
  note: z.string(),
  state: z.enum(pipDelegationStates),
  createdBy: z.string(),
  /** set by the caller (else by HR for them, say) */
  createdByMe: z.boolean(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /** the caller may revoke it (their own, or HR in scope; not once ended or revoked) */
  canRevoke: z.boolean(),
});
export type PipDelegation = z.infer<typeof pipDelegationSchema>;
/** mine: mine, to me, or set by me; all: also every delegation of people in the caller's HR scope. */
export const pipDelegationQuerySchema = z.object({ view: z.enum(['mine', 'all']).default('mine') });
export const pipDelegationsSchema = z.object({ items: z.array(pipDelegationSchema) });

/**
 * GET /api/pips/delegates?q=: who may take over the caller's approvals (a manual 转交 or 外出代理).
 * Active colleagues with a usable sign-in account, by name or employee number: the people the
 * caller may see anyway and, for those who approve (managers, HR, a unit's HRBP or HR head, anyone
 * with a step pending), everyone in their own company (nearest subsidiary, else the group). A
 * manager can so name their own manager or a peer, not only their reports.
 */
export const delegateQuerySchema = z.object({ q: z.string().trim().max(64).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const delegateCandidateSchema = z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string(), unitName: z.string(), position: z.string() });
export const delegateCandidatesSchema = z.object({ items: z.array(delegateCandidateSchema) });
export type DelegateCandidate = z.infer<typeof delegateCandidateSchema>;
