import type { PolicyState, Role } from '@uplift/contract';

/** Roles that see the policy administration (HR and auditors; the server scopes each). */
export const policyReaderRoles = ['group_hr', 'hr_head', 'hrbp', 'auditor'] as const satisfies readonly Role[];

export const stateColors: Record<PolicyState, string> = { draft: 'default', in_review: 'gold', scheduled: 'blue', in_force: 'green', superseded: 'default' };

/** SHA-256 (hex) of text, as the server computes it; null where the browser has no Web Crypto (plain http). */
export async function sha256Hex(text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Parses "3, 7" into reminder days (whole days 1–90, in order, no duplicates). */
export function parseReminderDays(text: string): number[] {
  const days = text
    .split(/[,，\s]+/)
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 90);
  return [...new Set(days)].sort((a, b) => a - b);
}

/** Splits a free-text list ("a、b, c" or one per line) into trimmed items. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
