import type { RetirementCategory } from '@uplift/contract';
import { addMonths } from './compliance.dates.ts';

/**
 * 国务院关于渐进式提高职工法定退休年龄的决定 (in force from 2025-01-01): starting with those whose
 * original retirement month is January 2025, the age rises by one month every `step` months of
 * birth until it reaches the target. Men 60 → 63 (every 4 months, born from 1965-01); women
 * workers 50 → 55 (every 2 months, born from 1975-01); women cadres 55 → 58 (every 4 months,
 * born from 1970-01).
 */
const reform: Record<RetirementCategory, { originalAge: number; firstBirthYear: number; step: number; maxDelay: number }> = {
  male_60: { originalAge: 60, firstBirthYear: 1965, step: 4, maxDelay: 36 },
  female_50: { originalAge: 50, firstBirthYear: 1975, step: 2, maxDelay: 60 },
  female_55: { originalAge: 55, firstBirthYear: 1970, step: 4, maxDelay: 36 },
};

export type StatutoryRetirement = { date: string; category: RetirementCategory; originalAge: number; delayMonths: number; ageYears: number; ageMonths: number };

/** The statutory retirement date: the day the employee reaches the (reformed) statutory age. */
export function statutoryRetirement(birthDate: string, category: RetirementCategory): StatutoryRetirement {
  const r = reform[category];
  const [y, m] = birthDate.split('-').map(Number) as [number, number];
  // months of birth since January of the first affected year: each `step` of them adds a month
  const k = (y - r.firstBirthYear) * 12 + (m - 1);
  const delayMonths = k < 0 ? 0 : Math.min(r.maxDelay, Math.floor(k / r.step) + 1);
  const total = r.originalAge * 12 + delayMonths;
  return { date: addMonths(birthDate, total), category, originalAge: r.originalAge, delayMonths, ageYears: Math.floor(total / 12), ageMonths: total % 12 };
}

/** Birth date and gender from an 18-digit resident ID (digits 7–14: YYYYMMDD; digit 17 odd: male); null when it does not parse. */
export function fromNationalId(id: string | null): { birthDate: string; gender: 'male' | 'female' } | null {
  if (!id || !/^\d{17}[\dXx]$/.test(id.trim())) return null;
  const s = id.trim();
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  const d = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birthDate) return null;
  return { birthDate, gender: Number(s[16]) % 2 === 1 ? 'male' : 'female' };
}
