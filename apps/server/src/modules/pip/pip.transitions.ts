import { openPipStates, pipActionLabels, pipStateLabels, type PipAction, type PipActor, type PipOutcome, type PipPauseReason, type PipState } from '@uplift/contract';
import { AppError } from '../../lib/errors.ts';

/** What the table needs to know about a plan to decide a transition (gathered by the service). */
export type PlanFacts = {
  state: PipState;
  pauseReason: PipPauseReason | null;
  /** problem type, reason, manager, HRBP and dates inside the snapshot's bounds are all there */
  complete: boolean;
  /** every node of the approval chain resolves to a person */
  chainResolved: boolean;
  /** approval nodes still waiting, the current one included */
  approvalsLeft: number;
  /** goals follow the snapshot: count, required fields, weights summing to 100 */
  goalsValid: boolean;
  /** the manager has finalised the goals */
  goalsFinal: boolean;
  /** the business date is on or after the planned end */
  endReached: boolean;
  /** an outcome of the final review has been confirmed (proposed by one, confirmed by another) */
  outcomeRecorded: boolean;
  /** which one (null: none confirmed in this round) */
  outcome: PipOutcome | null;
  /** the employee has acknowledged the confirmed outcome, or a witnessed refusal is recorded */
  outcomeAcknowledged: boolean;
  /** follow-up done: the re-assessment met the standard, or a termination review was decided */
  followUpConcluded: boolean;
};

/** What the caller sends with an action. */
export type TransitionInput = { comment?: string | null; reason?: string | null; witness?: string | null };

type Ctx = { facts: PlanFacts; input: TransitionInput; actors: ReadonlySet<PipActor> };
type Message = { zh: string; en: string };
type Precondition = {
  holds: (c: Ctx) => boolean;
  message: Message;
  /** missing input (400) rather than a state of the plan (409) */
  input?: boolean;
  /** about who acts (403) */
  actor?: boolean;
};

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim().length > 0;

/** The named preconditions; a transition lists the ones it needs. */
export const preconditions = {
  complete: { holds: (c) => c.facts.complete, message: { zh: '计划信息不完整：问题类型、原因、直属上级、HRBP 和起止日期都需填写且在模板允许的范围内', en: 'The plan is incomplete: problem type, reason, manager, HRBP and dates within the template bounds are required' } },
  chainResolved: { holds: (c) => c.facts.chainResolved, message: { zh: '审批链中有节点找不到审批人，请先补齐组织信息', en: 'A node of the approval chain resolves to nobody; complete the organisation data first' } },
  goalsValid: { holds: (c) => c.facts.goalsValid, message: { zh: '目标不符合模板要求（数量、必填字段或权重合计 100%）', en: 'The goals do not follow the template (count, required fields, or weights summing to 100%)' } },
  goalsFinal: { holds: (c) => c.facts.goalsFinal, message: { zh: '直属上级尚未确认目标', en: 'The manager has not finalised the goals yet' } },
  awaitingAcknowledgment: {
    holds: (c) => c.facts.state === 'goal_setting' || (c.facts.state === 'paused' && c.facts.pauseReason === 'reacknowledgment'),
    message: { zh: '计划当前不需要签收', en: 'The plan is not waiting for an acknowledgment' },
  },
  pausedForAbsence: { holds: (c) => c.facts.pauseReason === 'absence', message: { zh: '计划因目标修改而暂停，需员工重新签收后恢复', en: 'The plan is paused for a goal change; it resumes when the employee acknowledges again' } },
  endReached: { holds: (c) => c.facts.endReached, message: { zh: '计划尚未到期，不能进入终期评审', en: 'The plan has not reached its end date' } },
  outcomeRecorded: { holds: (c) => c.facts.outcomeRecorded, message: { zh: '请先提出并确认评审结果', en: 'Propose and confirm the outcome first' } },
  outcomeAcknowledged: { holds: (c) => c.facts.outcomeAcknowledged, message: { zh: '员工尚未签收评审结果（或记录见证人拒签）', en: 'The employee has not acknowledged the outcome (or refused before a witness) yet' } },
  outcomeExtended: { holds: (c) => c.facts.outcome === 'extended', message: { zh: '评审结果不是延期', en: 'The outcome is not an extension' } },
  outcomeNotPassed: { holds: (c) => c.facts.outcome === 'not_passed', message: { zh: '评审结果不是未通过', en: 'The outcome is not "not passed"' } },
  // passed: close from the final review; not passed: only once the follow-up has concluded
  closable: {
    holds: (c) => (c.facts.state === 'final_review' ? c.facts.outcome === 'passed' : c.facts.followUpConcluded),
    message: { zh: '未通过的计划须先完成培训或调岗及再评估（或终止评审）后才能结束', en: 'A plan not passed closes only after training or role adjustment and a re-assessment (or a termination review)' },
  },
  comment: { holds: (c) => filled(c.input.comment), message: { zh: '请填写意见', en: 'A comment is required' }, input: true },
  reason: { holds: (c) => filled(c.input.reason), message: { zh: '请填写原因', en: 'A reason is required' }, input: true },
  witness: { holds: (c) => filled(c.input.witness), message: { zh: '拒签需记录见证人', en: 'A refusal needs a witness' }, input: true },
  // the initiator may take back their own plan only before it is approved; HR at any open state
  initiatorEarly: {
    holds: (c) => c.actors.has('hr') || c.facts.state === 'draft' || c.facts.state === 'pending_approval',
    message: { zh: '计划审批通过后只能由 HR 取消', en: 'Once approved, only HR can cancel the plan' },
    actor: true,
  },
} satisfies Record<string, Precondition>;
export type PreconditionKey = keyof typeof preconditions;

