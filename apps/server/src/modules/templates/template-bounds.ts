import type { PolicySettings, TemplateBounds, TemplateOverrideValues, TemplateParamKey, TemplateSettings, TemplateValues } from '@uplift/contract';

/** A field that breaks a bound: its path below the checked object (e.g. `values.duration.maxDays`) and why. */
export type BoundIssue = { path: string; message: string };

const missing = <T>(need: readonly T[], have: readonly T[]) => need.filter((x) => !have.includes(x));
const extra = <T>(have: readonly T[], allowed: readonly T[]) => have.filter((x) => !allowed.includes(x));

/** True when `grade` is at least `min`: the same letter track and a number ≥ (M4 ≥ M3; P7 is not ≥ M3). */
export function gradeAtLeast(grade: string, min: string): boolean {
  const g = /^([A-Za-z]+)(\d+)$/.exec(grade.trim());
  const m = /^([A-Za-z]+)(\d+)$/.exec(min.trim());
  if (!g || !m) return false;
  return g[1]!.toUpperCase() === m[1]!.toUpperCase() && Number(g[2]) >= Number(m[2]);
}

/**
 * The shape rules of one parameter's value that hold whoever sets it (template or override):
 * an ordered duration, a final evaluation at 100 %, unique keys. `at` is the value's path.
 */
export function valueShapeIssues<K extends TemplateParamKey>(key: K, value: TemplateValues[K], at: string): BoundIssue[] {
  const out: BoundIssue[] = [];
  const v = value as TemplateValues[TemplateParamKey];
  switch (key) {
    case 'approvalChain': {
      const keys = (v as TemplateValues['approvalChain']).nodes.map((n) => n.key);
      if (new Set(keys).size !== keys.length) out.push({ path: `${at}.nodes`, message: '审批节点的标识不能重复' });
      break;
    }
    case 'goalForm': {
      const f = (v as TemplateValues['goalForm']).fields;
      if (new Set(f).size !== f.length) out.push({ path: `${at}.fields`, message: '目标字段不能重复' });
      break;
    }
    case 'duration': {
      const d = v as TemplateValues['duration'];
      if (d.minDays > d.maxDays) out.push({ path: `${at}.maxDays`, message: `期限上限 ${d.maxDays} 天不能小于下限 ${d.minDays} 天` });
      if (d.defaultDays < d.minDays || d.defaultDays > d.maxDays) out.push({ path: `${at}.defaultDays`, message: `默认期限 ${d.defaultDays} 天须在 ${d.minDays}–${d.maxDays} 天之间` });
      break;
    }
    case 'evaluation': {
      const p = (v as TemplateValues['evaluation']).points;
      const keys = p.map((x) => x.key);
      if (new Set(keys).size !== keys.length) out.push({ path: `${at}.points`, message: '评估节点的标识不能重复' });
      if (!p.some((x) => x.atPercent === 100)) out.push({ path: `${at}.points`, message: '必须有一个终期评估节点（100%）' });
      break;
    }
    case 'cadence':
    case 'reminders':
    case 'outcomes':
    case 'extension':
      break;
    default: {
      const never: never = key as never;
      throw new Error(`unknown parameter ${String(never)}`);
    }
  }
  return out;
}

