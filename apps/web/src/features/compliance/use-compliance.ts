import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { guardReportSchema, terminationReviewListSchema, terminationReviewSchema, type ProposeTermination } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { pipKeys } from '../pip/use-pips.ts';

const enc = encodeURIComponent;
const keys = (planId: string) => [...pipKeys.all, 'compliance', planId] as const;

/** The guard now, for HR in scope and the plan's HRBP (advisory). */
export function useGuard(planId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: [...keys(planId), 'guard'], queryFn: () => api.get(`/api/pips/${enc(planId)}/guard`, guardReportSchema), enabled });
}

export function useTerminationReviews(planId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: [...keys(planId), 'reviews'], queryFn: () => api.get(`/api/pips/${enc(planId)}/termination-reviews`, terminationReviewListSchema), enabled });
}

function useComplianceMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: pipKeys.all }) });
}

export function useProposeTermination(planId: string) {
  const api = useApi();
  return useComplianceMutation((body: ProposeTermination) => api.post(`/api/pips/${enc(planId)}/termination-review`, terminationReviewSchema, body));
}

export function useDecideTermination(planId: string) {
  const api = useApi();
  return useComplianceMutation((v: { reviewId: string; decision: 'approved' | 'rejected'; note: string }) => api.post(`/api/pips/${enc(planId)}/termination-review/${enc(v.reviewId)}/decide`, terminationReviewSchema, { decision: v.decision, note: v.note }));
}