export type Transition = {
  from: readonly PipState[];
  /** the next state; approve stays pending until the last node */
  to: PipState | ((f: PlanFacts) => PipState);
  actors: readonly PipActor[];
  requires: readonly PreconditionKey[];
  /** the pause reason the plan has after the transition (null clears it) */
  pause?: PipPauseReason | null;
};

/**
 * Every transition of a plan: from which states, to which, who may take it and what must hold.
 * The service gathers the facts and applies the result; nothing else decides a state change.
 */
export const TRANSITIONS: Record<PipAction, Transition> = {
  submit: { from: ['draft'], to: 'pending_approval', actors: ['initiator', 'manager', 'hr'], requires: ['complete', 'chainResolved'] },
  withdraw: { from: ['pending_approval'], to: 'draft', actors: ['initiator', 'hr'], requires: [] },
  approve: { from: ['pending_approval'], to: (f) => (f.approvalsLeft > 1 ? 'pending_approval' : 'goal_setting'), actors: ['approver'], requires: [] },
  reject: { from: ['pending_approval'], to: 'draft', actors: ['approver'], requires: ['comment'] },
  acknowledge: { from: ['goal_setting', 'paused'], to: 'in_progress', actors: ['employee'], requires: ['awaitingAcknowledgment', 'goalsValid', 'goalsFinal'], pause: null },
  record_refusal: { from: ['goal_setting', 'paused'], to: 'in_progress', actors: ['hr'], requires: ['awaitingAcknowledgment', 'goalsValid', 'goalsFinal', 'witness'], pause: null },
  amend_goals: { from: ['in_progress'], to: 'paused', actors: ['manager', 'hr'], requires: ['reason'], pause: 'reacknowledgment' },
  pause: { from: ['in_progress'], to: 'paused', actors: ['hr'], requires: ['reason'], pause: 'absence' },
  resume: { from: ['paused'], to: 'in_progress', actors: ['hr'], requires: ['pausedForAbsence'], pause: null },
  begin_final_review: { from: ['in_progress'], to: 'final_review', actors: ['manager', 'hr', 'system'], requires: ['endReached'] },
  // a confirmed extension: new dates, paused until the employee acknowledges them
  extend: { from: ['final_review'], to: 'paused', actors: ['hrbp', 'hr'], requires: ['outcomeRecorded', 'outcomeExtended'], pause: 'reacknowledgment' },
  begin_follow_up: { from: ['final_review'], to: 'follow_up', actors: ['manager', 'hrbp', 'hr', 'system'], requires: ['outcomeRecorded', 'outcomeNotPassed', 'outcomeAcknowledged'] },
  close: { from: ['final_review', 'follow_up'], to: 'closed', actors: ['hr'], requires: ['outcomeRecorded', 'outcomeAcknowledged', 'closable'] },
  archive: { from: ['closed'], to: 'archived', actors: ['hr', 'system'], requires: [] },
  cancel: { from: openPipStates, to: 'cancelled', actors: ['hr', 'initiator'], requires: ['reason', 'initiatorEarly'], pause: null },
  employee_left: { from: openPipStates, to: 'closed', actors: ['system'], requires: [], pause: null },
};

