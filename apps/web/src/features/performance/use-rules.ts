import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { rulePreviewSchema, ruleSchema, rulesSchema, type SaveRule } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { performanceKeys } from './use-performance.ts';

export type { RuleKind, SaveRule, TriggerRule } from '@uplift/contract';

/** The trigger rules the caller may read (HR roles), with their open candidate counts. */
export function useRules(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: performanceKeys.rules,
    queryFn: async () => (await api.get('/api/performance/rules', rulesSchema)).items,
    enabled,
  });
}

/** Creates a rule (disabled) or saves a new version of one. */
export function useSaveRule(id: string | null) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveRule) => (id === null ? api.post('/api/performance/rules', ruleSchema, body) : api.put(`/api/performance/rules/${encodeURIComponent(id)}`, ruleSchema, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: performanceKeys.rules }),
  });
}

/** Enables (and at once evaluates) or disables a rule. */
export function useToggleRule() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; enabled: boolean }) => api.post(`/api/performance/rules/${encodeURIComponent(v.id)}/${v.enabled ? 'enable' : 'disable'}`, ruleSchema),
    // enabling raises candidates and changes the thresholds shown on performance files
    onSuccess: () => qc.invalidateQueries({ queryKey: performanceKeys.all }),
  });
}

/** Who a rule would flag now, without saving it: the count and a sample with evidence. */
export function usePreviewRule() {
  const api = useApi();
  return useMutation({ mutationFn: (body: SaveRule) => api.post('/api/performance/rules/preview', rulePreviewSchema, body) });
}
