/**
 * Parsing one cell into a typed value, with a message a person can act on (zh-CN and en-US).
 * Pure; the per-row half of validation (the set-based half is SQL in each import kind).
 */

export type Message = { zh: string; en: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: Message };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, zh: string, en: string): Parsed<never> => ({ ok: false, code, message: { zh, en } });

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? null : `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A calendar date: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, or an Excel serial
 * number (days since 1899-12-30) when a date cell was exported as a number.
 */
export function parseDate(text: string): Parsed<string> {
  const t = text.trim().replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return ok(iso);
    return fail('BAD_DATE', `日期不存在：${text}`, `No such date: ${text}`);
  }
  m = /^(\d{4,5})(\.0+)?$/.exec(t);
  if (m) {
    const serial = Number(m[1]);
    if (serial > 1 && serial < 110_000) {
      const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
      return ok(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
    }
  }
  return fail('BAD_DATE', `日期格式不正确：${text}（应为 2024-03-01）`, `Not a date: ${text} (expected 2024-03-01)`);
}

/** A whole number within [min, max]. */
export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  const t = text.trim().replace(/,/g, '');
  if (!/^-?\d+(\.0+)?$/.test(t)) return fail('BAD_NUMBER', `应为整数：${text}`, `Not a whole number: ${text}`);
  const n = Number.parseInt(t, 10);
  if (n < min || n > max) return fail('OUT_OF_RANGE', `数值应在 ${min} 到 ${max} 之间：${text}`, `Must be between ${min} and ${max}: ${text}`);
  return ok(n);
}

/** One of a closed set, given as its code (male) or any of its labels (男). */
export function parseChoice<T extends string>(text: string, choices: Record<T, readonly string[]>): Parsed<T> {
  const t = text.trim().toLowerCase();
  for (const [value, labels] of Object.entries(choices) as [T, readonly string[]][]) {
    if (t === value.toLowerCase() || labels.some((l) => l.toLowerCase() === t)) return ok(value);
  }
  const all = (Object.values(choices) as readonly string[][]).map((l) => l[0]).join('、');
  const allEn = Object.keys(choices).join(', ');
  return fail('BAD_CHOICE', `不是有效的选项：${text}（可选：${all}）`, `Not a valid option: ${text} (one of ${allEn})`);
}

/** Text with a maximum length. */
export function parseText(text: string, max: number): Parsed<string> {
  const t = text.trim();
  return [...t].length > max ? fail('TOO_LONG', `超过 ${max} 个字符`, `Longer than ${max} characters`) : ok(t);
}

export function parseMobile(text: string): Parsed<string> {
  const t = text.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1\d{10}$/.test(t) ? ok(t) : fail('BAD_MOBILE', `手机号应为 11 位数字：${text}`, `A mobile number has 11 digits: ${text}`);
}

export function parseEmail(text: string): Parsed<string> {
  const t = text.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && t.length <= 200 ? ok(t.toLowerCase()) : fail('BAD_EMAIL', `邮箱格式不正确：${text}`, `Not an email address: ${text}`);
}

export function parseNationalId(text: string): Parsed<string> {
  const t = text.trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(t) ? ok(t) : fail('BAD_NATIONAL_ID', '身份证号应为 18 位（最后一位可为 X）', 'A national ID has 18 characters (the last may be X)');
}

export function parseCreditCode(text: string): Parsed<string> {
  const t = text.trim().toUpperCase();
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(t) ? ok(t) : fail('BAD_CREDIT_CODE', `统一社会信用代码应为 18 位：${text}`, `A unified social credit code has 18 characters: ${text}`);
}

/** A code (org unit code, employee number): letters, digits, _ and -. */
export function parseCode(text: string, max = 32): Parsed<string> {
  const t = text.trim();
  if (t.length > max) return fail('TOO_LONG', `超过 ${max} 个字符`, `Longer than ${max} characters`);
  return /^[A-Za-z0-9_-]+$/.test(t) ? ok(t) : fail('BAD_CODE', `只能包含字母、数字、_ 和 -：${text}`, `Only letters, digits, _ and - are allowed: ${text}`);
}

/** Masks a sensitive value for error listings: enough to find the cell, not enough to leak it. */
export function maskValue(text: string): string {
  const chars = [...text];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const [head, tail] = chars.length <= 8 ? [2, 1] : [3, 2];
  return `${chars.slice(0, head).join('')}${'*'.repeat(chars.length - head - tail)}${chars.slice(-tail).join('')}`;
}
