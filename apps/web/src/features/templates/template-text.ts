import type { FieldIssue, TemplateBounds, TemplateParamKey, TemplateValues } from '@uplift/contract';
import type { Translate } from '../../i18n/i18n.ts';

/** Field problems by dotted path below the edited object ("values.duration.maxDays"). */
export type Issues = ReadonlyMap<string, string[]>;

/**
 * Server or zod issues keyed by path, with the request's own prefix dropped: "body.settings."
 * for the group template, "body." for an override (both then read "values.…" / "bounds.…").
 */
export function issuesByPath(issues: readonly FieldIssue[], prefixes: readonly string[]): Issues {
  const out = new Map<string, string[]>();
  for (const i of issues) {
    let path = i.path;
    for (const p of prefixes) if (path.startsWith(p)) path = path.slice(p.length);
    out.set(path, [...(out.get(path) ?? []), i.message]);
  }
  return out;
}

/** Messages at exactly `path`. */
export const issuesAt = (issues: Issues, path: string): string[] => issues.get(path) ?? [];

/** Messages at `path` or anywhere below it (a list and its items). */
export function issuesUnder(issues: Issues, path: string): string[] {
  return [...issues].filter(([p]) => p === path || p.startsWith(`${path}.`)).flatMap(([, m]) => m);
}

/** A zod issue path as the dotted form the server uses. */
export const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** The list with item `i` moved by `delta` (−1 up, +1 down); unchanged at the ends. */
export function move<T>(list: readonly T[], i: number, delta: -1 | 1): T[] {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** One parameter's value in a line of the current language. */
export function describeValue<K extends TemplateParamKey>(key: K, value: TemplateValues[K], t: Translate): string {
  const v = value as TemplateValues[TemplateParamKey];
  const sep = t('templates.summary.sep');
  switch (key) {
    case 'approvalChain':
      return (v as TemplateValues['approvalChain']).nodes.map((n) => `${t(`templates.approverKinds.${n.kind}`)}${n.minGrade ? ` (≥ ${n.minGrade})` : ''}`).join(' → ');
    case 'goalForm':
      return (v as TemplateValues['goalForm']).fields.map((f) => t(`templates.goalFields.${f}`)).join(sep);
    case 'duration': {
      const d = v as TemplateValues['duration'];
      return t('templates.summary.duration', { d: d.defaultDays, min: d.minDays, max: d.maxDays });
    }
    case 'cadence': {
      const c = v as TemplateValues['cadence'];
      return t('templates.summary.cadence', { a: c.oneOnOneEveryDays, b: c.threePartyEveryDays });
    }
    case 'evaluation':
      return (v as TemplateValues['evaluation']).points.map((p) => t('templates.summary.point', { name: p.name, pct: p.atPercent })).join(sep);
    case 'reminders': {
      const r = v as TemplateValues['reminders'];
      return t('templates.summary.reminders', { h: r.beforeCheckInHours, m: r.overdueMinutes });
    }
    case 'outcomes':
      return (v as TemplateValues['outcomes']).allowed.map((o) => t(`templates.outcomes.${o}`)).join(sep);
    case 'extension': {
      const e = v as TemplateValues['extension'];
      return t('templates.summary.extension', { times: e.maxTimes, days: e.maxDays });
    }
    default: {
      const never: never = key as never;
      return String(never);
    }
  }
}

/** What a unit may pick for one parameter, in a line (shown beside an override). */
export function describeBounds(key: TemplateParamKey, b: TemplateBounds, t: Translate): string {
  const sep = t('templates.summary.sep');
  switch (key) {
    case 'approvalChain':
      return t('templates.summary.mustKeep', { list: b.approvalChain.requiredKinds.map((k) => t(`templates.approverKinds.${k}`)).join(sep) || '–' });
    case 'goalForm':
      return t('templates.summary.mustKeep', { list: b.goalForm.requiredFields.map((f) => t(`templates.goalFields.${f}`)).join(sep) || '–' });
    case 'duration':
      return t('templates.summary.range', { min: b.duration.min, max: b.duration.max });
    case 'cadence':
      return `${t('templates.fields.oneOnOne')} ${t('templates.summary.options', { list: b.cadence.oneOnOneOptions.join('/') })}; ${t('templates.fields.threeParty')} ${t('templates.summary.options', { list: b.cadence.threePartyOptions.join('/') })}`;
    case 'evaluation':
      return t('templates.summary.atLeast', { n: b.evaluation.minPoints });
    case 'reminders':
      return `${t('templates.fields.beforeCheckInHours')} ${t('templates.summary.range', b.reminders.beforeCheckInHours)}; ${t('templates.fields.overdueMinutes')} ${t('templates.summary.range', b.reminders.overdueMinutes)}`;
    case 'outcomes':
      return t('templates.summary.oneOf', { list: b.outcomes.allowed.map((o) => t(`templates.outcomes.${o}`)).join(sep) });
    case 'extension':
      return t('templates.summary.atMost', { times: b.extension.maxTimes, days: b.extension.maxDays });
    default: {
      const never: never = key;
      return String(never);
    }
  }
}