/** A value against the template's bounds for it (what an override may pick). */
export function valueWithinBounds<K extends TemplateParamKey>(key: K, value: TemplateValues[K], bounds: TemplateBounds, at: string): BoundIssue[] {
  const out: BoundIssue[] = [];
  switch (key) {
    case 'approvalChain': {
      const kinds = (value as TemplateValues['approvalChain']).nodes.map((n) => n.kind);
      const lost = missing(bounds.approvalChain.requiredKinds, kinds);
      if (lost.length > 0) out.push({ path: `${at}.nodes`, message: `审批链必须包含节点：${lost.join('、')}` });
      break;
    }
    case 'goalForm': {
      const lost = missing(bounds.goalForm.requiredFields, (value as TemplateValues['goalForm']).fields);
      if (lost.length > 0) out.push({ path: `${at}.fields`, message: `目标表单必须包含字段：${lost.join('、')}` });
      break;
    }
    case 'duration': {
      const d = value as TemplateValues['duration'];
      const b = bounds.duration;
      for (const f of ['minDays', 'defaultDays', 'maxDays'] as const) {
        if (d[f] < b.min || d[f] > b.max) out.push({ path: `${at}.${f}`, message: `${d[f]} 天超出允许范围 ${b.min}–${b.max} 天` });
      }
      break;
    }
    case 'cadence': {
      const c = value as TemplateValues['cadence'];
      if (!bounds.cadence.oneOnOneOptions.includes(c.oneOnOneEveryDays)) out.push({ path: `${at}.oneOnOneEveryDays`, message: `一对一面谈间隔只能是 ${bounds.cadence.oneOnOneOptions.join('、')} 天` });
      if (!bounds.cadence.threePartyOptions.includes(c.threePartyEveryDays)) out.push({ path: `${at}.threePartyEveryDays`, message: `三方会谈间隔只能是 ${bounds.cadence.threePartyOptions.join('、')} 天` });
      break;
    }
    case 'evaluation': {
      const n = (value as TemplateValues['evaluation']).points.length;
      if (n < bounds.evaluation.minPoints) out.push({ path: `${at}.points`, message: `评估节点 ${n} 个，少于要求的 ${bounds.evaluation.minPoints} 个` });
      break;
    }
    case 'reminders': {
      const r = value as TemplateValues['reminders'];
      for (const f of ['beforeCheckInHours', 'overdueMinutes'] as const) {
        const b = bounds.reminders[f];
        if (r[f] < b.min || r[f] > b.max) out.push({ path: `${at}.${f}`, message: `${r[f]} 超出允许范围 ${b.min}–${b.max}` });
      }
      break;
    }
    case 'outcomes': {
      const bad = extra((value as TemplateValues['outcomes']).allowed, bounds.outcomes.allowed);
      if (bad.length > 0) out.push({ path: `${at}.allowed`, message: `不允许的结果：${bad.join('、')}` });
      break;
    }
    case 'extension': {
      const e = value as TemplateValues['extension'];
      if (e.maxTimes > bounds.extension.maxTimes) out.push({ path: `${at}.maxTimes`, message: `延期次数 ${e.maxTimes} 超过上限 ${bounds.extension.maxTimes}` });
      if (e.maxDays > bounds.extension.maxDays) out.push({ path: `${at}.maxDays`, message: `延期天数 ${e.maxDays} 超过上限 ${bounds.extension.maxDays}` });
      break;
    }
    default: {
      const never: never = key as never;
      throw new Error(`unknown parameter ${String(never)}`);
    }
  }
  return out;
}

