import type { PolicySettings } from '@uplift/contract';

/** One field where a subsidiary's settings go beyond the group's. */
export type NarrowingIssue = { path: string; message: string; messages: { 'zh-CN': string; 'en-US': string } };

/** Unit paths the scope check needs: the two owners' and every unit named in either scope. */
export type UnitPaths = ReadonlyMap<string, string>;

const issue = (path: string, zh: string, en: string): NarrowingIssue => ({ path: `settings.${path}`, message: zh, messages: { 'zh-CN': zh, 'en-US': en } });
const missing = <T>(sub: readonly T[], sup: readonly T[]) => sub.filter((x) => !sup.includes(x));
const list = (xs: readonly unknown[]) => xs.map(String).join('、');

/**
 * Checks that `child` (a subsidiary's settings) only narrows `parent` (the group's), field by
 * field, and names every field that does not. Empty lists of units/positions/grades mean "all"
 * (units: the owner's whole subtree), so a child may restrict an open parent but never reopen
 * a restricted one.
 */
export function narrowingIssues(parent: PolicySettings, child: PolicySettings, owners: { parentOwnerId: string; childOwnerId: string }, paths: UnitPaths): NarrowingIssue[] {
  const out: NarrowingIssue[] = [];
  const pathOf = (id: string) => paths.get(id) ?? `/unknown:${id}/`;

  // scope: every unit of the child lies in a subtree the parent covers
  const parentUnits = (parent.scope.unitIds.length ? parent.scope.unitIds : [owners.parentOwnerId]).map(pathOf);
  const childUnits = child.scope.unitIds.length ? child.scope.unitIds : [owners.childOwnerId];
  const outside = childUnits.filter((id) => !parentUnits.some((p) => pathOf(id).startsWith(p)));
  if (outside.length) out.push(issue('scope.unitIds', '适用范围超出集团制度覆盖的组织', 'The scope covers units outside those of the group policy'));
  for (const [key, zh, en] of [
    ['positions', '岗位', 'positions'],
    ['grades', '职级', 'grades'],
  ] as const) {
    const p = parent.scope[key];
    const c = child.scope[key];
    if (p.length === 0) continue;
    if (c.length === 0) out.push(issue(`scope.${key}`, `集团制度只适用于部分${zh}，子公司制度不能适用于全部${zh}`, `The group policy applies to some ${en} only; the subsidiary cannot apply to all`));
    else if (missing(c, p).length) out.push(issue(`scope.${key}`, `${zh}不在集团制度范围内：${list(missing(c, p))}`, `Not in the group policy's ${en}: ${missing(c, p).join(', ')}`));
  }
  const notExcluded = missing(parent.scope.excludedStatuses, child.scope.excludedStatuses);
  if (notExcluded.length) out.push(issue('scope.excludedStatuses', `必须同样排除：${list(notExcluded)}`, `Must also exclude: ${notExcluded.join(', ')}`));

  // start conditions
  const types = missing(child.start.problemTypes, parent.start.problemTypes);
  if (types.length) out.push(issue('start.problemTypes', `集团制度不允许的问题类型：${list(types)}`, `Problem types the group policy does not allow: ${types.join(', ')}`));
  const reasons = missing(child.start.manualReasons, parent.start.manualReasons);
  if (reasons.length) out.push(issue('start.manualReasons', `集团制度没有的手动启动原因：${list(reasons)}`, `Manual reasons the group policy does not list: ${reasons.join(', ')}`));

  // goals
  const fields = missing(parent.goals.requiredFields, child.goals.requiredFields);
  if (fields.length) out.push(issue('goals.requiredFields', `必须同样要求：${list(fields)}`, `Must also require: ${fields.join(', ')}`));
  if (child.goals.minGoals < parent.goals.minGoals) out.push(issue('goals.minGoals', `目标数量下限不能低于集团的 ${parent.goals.minGoals}`, `The minimum number of goals cannot be below the group's ${parent.goals.minGoals}`));
  if (child.goals.maxGoals > parent.goals.maxGoals) out.push(issue('goals.maxGoals', `目标数量上限不能高于集团的 ${parent.goals.maxGoals}`, `The maximum number of goals cannot exceed the group's ${parent.goals.maxGoals}`));
  if (JSON.stringify(child.goals.ratingScale) !== JSON.stringify(parent.goals.ratingScale))
    out.push(issue('goals.ratingScale', `评分等级必须与集团一致：${list(parent.goals.ratingScale)}`, `The rating scale must equal the group's: ${parent.goals.ratingScale.join(', ')}`));

  // communication: at least as frequent
  for (const [key, zh, en] of [
    ['threePartyEveryDays', '三方沟通间隔', 'three-party meeting interval'],
    ['oneOnOneEveryDays', '一对一沟通间隔', '1:1 interval'],
    ['minutesDueWorkingDays', '纪要提交期限', 'minutes deadline'],
    ['appealAnswerWorkingDays', '申诉答复期限', 'appeal answer deadline'],
  ] as const) {
    if (child.communication[key] > parent.communication[key])
      out.push(issue(`communication.${key}`, `${zh}不能长于集团的 ${parent.communication[key]} 天`, `The ${en} cannot be longer than the group's ${parent.communication[key]} days`));
  }

  // evaluation points: every point of the group's is kept (by key)
  const keys = missing(parent.evaluation.points.map((p) => p.key), child.evaluation.points.map((p) => p.key));
  if (keys.length) out.push(issue('evaluation.points', `必须保留集团的评估节点：${list(keys)}`, `Must keep the group's evaluation points: ${keys.join(', ')}`));
  const absences = missing(child.evaluation.pauseAbsences, parent.evaluation.pauseAbsences);
  if (absences.length) out.push(issue('evaluation.pauseAbsences', `集团制度不允许因此暂停：${list(absences)}`, `The group policy does not pause plans for: ${absences.join(', ')}`));
  if (child.evaluation.dueWorkingDays > parent.evaluation.dueWorkingDays)
    out.push(issue('evaluation.dueWorkingDays', `评估完成期限不能长于集团的 ${parent.evaluation.dueWorkingDays} 个工作日`, `The evaluation deadline cannot be longer than the group's ${parent.evaluation.dueWorkingDays} working days`));

  // outcomes
  const outcomes = missing(child.outcomes.allowed, parent.outcomes.allowed);
  if (outcomes.length) out.push(issue('outcomes.allowed', `集团制度不允许的结果：${list(outcomes)}`, `Outcomes the group policy does not allow: ${outcomes.join(', ')}`));
  const followUps = missing(child.outcomes.followUps, parent.outcomes.followUps);
  if (followUps.length) out.push(issue('outcomes.followUps', `集团制度不允许的后续措施：${list(followUps)}`, `Follow-ups the group policy does not allow: ${followUps.join(', ')}`));
  const pd = parent.outcomes.durationDays;
  if (child.outcomes.durationDays.min < pd.min) out.push(issue('outcomes.durationDays.min', `期限下限不能短于集团的 ${pd.min} 天`, `The minimum duration cannot be shorter than the group's ${pd.min} days`));
  if (child.outcomes.durationDays.max > pd.max) out.push(issue('outcomes.durationDays.max', `期限上限不能长于集团的 ${pd.max} 天`, `The maximum duration cannot be longer than the group's ${pd.max} days`));
  const pe = parent.outcomes.extension;
  if (child.outcomes.extension.maxTimes > pe.maxTimes) out.push(issue('outcomes.extension.maxTimes', `延期次数不能多于集团的 ${pe.maxTimes} 次`, `Extensions cannot exceed the group's ${pe.maxTimes}`));
  if (child.outcomes.extension.maxDays > pe.maxDays) out.push(issue('outcomes.extension.maxDays', `延期天数不能多于集团的 ${pe.maxDays} 天`, `Extension days cannot exceed the group's ${pe.maxDays}`));
  return out;
}
