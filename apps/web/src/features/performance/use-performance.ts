import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createdSchema, cycleSchema, cyclesSchema, performanceFileSchema, resultSchema, type CreateCycle, type CycleType, type PutResult } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

export type { Cycle, CycleType, PerformanceFile, PerformanceResult } from '@uplift/contract';

export const performanceKeys = {
  all: ['performance'] as const,
  cycles: (type: CycleType | null = null) => ['performance', 'cycles', type] as const,
  file: (employeeId: string) => ['performance', 'file', employeeId] as const,
  rules: ['performance', 'rules'] as const,
  candidates: ['performance', 'candidates'] as const,
};

/** The performance cycles, newest first (everyone signed in may read them). */
export function useCycles(type: CycleType | null = null, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: performanceKeys.cycles(type),
    queryFn: async () => (await api.get('/api/performance/cycles', cyclesSchema, { type })).items,
    enabled,
  });
}

/** Opens a cycle (group HR for group cycles, an HR head for their subsidiary's); answers its id. */
export function useCreateCycle() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCycle) => api.post('/api/performance/cycles', createdSchema, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['performance', 'cycles'] }),
  });
}

/** Closes a cycle: its results become final and the rules of its type are evaluated (new candidates). */
export function useCloseCycle() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/performance/cycles/${encodeURIComponent(id)}/close`, cycleSchema),
    // results turn final and rules may raise candidates: everything performance-related may change
    onSuccess: () => qc.invalidateQueries({ queryKey: performanceKeys.all }),
  });
}

/** A person's performance file: results, thresholds, work logs, feedback, candidacies (for those who may see them). */
export function usePerformanceFile(employeeId: string) {
  const api = useApi();
  return useQuery({
    queryKey: performanceKeys.file(employeeId),
    queryFn: () => api.get(`/api/people/${encodeURIComponent(employeeId)}/performance`, performanceFileSchema),
  });
}

/** Records or corrects a person's result of a cycle (a correction carries its reason). */
export function usePutResult(employeeId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { cycleId: string; body: PutResult }) =>
      api.put(`/api/performance/results/${encodeURIComponent(employeeId)}/${encodeURIComponent(v.cycleId)}`, resultSchema, v.body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: performanceKeys.file(employeeId) }), qc.invalidateQueries({ queryKey: ['performance', 'cycles'] })]),
  });
}
