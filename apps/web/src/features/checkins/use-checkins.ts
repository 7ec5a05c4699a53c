import { useQuery } from '@tanstack/react-query';
import {
  checkinListSchema,
  createdSchema,
  evaluationListSchema,
  okSchema,
  overdueCheckinsSchema,
  overdueEvaluationsSchema,
  upcomingCheckinsSchema,
  type CheckinKind,
  type SubmitManagerEvaluation,
  type SubmitSelfAssessment,
} from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { pipKeys, usePipMutation } from '../pip/use-pips.ts';
import { uploadStoredFile } from '../files/upload.ts';

export type { Checkin, Evaluation, EvaluationPart } from '@uplift/contract';

/** Check-ins and evaluations live under the plan keys: a change also refreshes to-dos and the timeline. */
export const checkinKeys = {
  checkins: (planId: string) => [...pipKeys.all, 'checkins', planId] as const,
  evaluations: (planId: string) => [...pipKeys.all, 'evaluations', planId] as const,
  upcoming: [...pipKeys.all, 'upcoming-checkins'] as const,
  overdueCheckins: [...pipKeys.all, 'overdue-checkins'] as const,
  overdueEvaluations: [...pipKeys.all, 'overdue-evaluations'] as const,
};
const enc = encodeURIComponent;

/** A plan's check-ins in time order. */
export function useCheckins(planId: string, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: checkinKeys.checkins(planId), queryFn: () => api.get(`/api/pips/${enc(planId)}/checkins`, checkinListSchema), enabled });
}

/** A plan's evaluation points, scheduled, open and done. */
export function useEvaluations(planId: string, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: checkinKeys.evaluations(planId), queryFn: () => api.get(`/api/pips/${enc(planId)}/evaluations`, evaluationListSchema), enabled });
}

/** The caller's check-ins of the coming days, as employee, manager or HRBP. */
export function useUpcomingCheckins(days = 14, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: [...checkinKeys.upcoming, days], queryFn: () => api.get('/api/checkins/upcoming', upcomingCheckinsSchema, { days }), enabled });
}

/** Minutes past their deadline, across the caller's plans as HRBP and their HR scope. */
export function useOverdueCheckins(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: checkinKeys.overdueCheckins, queryFn: () => api.get('/api/checkins/overdue', overdueCheckinsSchema), enabled });
}

/** Open evaluations past their due date, likewise. */
export function useOverdueEvaluations(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: checkinKeys.overdueEvaluations, queryFn: () => api.get('/api/evaluations/overdue', overdueEvaluationsSchema), enabled });
}


export function useAddCheckin(planId: string) {
  const api = useApi();
  return usePipMutation((body: { kind: CheckinKind; date?: string; time?: string }) => api.post(`/api/pips/${enc(planId)}/checkins`, createdSchema, body));
}

export function useRescheduleCheckin() {
  const api = useApi();
  return usePipMutation((v: { id: string; date: string; time: string; reason: string }) => api.post(`/api/checkins/${enc(v.id)}/reschedule`, okSchema, { date: v.date, time: v.time, reason: v.reason }));
}

export function useCancelCheckin() {
  const api = useApi();
  return usePipMutation((v: { id: string; reason: string }) => api.post(`/api/checkins/${enc(v.id)}/cancel`, okSchema, { reason: v.reason }));
}

export function useRecordMinutes() {
  const api = useApi();
  return usePipMutation((v: { id: string; minutes: string; progress: { goalId: string; percent: number; comment: string }[] }) => api.put(`/api/checkins/${enc(v.id)}/minutes`, okSchema, { minutes: v.minutes, progress: v.progress }));
}

export function useCommentCheckin() {
  const api = useApi();
  return usePipMutation((v: { id: string; body: string }) => api.post(`/api/checkins/${enc(v.id)}/comments`, createdSchema, { body: v.body }));
}

export function useConfirmMinutes() {
  const api = useApi();
  return usePipMutation((id: string) => api.post(`/api/checkins/${enc(id)}/confirm`, okSchema));
}

/** Attaches a file to a check-in's minutes (the files module records its SHA-256). */
export function useUploadCheckinFile() {
  const api = useApi();
  return usePipMutation((v: { checkinId: string; file: File }) => uploadStoredFile(api, { type: 'checkin', id: v.checkinId }, v.file));
}

export function useRemoveCheckinFile() {
  const api = useApi();
  return usePipMutation((fileId: string) => api.delete(`/api/files/${enc(fileId)}`, okSchema));
}

export function useSubmitManagerEvaluation() {
  const api = useApi();
  return usePipMutation((v: { id: string; body: SubmitManagerEvaluation }) => api.put(`/api/evaluations/${enc(v.id)}/manager`, okSchema, v.body));
}

export function useSubmitSelfAssessment() {
  const api = useApi();
  return usePipMutation((v: { id: string; body: SubmitSelfAssessment }) => api.put(`/api/evaluations/${enc(v.id)}/self`, okSchema, v.body));
}

export function useSubmitHrbpComment() {
  const api = useApi();
  return usePipMutation((v: { id: string; comment: string }) => api.put(`/api/evaluations/${enc(v.id)}/hrbp`, okSchema, { comment: v.comment }));
}
