import { candidateStatuses, type Candidate, type CycleType, type PerformanceResult, type Role, type RuleParams } from '@uplift/contract';
import type { Language } from '../../i18n/i18n.ts';

export type CandidateStatus = Candidate['status'];
export type Correction = PerformanceResult['corrections'][number];
export type Metric = 'achievement' | 'score' | 'grade';

const none = '—';

/** The roles that open cycles and write trigger rules, each within its scope (the server decides). */
export const writerRoles = ['group_hr', 'hr_head'] as const satisfies readonly Role[];

/** Rows oldest cycle first (the chart's x axis): by end date, then by cycle code. */
export function byCycleEnd<T extends { endDate: string }>(rows: readonly T[], code: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (a.endDate === b.endDate ? code(a).localeCompare(code(b)) : a.endDate < b.endDate ? -1 : 1));
}

/** A number for people: at most two decimals, no trailing zeros; "—" for none. */
export function numberText(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return none;
  return String(Math.round(v * 100) / 100);
}

/** "72.5%": an achievement (already a percentage) for people; "—" for none. */
export function percentText(v: number | null | undefined): string {
  const n = numberText(v);
  return n === none ? n : `${n}%`;
}

/** A value of a correction record (numbers, text, null) for people. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return none;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

const resultFields = ['score', 'target', 'achievement', 'grade', 'comment'];

/**
 * What a correction changed, field by field (the result's own fields first, in form order);
 * fields whose value stayed the same are left out.
 */
export function correctionChanges(c: Pick<Correction, 'before' | 'after'>): { field: string; from: string; to: string }[] {
  const keys = [...new Set([...Object.keys(c.before), ...Object.keys(c.after)])];
  const rank = (k: string) => (resultFields.includes(k) ? resultFields.indexOf(k) : resultFields.length);
  keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys
    .filter((k) => JSON.stringify(c.before[k] ?? null) !== JSON.stringify(c.after[k] ?? null))
    .map((k) => ({ field: k, from: valueText(c.before[k]), to: valueText(c.after[k]) }));
}

/** The metric a rule compares and its threshold, for rules about cycle results; null otherwise. */
export function ruleMeasure(params: RuleParams): { metric: Metric; threshold: number | string } | null {
  switch (params.kind) {
    case 'consecutive_below':
    case 'rolling_average_below':
      return { metric: params.metric, threshold: params.threshold };
    case 'grade_count':
    case 'negative_feedback':
      return null;
    default: {
      const never: never = params;
      return never;
    }
  }
}

/** True when `value` is below `threshold` on `metric`; for grades, worse in `grades` (best first). */
export function isBelow(metric: Metric, value: number | string | null, threshold: number | string, grades: readonly string[]): boolean {
  if (value === null) return false;
  if (metric === 'grade') {
    const v = grades.indexOf(String(value));
    const th = grades.indexOf(String(threshold));
    return v >= 0 && th >= 0 && v > th;
  }
  return typeof value === 'number' && typeof threshold === 'number' && value < threshold;
}

export type CandidateFilters = { status: CandidateStatus; ruleId: string | null; unitId: string | null };

/** The candidate list's filters from the address (?status=&ruleId=&unitId=): open by default. */
export function readCandidateFilters(params: URLSearchParams): CandidateFilters {
  const status = params.get('status');
  return {
    status: candidateStatuses.find((s) => s === status) ?? 'open',
    ruleId: params.get('ruleId') || null,
    unitId: params.get('unitId') || null,
  };
}

/** The address parameters for `filters` (defaults left out) and the open candidate, if any. */
export function candidateParams(filters: CandidateFilters, open: string | null): Record<string, string> {
  const p: Record<string, string> = {};
  if (filters.status !== 'open') p.status = filters.status;
  if (filters.ruleId) p.ruleId = filters.ruleId;
  if (filters.unitId) p.unitId = filters.unitId;
  if (open) p.open = open;
  return p;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export type CycleSuggestion = { code: string; name: string; startDate: string; endDate: string };

/** Code, name and dates of the cycle of `type` that contains `today` (YYYY-MM-DD), named in `lang`. */
export function suggestCycle(type: CycleType, today: string, lang: Language): CycleSuggestion {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const zh = lang === 'zh-CN';
  const span = (from: number, to: number) => ({ startDate: `${y}-${pad(from)}-01`, endDate: `${y}-${pad(to)}-${pad(lastDay(y, to))}` });
  switch (type) {
    case 'monthly':
      return { code: `${y}M${pad(m)}`, name: zh ? `${y}年${m}月` : `${y}-${pad(m)}`, ...span(m, m) };
    case 'quarterly': {
      const q = Math.ceil(m / 3);
      return { code: `${y}Q${q}`, name: zh ? `${y}年第${q}季度` : `${y} Q${q}`, ...span(q * 3 - 2, q * 3) };
    }
    case 'half_yearly': {
      const h = m <= 6 ? 1 : 2;
      return { code: `${y}H${h}`, name: zh ? `${y}年${h === 1 ? '上' : '下'}半年` : `${y} H${h}`, ...span(h * 6 - 5, h * 6) };
    }
    case 'annual':
      return { code: `${y}`, name: zh ? `${y}年度` : `${y} annual`, ...span(1, 12) };
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** What the result form holds. */
export type ResultFormValues = {
  cycleId: string | null;
  score: number | null;
  target: number | null;
  achievement: number | null;
  grade: string | null;
  comment: string;
  reason: string;
};

/**
 * The body of PUT /api/performance/results/:employeeId/:cycleId: every field (null clears it),
 * the reason only for a correction. Null when neither score, achievement nor grade is given.
 */
export function resultBody(v: ResultFormValues, correcting: boolean): { score: number | null; target: number | null; achievement: number | null; grade: string | null; comment: string | null; reason?: string } | null {
  const grade = v.grade?.trim() || null;
  if (v.score === null && v.achievement === null && grade === null) return null;
  const comment = v.comment.trim() || null;
  const body = { score: v.score, target: v.target, achievement: v.achievement, grade, comment };
  return correcting ? { ...body, reason: v.reason.trim() } : body;
}
