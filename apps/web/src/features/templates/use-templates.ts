import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { effectiveTemplateSchema, groupTemplateViewSchema, okSchema, overrideViewSchema, templateOverridesSchema, type SaveOverride, type SaveTemplate } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

export const templateKeys = {
  all: ['templates'] as const,
  group: ['templates', 'group'] as const,
  overrides: ['templates', 'overrides'] as const,
  override: (unitId: string) => ['templates', 'overrides', unitId] as const,
  effective: (employeeId: string) => ['templates', 'effective', employeeId] as const,
};

/** The group template, the policy that bounds it and whether the caller may change it. */
export function useGroupTemplate() {
  const api = useApi();
  return useQuery({ queryKey: templateKeys.group, queryFn: () => api.get('/api/templates/group', groupTemplateViewSchema) });
}

/** Saves the group template (a new version); every preview and override view may change. */
export function useSaveGroupTemplate() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveTemplate) => api.put('/api/templates/group', groupTemplateViewSchema, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

/** The units' overrides the caller may read. */
export function useOverrides() {
  const api = useApi();
  return useQuery({ queryKey: templateKeys.overrides, queryFn: async () => (await api.get('/api/templates/overrides', templateOverridesSchema)).items });
}

/** One unit's override with the template's bounds and locks (idle until a unit is chosen). */
export function useOverride(unitId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: templateKeys.override(unitId ?? ''),
    queryFn: () => api.get(`/api/templates/overrides/${encodeURIComponent(unitId ?? '')}`, overrideViewSchema),
    enabled: unitId !== null,
  });
}

export function useSaveOverride(unitId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveOverride) => api.put(`/api/templates/overrides/${encodeURIComponent(unitId)}`, overrideViewSchema, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

export function useDeleteOverride(unitId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/templates/overrides/${encodeURIComponent(unitId)}`, okSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

/** The effective template for an employee (idle until one is chosen). */
export function useEffectiveTemplate(employeeId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: templateKeys.effective(employeeId ?? ''),
    queryFn: () => api.get(`/api/templates/effective/${encodeURIComponent(employeeId ?? '')}`, effectiveTemplateSchema),
    enabled: employeeId !== null,
  });
}
