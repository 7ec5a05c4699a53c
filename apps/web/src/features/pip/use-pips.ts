import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { createdSchema, okSchema, pipDelegationsSchema, type CreatePipDelegation, pipAckContentSchema, pipPageSchema, pipSchema, pipSummarySchema, pipTimelineSchema, pipTodosSchema, type CreatePip, type PipAction, type PipActionBody, type PipGoalInput } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { ackChannel } from '../../app/ack-channel.ts';

export type { Pip, PipSummary, PipTodo, PipGoalInput } from '@uplift/contract';

export const pipKeys = { all: ['pips'] as const };
const enc = encodeURIComponent;

/** Plans the caller may see: mine, my team's, or all in scope. */
export function usePips(view: 'mine' | 'team' | 'all', enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: [...pipKeys.all, 'list', view], queryFn: () => api.get('/api/pips', pipPageSchema, { view, limit: 100 }), enabled });
}

/** What waits on the caller, with its age. */
export function usePipTodos() {
  const api = useApi();
  return useQuery({ queryKey: [...pipKeys.all, 'todos'], queryFn: () => api.get('/api/pips/todos', pipTodosSchema) });
}

export function usePip(id: string) {
  const api = useApi();
  return useQuery({ queryKey: [...pipKeys.all, 'detail', id], queryFn: () => api.get(`/api/pips/${enc(id)}`, pipSchema) });
}

export function usePipTimeline(id: string) {
  const api = useApi();
  return useQuery({ queryKey: [...pipKeys.all, 'timeline', id], queryFn: () => api.get(`/api/pips/${enc(id)}/timeline`, pipTimelineSchema) });
}

/** Exactly what the employee is shown and signs, with its hash. */
export function useAckContent(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: [...pipKeys.all, 'ack', id], queryFn: () => api.get(`/api/pips/${enc(id)}/acknowledgment`, pipAckContentSchema), enabled });
}

/** An employee's plans for their performance file (only those the caller may see). */
export function usePlansOf(employeeId: string) {
  const api = useApi();
  return useQuery({ queryKey: [...pipKeys.all, 'of', employeeId], queryFn: () => api.get(`/api/people/${enc(employeeId)}/pips`, z.object({ items: z.array(pipSummarySchema) })) });
}

/** Any change to a plan: every plan query shows the new state (and the candidate lists, after a conversion). */
/** Any change to a plan or what hangs off it: every plan query (the plan, check-ins, evaluations, to-dos, timeline) and the performance file show the new state. */
export function usePipMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: pipKeys.all }), qc.invalidateQueries({ queryKey: ['performance'] })]),
  });
}

export function useCreatePip() {
  const api = useApi();
  return usePipMutation((body: CreatePip) => api.post('/api/pips', createdSchema, body));
}

export function usePipAction(id: string) {
  const api = useApi();
  return usePipMutation((v: { action: PipAction; body: PipActionBody }) => api.post(`/api/pips/${enc(id)}/actions/${v.action}`, pipSchema, v.body));
}

export function useSaveGoals(id: string) {
  const api = useApi();
  return usePipMutation((v: { goals: PipGoalInput[]; finalise: boolean; reason?: string }) => api.put(`/api/pips/${enc(id)}/goals`, pipSchema, v));
}

export function useAcknowledge(id: string) {
  const api = useApi();
  return usePipMutation((v: { version: number; sha256: string }) => api.post(`/api/pips/${enc(id)}/acknowledge`, pipSchema, { ...v, channel: ackChannel() }));
}

export function useRecordRefusal(id: string) {
  const api = useApi();
  return usePipMutation((v: { witnessEmployeeId: string; note: string }) => api.post(`/api/pips/${enc(id)}/refusal`, pipSchema, v));
}

export function useDelegate(id: string) {
  const api = useApi();
  return usePipMutation((v: { stepId: string; delegateId: string }) => api.post(`/api/pips/${enc(id)}/approvals/${enc(v.stepId)}/delegate`, pipSchema, { delegateId: v.delegateId }));
}

export function useComment(id: string) {
  const api = useApi();
  return usePipMutation((body: string) => api.post(`/api/pips/${enc(id)}/comments`, z.object({}).loose(), { body }));
}

export function useAppeal(id: string) {
  const api = useApi();
  return usePipMutation((body: string) => api.post(`/api/pips/${enc(id)}/appeals`, createdSchema, { body }));
}

export function useAnswerAppeal(id: string) {
  const api = useApi();
  return usePipMutation((v: { appealId: string; status: 'upheld' | 'dismissed'; answer: string }) => api.post(`/api/pips/${enc(id)}/appeals/${enc(v.appealId)}/answer`, pipTimelineSchema, { status: v.status, answer: v.answer }));
}

/** The caller's away delegations (as the one away, the delegate, or who set it). */
export function usePipDelegations() {
  const api = useApi();
  return useQuery({ queryKey: [...pipKeys.all, 'delegations'], queryFn: () => api.get('/api/pips/delegations', pipDelegationsSchema, { view: 'mine' }) });
}

export function useCreateDelegation() {
  const api = useApi();
  return usePipMutation((body: CreatePipDelegation) => api.post('/api/pips/delegations', createdSchema, body));
}

export function useRevokeDelegation() {
  const api = useApi();
  return usePipMutation((id: string) => api.delete(`/api/pips/delegations/${enc(id)}`, okSchema));
}
