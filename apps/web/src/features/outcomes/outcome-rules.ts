import type { Evaluation, Pip, PipFollowUpView, PipOutcomeRecord } from '@uplift/contract';

type PlanLike = Pick<Pip, 'state' | 'outcome' | 'actors'>;
type Outcomes = readonly PipOutcomeRecord[];

const has = (p: PlanLike, ...actors: string[]) => actors.some((a) => p.actors.includes(a));

/** The proposal waiting for the HRBP's confirmation or return, if any. */
export function pendingProposal(outcomes: Outcomes): PipOutcomeRecord | null {
  return outcomes.find((o) => o.status === 'proposed') ?? null;
}

/** The outcome confirmed in this final review (an extension's round belongs to an earlier one and clears the plan's outcome). */
export function currentOutcome(plan: PlanLike, outcomes: Outcomes): PipOutcomeRecord | null {
  if (plan.outcome === null) return null;
  return outcomes.findLast((o) => o.status === 'confirmed') ?? null;
}

/** The confirmed outcome still waits for the employee's acknowledgment (or a witnessed refusal). */
export function awaitingReceipt(plan: PlanLike, outcomes: Outcomes): boolean {
  const o = currentOutcome(plan, outcomes);
  return plan.state === 'final_review' && o !== null && o.acknowledgment === null;
}

/** The manager or HR may propose: in the final review, nothing confirmed or waiting in this round (mirrors the server). */
export function mayPropose(plan: PlanLike, outcomes: Outcomes): boolean {
  return plan.state === 'final_review' && has(plan, 'manager', 'hr') && plan.outcome === null && pendingProposal(outcomes) === null;
}

/** The HRBP or HR may confirm or return a proposal, never the one who proposed it (four eyes, as the server says per round). */
export function mayDecide(plan: PlanLike, proposal: Pick<PipOutcomeRecord, 'proposedByYou'>): boolean {
  return plan.state === 'final_review' && has(plan, 'hrbp', 'hr') && !proposal.proposedByYou;
}

/** The last final evaluation (100%) when the manager has not rated it yet: the outcome waits for it. */
export function finalEvaluationMissing(evaluations: readonly Evaluation[]): Evaluation | null {
  const finals = evaluations.filter((e) => e.kind === 'point' && e.final);
  const last = finals.at(-1);
  return last && last.manager === null ? last : null;
}

/** A re-assessment may be arranged: a training took place (attended or partly) or a role adjustment notice was signed or refused. */
export function reassessmentReady(view: Pick<PipFollowUpView, 'trainings' | 'roleAdjustments'>): boolean {
  return view.trainings.some((t) => t.attendance === 'attended' || t.attendance === 'partial') || view.roleAdjustments.some((r) => r.acknowledgment !== null);
}

/** The follow-up's re-assessments: one in progress, and the last one concluded. */
export function reassessmentsOf(evaluations: readonly Evaluation[]): { open: Evaluation | null; concluded: Evaluation | null } {
  const re = evaluations.filter((e) => e.kind === 'reassessment');
  return {
    open: re.find((e) => e.status === 'scheduled' || e.status === 'open') ?? null,
    concluded: re.filter((e) => e.status === 'completed' && e.conclusion !== null).at(-1) ?? null,
  };
}

/** The follow-up card is there in follow-up, and afterwards as long as it has records to show. */
export function showsFollowUp(plan: Pick<Pip, 'state'>, view: Pick<PipFollowUpView, 'trainings' | 'roleAdjustments'> | undefined): boolean {
  return plan.state === 'follow_up' || (view !== undefined && (view.trainings.length > 0 || view.roleAdjustments.length > 0));
}
