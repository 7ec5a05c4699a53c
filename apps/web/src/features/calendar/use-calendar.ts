import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calendarDaySchema, calendarYearSchema, okSchema, workingDaysResultSchema, type PutCalendarDay } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

export type { CalendarDay, CalendarYear, WorkingDaysResult } from '@uplift/contract';

const keys = {
  all: ['calendar'] as const,
  year: (year: number, city: string | null) => ['calendar', 'year', year, city] as const,
  due: (from: string, days: number, city: string | null) => ['calendar', 'due', from, days, city] as const,
};

/** A year of the calendar, national or a city's (the national entries included). */
export function useCalendarYear(year: number, city: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.year(year, city),
    queryFn: () => api.get(`/api/calendar/years/${year}`, calendarYearSchema, { city }),
    placeholderData: keepPreviousData,
  });
}

/** The date `days` working days after `from` (null while the inputs are incomplete). */
export function useWorkingDays(from: string | null, days: number | null, city: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.due(from ?? '', days ?? 0, city),
    queryFn: () => api.get('/api/calendar/working-days', workingDaysResultSchema, { from, days, city }),
    enabled: from !== null && days !== null,
  });
}

/** Sets a day (a holiday or a make-up working day). */
export function usePutCalendarDay() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PutCalendarDay) => api.put('/api/calendar/days', calendarDaySchema, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Removes a day's entry (the date follows the week again, or the national entry for a city). */
export function useDeleteCalendarDay() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { date: string; city: string | null }) => api.delete(`/api/calendar/days?${new URLSearchParams({ date: v.date, ...(v.city ? { city: v.city } : {}) })}`, okSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}
