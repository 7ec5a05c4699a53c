import { describe, expect, it } from 'vitest';
import { fromNationalId, statutoryRetirement } from './retirement.ts';

const at = (birth: string, c: Parameters<typeof statutoryRetirement>[1]) => {
  const r = statutoryRetirement(birth, c);
  return [r.date, r.delayMonths, `${r.ageYears}y${r.ageMonths}m`];
};

describe('statutory retirement date under the 2025 reform', () => {
  it('men: 60 before 1965, +1 month per 4 months of birth from January 1965, 63 from September 1976', () => {
    expect(at('1964-12-15', 'male_60')).toEqual(['2024-12-15', 0, '60y0m']);
    // the first affected month: retires February 2025 instead of January
    expect(at('1965-01-01', 'male_60')).toEqual(['2025-02-01', 1, '60y1m']);
    expect(at('1965-04-30', 'male_60')).toEqual(['2025-05-30', 1, '60y1m']);
    expect(at('1965-05-01', 'male_60')).toEqual(['2025-07-01', 2, '60y2m']);
    expect(at('1976-08-10', 'male_60')).toEqual(['2039-07-10', 35, '62y11m']);
    expect(at('1976-09-10', 'male_60')).toEqual(['2039-09-10', 36, '63y0m']);
    expect(at('1990-06-01', 'male_60')).toEqual(['2053-06-01', 36, '63y0m']);
  });

  it('women workers: 50 before 1975, +1 month per 2 months of birth, 55 from November 1984', () => {
    expect(at('1974-12-31', 'female_50')).toEqual(['2024-12-31', 0, '50y0m']);
    // 31 January + 50 years 1 month: the last day of February
    expect(at('1975-01-31', 'female_50')).toEqual(['2025-02-28', 1, '50y1m']);
    expect(at('1975-02-15', 'female_50')).toEqual(['2025-03-15', 1, '50y1m']);
    expect(at('1975-03-01', 'female_50')).toEqual(['2025-05-01', 2, '50y2m']);
    expect(at('1984-10-15', 'female_50')).toEqual(['2039-09-15', 59, '54y11m']);
    expect(at('1984-11-15', 'female_50')).toEqual(['2039-11-15', 60, '55y0m']);
  });

  it('women cadres: 55 before 1970, +1 month per 4 months of birth, 58 from September 1981', () => {
    expect(at('1969-12-31', 'female_55')).toEqual(['2024-12-31', 0, '55y0m']);
    expect(at('1970-01-01', 'female_55')).toEqual(['2025-02-01', 1, '55y1m']);
    expect(at('1970-05-20', 'female_55')).toEqual(['2025-07-20', 2, '55y2m']);
    expect(at('1981-08-31', 'female_55')).toEqual(['2039-07-31', 35, '57y11m']);
    expect(at('1981-09-01', 'female_55')).toEqual(['2039-09-01', 36, '58y0m']);
  });

  it('reads birth date and gender from an 18-digit ID, and nothing from a bad one', () => {
    expect(fromNationalId('110101196501011234')).toEqual({ birthDate: '1965-01-01', gender: 'male' });
    expect(fromNationalId('11010119750131002X')).toEqual({ birthDate: '1975-01-31', gender: 'female' });
    expect(fromNationalId('110101197502301234')).toBeNull();
    expect(fromNationalId('1101011965')).toBeNull();
    expect(fromNationalId(null)).toBeNull();
  });
});
