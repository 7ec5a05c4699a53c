import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ackPeoplePageSchema,
  ackSummarySchema,
  myPoliciesSchema,
  myPolicySchema,
  okSchema,
  policyDiffSchema,
  policyOwnersSchema,
  policyQuestionSchema,
  policyQuestionsSchema,
  policyVersionSchema,
  type AckStatus,
  type SaveAdoption,
  type SavePolicyVersion,
} from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { ackChannel } from '../../app/ack-channel.ts';
import { uploadStoredFile } from '../files/upload.ts';

export const policyKeys = {
  all: ['policies'] as const,
  owners: ['policies', 'owners'] as const,
  version: (id: string) => ['policies', 'version', id] as const,
  diff: (id: string) => ['policies', 'diff', id] as const,
  summary: (id: string) => ['policies', 'acks', id, 'summary'] as const,
  people: (id: string, q: object) => ['policies', 'acks', id, 'people', q] as const,
  mine: ['policies', 'mine'] as const,
  questions: (ownerId: string) => ['policies', 'qa', ownerId, 'questions'] as const,
  faq: (ownerId: string) => ['policies', 'qa', ownerId, 'faq'] as const,
};
const enc = encodeURIComponent;

export function usePolicyOwners() {
  const api = useApi();
  return useQuery({ queryKey: policyKeys.owners, queryFn: async () => (await api.get('/api/policies', policyOwnersSchema)).items });
}

export function usePolicyVersion(id: string) {
  const api = useApi();
  return useQuery({ queryKey: policyKeys.version(id), queryFn: () => api.get(`/api/policy-versions/${enc(id)}`, policyVersionSchema) });
}

export function usePolicyDiff(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: policyKeys.diff(id), queryFn: () => api.get(`/api/policy-versions/${enc(id)}/diff`, policyDiffSchema), enabled });
}

/** Every write on a version refreshes the version and the owners list. */
function useVersionMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: policyKeys.all }) });
}

export function useCreateVersion() {
  const api = useApi();
  return useVersionMutation((v: { ownerId: string; body: SavePolicyVersion }) => api.post(`/api/policies/${enc(v.ownerId)}/versions`, policyVersionSchema, v.body));
}

export function useSaveVersion(id: string) {
  const api = useApi();
  return useVersionMutation((body: SavePolicyVersion) => api.put(`/api/policy-versions/${enc(id)}`, policyVersionSchema, body));
}

export function useSaveAdoption(id: string) {
  const api = useApi();
  return useVersionMutation((body: SaveAdoption) => api.put(`/api/policy-versions/${enc(id)}/adoption`, policyVersionSchema, body));
}

export function useUploadEvidence(id: string) {
  const api = useApi();
  return useVersionMutation((file: File) => uploadStoredFile(api, { type: 'policy_version', id }, file));
}

export function useRemoveFile() {
  const api = useApi();
  return useVersionMutation((fileId: string) => api.delete(`/api/files/${enc(fileId)}`, okSchema));
}

/** submit / return / publish: the state machine's transitions. */
export function useTransition(id: string) {
  const api = useApi();
  return useVersionMutation((v: { action: 'submit' } | { action: 'return'; note: string } | { action: 'publish'; effectiveFrom: string }) => {
    const { action, ...body } = v;
    return api.post(`/api/policy-versions/${enc(id)}/${action}`, policyVersionSchema, body);
  });
}

export function useAckSummary(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: policyKeys.summary(id), queryFn: () => api.get(`/api/policy-versions/${enc(id)}/acknowledgments/summary`, ackSummarySchema), enabled });
}

export function useAckPeople(id: string, q: { unitId?: string; status?: AckStatus; cursor?: string }, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: policyKeys.people(id, q), queryFn: () => api.get(`/api/policy-versions/${enc(id)}/acknowledgments`, ackPeoplePageSchema, { limit: 50, ...q }), enabled });
}

export function useRecordRefusal(id: string) {
  const api = useApi();
  return useVersionMutation((body: { employeeId: string; witnessEmployeeId: string; note: string }) => api.post(`/api/policy-versions/${enc(id)}/refusals`, okSchema, body));
}

export function useMyPolicies() {
  const api = useApi();
  return useQuery({ queryKey: policyKeys.mine, queryFn: async () => (await api.get('/api/my/policies', myPoliciesSchema)).items });
}

export function useConfirmPolicy() {
  const api = useApi();
  return useVersionMutation((v: { id: string; contentSha256: string }) => api.post(`/api/policy-versions/${enc(v.id)}/confirm`, myPolicySchema, { contentSha256: v.contentSha256, channel: ackChannel() }));
}

export function useQuestions(ownerId: string) {
  const api = useApi();
  return useQuery({ queryKey: policyKeys.questions(ownerId), queryFn: async () => (await api.get(`/api/policies/${enc(ownerId)}/questions`, policyQuestionsSchema)).items });
}

export function useFaq(ownerId: string) {
  const api = useApi();
  return useQuery({ queryKey: policyKeys.faq(ownerId), queryFn: async () => (await api.get(`/api/policies/${enc(ownerId)}/faq`, policyQuestionsSchema)).items });
}

export function useAsk(ownerId: string) {
  const api = useApi();
  return useVersionMutation((question: string) => api.post(`/api/policies/${enc(ownerId)}/questions`, policyQuestionSchema, { question }));
}

export function useAnswer() {
  const api = useApi();
  return useVersionMutation((v: { id: string; answer: string; publish: boolean }) => api.post(`/api/policy-questions/${enc(v.id)}/answer`, policyQuestionSchema, { answer: v.answer, publish: v.publish }));
}

export function usePublishFaq() {
  const api = useApi();
  return useVersionMutation((v: { id: string; published: boolean }) => api.post(`/api/policy-questions/${enc(v.id)}/faq`, policyQuestionSchema, { published: v.published }));
}
