import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { createdSchema, guardReportSchema, protectedRecordSchema, terminationReviewListSchema, terminationReviewSchema, type CreateProtectedSituation, type ProposeTermination, type SetRetirement } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { pipKeys, usePipMutation } from '../pip/use-pips.ts';

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

export function useProposeTermination(planId: string) {
  const api = useApi();
  return usePipMutation((body: ProposeTermination) => api.post(`/api/pips/${enc(planId)}/termination-review`, terminationReviewSchema, body));
}

export function useDecideTermination(planId: string) {
  const api = useApi();
  return usePipMutation((v: { reviewId: string; decision: 'approved' | 'rejected'; note: string }) => api.post(`/api/pips/${enc(planId)}/termination-review/${enc(v.reviewId)}/decide`, terminationReviewSchema, { decision: v.decision, note: v.note }));
}

const protectedKey = (employeeId: string) => ['people', 'protected', employeeId] as const;

/** An employee's 第四十二条 situations and retirement date (HR in scope; each read is audited). */
export function useProtectedRecord(employeeId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: protectedKey(employeeId), queryFn: () => api.get(`/api/people/${enc(employeeId)}/protected-situations`, protectedRecordSchema), enabled });
}

function useProtectedMutation<V, R>(employeeId: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: protectedKey(employeeId) }), qc.invalidateQueries({ queryKey: pipKeys.all })]) });
}

export function useAddProtected(employeeId: string) {
  const api = useApi();
  return useProtectedMutation(employeeId, (body: CreateProtectedSituation) => api.post(`/api/people/${enc(employeeId)}/protected-situations`, createdSchema, body));
}

export function useEndProtected(employeeId: string) {
  const api = useApi();
  return useProtectedMutation(employeeId, (v: { id: string; to: string }) => api.post(`/api/people/${enc(employeeId)}/protected-situations/${enc(v.id)}/end`, z.unknown(), { to: v.to }));
}

export function useSetRetirement(employeeId: string) {
  const api = useApi();
  return useProtectedMutation(employeeId, (body: SetRetirement) => api.put(`/api/people/${enc(employeeId)}/retirement`, z.unknown(), body));
}
