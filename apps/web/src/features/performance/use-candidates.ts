import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { candidatePageSchema, candidateSchema } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import type { CandidateFilters } from './performance.ts';
import { performanceKeys } from './use-performance.ts';

export type { Candidate, Evidence } from '@uplift/contract';

const PAGE_SIZE = 50;

/** The candidates the caller may see under the filters, a page at a time, with the total. */
export function useCandidates(filters: CandidateFilters, enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...performanceKeys.candidates, 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get('/api/performance/candidates', candidatePageSchema, { status: filters.status, ruleId: filters.ruleId, unitId: filters.unitId, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One candidate with its evidence. */
export function useCandidate(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: [...performanceKeys.candidates, 'detail', id],
    queryFn: () => api.get(`/api/performance/candidates/${encodeURIComponent(id ?? '')}`, candidateSchema),
    enabled: id !== null,
  });
}

/** After a change to a candidate: lists, the detail and the person's file show the new state. */
function useCandidateMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: performanceKeys.all }),
  });
}

/** Assigns an HRBP (an employee) to follow the candidate up. */
export function useAssignCandidate(id: string) {
  const api = useApi();
  return useCandidateMutation((hrbpId: string) => api.post(`/api/performance/candidates/${encodeURIComponent(id)}/assign`, candidateSchema, { hrbpId }));
}

/** Dismisses the candidate with a reason; `snooze` keeps the rule quiet until its next cycle closes. */
export function useDismissCandidate(id: string) {
  const api = useApi();
  return useCandidateMutation((v: { reason: string; snooze: boolean }) => api.post(`/api/performance/candidates/${encodeURIComponent(id)}/dismiss`, candidateSchema, v));
}
