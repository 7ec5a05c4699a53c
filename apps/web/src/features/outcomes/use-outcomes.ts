import { useQuery } from '@tanstack/react-query';
import { createdSchema, okSchema, outcomeAckContentSchema, pipFollowUpViewSchema, type ProposeOutcome, type SaveRoleAdjustment, type SaveTraining } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { pipKeys, usePipMutation } from '../pip/use-pips.ts';
import { ackChannel } from '../../app/ack-channel.ts';
import { uploadStoredFile } from '../files/upload.ts';

export type { PipFollowUpView, PipOutcomeRecord, PipRoleAdjustment, PipTraining } from '@uplift/contract';

/** Outcomes live under the plan keys: a change also refreshes the plan, its actions, evaluations and timeline. */
export const outcomeKeys = {
  view: (planId: string) => [...pipKeys.all, 'outcomes', planId] as const,
  receipt: (planId: string) => [...pipKeys.all, 'outcome-receipt', planId] as const,
};
const enc = encodeURIComponent;

/** Every round's outcome, the trainings and the role adjustments of a plan. */
export function useOutcomes(planId: string, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: outcomeKeys.view(planId), queryFn: () => api.get(`/api/pips/${enc(planId)}/outcomes`, pipFollowUpViewSchema), enabled });
}

/** Exactly what the employee is shown for the confirmed outcome, with its SHA-256. */
export function useOutcomeReceipt(planId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: outcomeKeys.receipt(planId), queryFn: () => api.get(`/api/pips/${enc(planId)}/outcome/receipt`, outcomeAckContentSchema), enabled });
}

export function useProposeOutcome(planId: string) {
  const api = useApi();
  return usePipMutation((body: ProposeOutcome) => api.post(`/api/pips/${enc(planId)}/outcome`, createdSchema, body));
}

export function useConfirmOutcome(planId: string) {
  const api = useApi();
  return usePipMutation((outcomeId: string) => api.post(`/api/pips/${enc(planId)}/outcome/${enc(outcomeId)}/confirm`, okSchema));
}

export function useReturnOutcome(planId: string) {
  const api = useApi();
  return usePipMutation((v: { outcomeId: string; comment: string }) => api.post(`/api/pips/${enc(planId)}/outcome/${enc(v.outcomeId)}/return`, okSchema, { comment: v.comment }));
}

export function useAcknowledgeOutcome(planId: string) {
  const api = useApi();
  return usePipMutation((sha256: string) => api.post(`/api/pips/${enc(planId)}/outcome/acknowledge`, okSchema, { sha256, channel: ackChannel() }));
}

export function useRefuseOutcome(planId: string) {
  const api = useApi();
  return usePipMutation((v: { witnessEmployeeId: string; note: string }) => api.post(`/api/pips/${enc(planId)}/outcome/refusal`, okSchema, v));
}

export function useSaveTraining(planId: string) {
  const api = useApi();
  return usePipMutation(async (v: { id: string | null; body: SaveTraining }): Promise<unknown> =>
    v.id === null ? api.post(`/api/pips/${enc(planId)}/trainings`, createdSchema, v.body) : api.put(`/api/pips/${enc(planId)}/trainings/${enc(v.id)}`, okSchema, v.body),
  );
}

/** Attaches a material to a training (the files module records its SHA-256). */
export function useUploadTrainingFile() {
  const api = useApi();
  return usePipMutation((v: { trainingId: string; file: File }) => uploadStoredFile(api, { type: 'pip_training', id: v.trainingId }, v.file));
}

export function useAddRoleAdjustment(planId: string) {
  const api = useApi();
  return usePipMutation((body: SaveRoleAdjustment) => api.post(`/api/pips/${enc(planId)}/role-adjustments`, createdSchema, body));
}

export function useSignRoleAdjustment(planId: string) {
  const api = useApi();
  return usePipMutation((v: { adjustmentId: string; sha256: string }) => api.post(`/api/pips/${enc(planId)}/role-adjustments/${enc(v.adjustmentId)}/acknowledge`, okSchema, { sha256: v.sha256, channel: ackChannel() }));
}

export function useRefuseRoleAdjustment(planId: string) {
  const api = useApi();
  return usePipMutation((v: { adjustmentId: string; witnessEmployeeId: string; note: string }) => api.post(`/api/pips/${enc(planId)}/role-adjustments/${enc(v.adjustmentId)}/refusal`, okSchema, { witnessEmployeeId: v.witnessEmployeeId, note: v.note }));
}

export function useArrangeReassessment(planId: string) {
  const api = useApi();
  return usePipMutation(() => api.post(`/api/pips/${enc(planId)}/reassessments`, createdSchema, {}));
}
