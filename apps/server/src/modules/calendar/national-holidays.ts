import type { CalendarDayKind } from '@uplift/contract';
import { addDays } from './working-days.ts';

type Entry = { date: string; kind: CalendarDayKind; name: string };

/** A holiday run from `from` to `to` inclusive, and its make-up working days. */
function run(name: string, from: string, to: string, workdays: string[] = []): Entry[] {
  const out: Entry[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, kind: 'holiday', name });
  for (const d of workdays) out.push({ date: d, kind: 'workday', name: `${name}调休上班` });
  return out;
}

/**
 * The national holidays and make-up working days as the State Council announced them
 * (国办发明电〔2024〕12号 for 2025; the notice of 4 November 2025 for 2026). Loaded on first
 * start; later years are maintained by admins when the notice is out (usually in November).
 */
export const NATIONAL_HOLIDAYS: Record<number, Entry[]> = {
  2025: [
    ...run('元旦', '2025-01-01', '2025-01-01'),
    ...run('春节', '2025-01-28', '2025-02-04', ['2025-01-26', '2025-02-08']),
    ...run('清明节', '2025-04-04', '2025-04-06'),
    ...run('劳动节', '2025-05-01', '2025-05-05', ['2025-04-27']),
    ...run('端午节', '2025-05-31', '2025-06-02'),
    ...run('国庆节、中秋节', '2025-10-01', '2025-10-08', ['2025-09-28', '2025-10-11']),
  ],
  2026: [
    ...run('元旦', '2026-01-01', '2026-01-03', ['2026-01-04']),
    ...run('春节', '2026-02-15', '2026-02-23', ['2026-02-14', '2026-02-28']),
    ...run('清明节', '2026-04-04', '2026-04-06'),
    ...run('劳动节', '2026-05-01', '2026-05-05', ['2026-05-09']),
    ...run('端午节', '2026-06-19', '2026-06-21'),
    ...run('中秋节', '2026-09-25', '2026-09-27'),
    ...run('国庆节', '2026-10-01', '2026-10-07', ['2026-09-20', '2026-10-10']),
  ],
};