export type TransitionResult = { to: PipState; pause: PipPauseReason | null };

const label = (s: PipState) => pipStateLabels[s];
const act = (a: PipAction) => pipActionLabels[a];

/**
 * Decides one transition: the next state and pause reason, or an AppError naming what is wrong —
 * the state (CONFLICT, with the states it is allowed from), the actor (FORBIDDEN) or a
 * precondition (CONFLICT; missing input is VALIDATION_FAILED).
 */
export function decide(action: PipAction, facts: PlanFacts, actors: ReadonlySet<PipActor>, input: TransitionInput = {}): TransitionResult {
  const t = TRANSITIONS[action];
  if (!t.from.includes(facts.state)) {
    const from = t.from.map((s) => label(s)['zh-CN']).join('、');
    throw new AppError('CONFLICT', `计划当前为「${label(facts.state)['zh-CN']}」，不能${act(action)['zh-CN']}（只能在「${from}」时${act(action)['zh-CN']}）`, {
      reason: 'state',
      state: facts.state,
      action,
      allowedFrom: t.from,
      en: `The plan is ${label(facts.state)['en-US'].toLowerCase()}: "${act(action)['en-US']}" is only possible when it is ${t.from.map((s) => label(s)['en-US'].toLowerCase()).join(', ')}`,
    });
  }
  if (!t.actors.some((a) => actors.has(a))) {
    throw new AppError('FORBIDDEN', `您不能对这个计划执行「${act(action)['zh-CN']}」`, { reason: 'actor', action, actors: t.actors });
  }
  const ctx: Ctx = { facts, input, actors };
  for (const key of t.requires) {
    const p: Precondition = preconditions[key];
    if (p.holds(ctx)) continue;
    const details = { reason: 'precondition', precondition: key, state: facts.state, action, en: p.message.en };
    if (p.actor) throw new AppError('FORBIDDEN', p.message.zh, details);
    if (p.input) throw new AppError('VALIDATION_FAILED', p.message.zh, { ...details, issues: [{ path: `body.${key}`, message: p.message.zh }] });
    throw new AppError('CONFLICT', p.message.zh, details);
  }
  const to = typeof t.to === 'function' ? t.to(facts) : t.to;
  const pause = t.pause === undefined ? facts.pauseReason : t.pause;
  return { to, pause: to === 'paused' ? pause : null };
}

/** Transitions that follow from something else (a leaver, an outcome's confirmation or receipt), never a button. */
const followOnly: readonly PipAction[] = ['employee_left', 'extend', 'begin_follow_up'];

/** The actions a caller could take now (for the plan page's buttons): state and actor fit; preconditions are checked on the click. */
export function availableActions(state: PipState, actors: ReadonlySet<PipActor>): PipAction[] {
  return (Object.keys(TRANSITIONS) as PipAction[]).filter((a) => TRANSITIONS[a].from.includes(state) && TRANSITIONS[a].actors.some((x) => actors.has(x)) && !followOnly.includes(a));
}