/** A value against the policy in force: its outer bounds. Parameters the policy does not cover pass. */
export function valueWithinPolicy<K extends TemplateParamKey>(key: K, value: TemplateValues[K], policy: PolicySettings, at: string): BoundIssue[] {
  const out: BoundIssue[] = [];
  switch (key) {
    case 'goalForm': {
      const lost = missing(policy.goals.requiredFields, (value as TemplateValues['goalForm']).fields);
      if (lost.length > 0) out.push({ path: `${at}.fields`, message: `缺少制度要求的目标字段：${lost.join('、')}` });
      break;
    }
    case 'duration': {
      const d = value as TemplateValues['duration'];
      const p = policy.outcomes.durationDays;
      if (d.maxDays > p.max) out.push({ path: `${at}.maxDays`, message: `期限上限 ${d.maxDays} 天超过制度的 ${p.max} 天` });
      if (d.minDays < p.min) out.push({ path: `${at}.minDays`, message: `期限下限 ${d.minDays} 天低于制度的 ${p.min} 天` });
      if (d.defaultDays < p.min || d.defaultDays > p.max) out.push({ path: `${at}.defaultDays`, message: `默认期限 ${d.defaultDays} 天不在制度的 ${p.min}–${p.max} 天之内` });
      break;
    }
    case 'cadence': {
      const c = value as TemplateValues['cadence'];
      // a longer interval is a less frequent meeting than the policy requires
      if (c.oneOnOneEveryDays > policy.communication.oneOnOneEveryDays) out.push({ path: `${at}.oneOnOneEveryDays`, message: `一对一面谈每 ${c.oneOnOneEveryDays} 天一次，比制度要求的每 ${policy.communication.oneOnOneEveryDays} 天更稀疏` });
      if (c.threePartyEveryDays > policy.communication.threePartyEveryDays) out.push({ path: `${at}.threePartyEveryDays`, message: `三方会谈每 ${c.threePartyEveryDays} 天一次，比制度要求的每 ${policy.communication.threePartyEveryDays} 天更稀疏` });
      break;
    }
    case 'evaluation': {
      const n = (value as TemplateValues['evaluation']).points.length;
      if (n < policy.evaluation.points.length) out.push({ path: `${at}.points`, message: `评估节点 ${n} 个，少于制度要求的 ${policy.evaluation.points.length} 个` });
      break;
    }
    case 'outcomes': {
      const bad = extra((value as TemplateValues['outcomes']).allowed, policy.outcomes.allowed);
      if (bad.length > 0) out.push({ path: `${at}.allowed`, message: `制度不允许的结果：${bad.join('、')}` });
      break;
    }
    case 'extension': {
      const e = value as TemplateValues['extension'];
      if (e.maxTimes > policy.outcomes.extension.maxTimes) out.push({ path: `${at}.maxTimes`, message: `延期次数 ${e.maxTimes} 超过制度的 ${policy.outcomes.extension.maxTimes} 次` });
      if (e.maxDays > policy.outcomes.extension.maxDays) out.push({ path: `${at}.maxDays`, message: `延期天数 ${e.maxDays} 超过制度的 ${policy.outcomes.extension.maxDays} 天` });
      break;
    }
    case 'approvalChain':
    case 'reminders':
      break;
    default: {
      const never: never = key as never;
      throw new Error(`unknown parameter ${String(never)}`);
    }
  }
  return out;
}

/** The template's bounds against the policy: a unit must not be allowed past what the policy allows. */
export function boundsWithinPolicy(b: TemplateBounds, policy: PolicySettings, at: string): BoundIssue[] {
  const out: BoundIssue[] = [];
  const p = policy.outcomes.durationDays;
  if (b.duration.max > p.max) out.push({ path: `${at}.duration.max`, message: `期限上限 ${b.duration.max} 天超过制度的 ${p.max} 天` });
  if (b.duration.min < p.min) out.push({ path: `${at}.duration.min`, message: `期限下限 ${b.duration.min} 天低于制度的 ${p.min} 天` });
  const slow1 = b.cadence.oneOnOneOptions.filter((d) => d > policy.communication.oneOnOneEveryDays);
  if (slow1.length > 0) out.push({ path: `${at}.cadence.oneOnOneOptions`, message: `一对一面谈间隔 ${slow1.join('、')} 天比制度要求的每 ${policy.communication.oneOnOneEveryDays} 天更稀疏` });
  const slow3 = b.cadence.threePartyOptions.filter((d) => d > policy.communication.threePartyEveryDays);
  if (slow3.length > 0) out.push({ path: `${at}.cadence.threePartyOptions`, message: `三方会谈间隔 ${slow3.join('、')} 天比制度要求的每 ${policy.communication.threePartyEveryDays} 天更稀疏` });
  if (b.evaluation.minPoints < policy.evaluation.points.length) out.push({ path: `${at}.evaluation.minPoints`, message: `评估节点下限 ${b.evaluation.minPoints} 个，少于制度要求的 ${policy.evaluation.points.length} 个` });
  const bad = extra(b.outcomes.allowed, policy.outcomes.allowed);
  if (bad.length > 0) out.push({ path: `${at}.outcomes.allowed`, message: `制度不允许的结果：${bad.join('、')}` });
  if (b.extension.maxTimes > policy.outcomes.extension.maxTimes) out.push({ path: `${at}.extension.maxTimes`, message: `延期次数上限 ${b.extension.maxTimes} 超过制度的 ${policy.outcomes.extension.maxTimes} 次` });
  if (b.extension.maxDays > policy.outcomes.extension.maxDays) out.push({ path: `${at}.extension.maxDays`, message: `延期天数上限 ${b.extension.maxDays} 超过制度的 ${policy.outcomes.extension.maxDays} 天` });
  return out;
}

/** The bounds' own order (a range's min ≤ max). */
function boundsShapeIssues(b: TemplateBounds, at: string): BoundIssue[] {
  const out: BoundIssue[] = [];
  const ranges = [
    ['duration', b.duration],
    ['reminders.beforeCheckInHours', b.reminders.beforeCheckInHours],
    ['reminders.overdueMinutes', b.reminders.overdueMinutes],
  ] as const;
  for (const [name, r] of ranges) if (r.min > r.max) out.push({ path: `${at}.${name}.max`, message: `上限 ${r.max} 不能小于下限 ${r.min}` });
  return out;
}

const keysOf = (v: Partial<TemplateValues>) => (Object.keys(v) as TemplateParamKey[]).filter((k) => v[k] !== undefined);

/**
 * Everything wrong with a group template: values' shape, values within the template's own bounds,
 * bounds in order, and values and bounds within the policy in force (none: not bound by a policy).
 * Paths are below the settings object (`values.duration.maxDays`, `bounds.duration.max`).
 */
export function templateIssues(s: TemplateSettings, policy: PolicySettings | null): BoundIssue[] {
  const out: BoundIssue[] = [...boundsShapeIssues(s.bounds, 'bounds')];
  for (const k of keysOf(s.values)) {
    const at = `values.${k}`;
    out.push(...valueShapeIssues(k, s.values[k], at));
    // a locked parameter's bounds are never used: its value need not sit inside them
    if (!s.locked.includes(k)) out.push(...valueWithinBounds(k, s.values[k], s.bounds, at));
    if (policy) out.push(...valueWithinPolicy(k, s.values[k], policy, at));
  }
  if (policy) out.push(...boundsWithinPolicy(s.bounds, policy, 'bounds'));
  const unused = (path: string) => s.locked.some((k) => path === `bounds.${k}` || path.startsWith(`bounds.${k}.`));
  return dedupe(out.filter((i) => !unused(i.path)));
}

/**
 * Everything wrong with a unit's override: a locked parameter, a value outside the template's
 * bounds, or outside the policy in force for the unit. Paths are below `values`.
 */
export function overrideIssues(values: TemplateOverrideValues, template: TemplateSettings, policy: PolicySettings | null): BoundIssue[] {
  const out: BoundIssue[] = [];
  for (const k of keysOf(values)) {
    const at = `values.${k}`;
    const v = values[k]!;
    if (template.locked.includes(k)) {
      out.push({ path: at, message: '该参数已被集团锁定，不能覆盖' });
      continue;
    }
    out.push(...valueShapeIssues(k, v, at), ...valueWithinBounds(k, v, template.bounds, at));
    if (policy) out.push(...valueWithinPolicy(k, v, policy, at));
  }
  return dedupe(out);
}

/** One issue per field: the first reason found (the template's own bound before the policy's). */
function dedupe(issues: BoundIssue[]): BoundIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    if (seen.has(i.path)) return false;
    seen.add(i.path);
    return true;
  });
}

/**
 * Values a unit inherits (the parameters it does not override) that break the policy in force
 * for it: one issue per parameter at `values.<key>`, asking for an override. Locked parameters
 * are the group's to fix, not the unit's, and are left out.
 */
export function inheritedIssues(inherited: TemplateValues, overridden: TemplateOverrideValues, locked: readonly TemplateParamKey[], policy: PolicySettings): BoundIssue[] {
  const out: BoundIssue[] = [];
  for (const k of Object.keys(inherited) as TemplateParamKey[]) {
    if (overridden[k] !== undefined || locked.includes(k)) continue;
    const [first] = valueWithinPolicy(k, inherited[k], policy, `values.${k}`);
    if (first) out.push({ path: `values.${k}`, message: `沿用的值不符合本单位适用的制度（${first.message}），请覆盖此参数` });
  }
  return out;
}
