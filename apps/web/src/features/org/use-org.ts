import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { okSchema, orgTreeSchema, orgUnitSchema, type CreateOrgUnit } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { createdSchema } from '@uplift/contract';

export const orgKeys = {
  all: ['org'] as const,
  tree: ['org', 'tree'] as const,
  unit: (id: string) => ['org', 'unit', id] as const,
};

export type { OrgTreeNode, OrgUnit } from '@uplift/contract';

/** The whole tree as a flat list (head counts null where the caller may not see them). */
export function useOrgTree() {
  const api = useApi();
  return useQuery({
    queryKey: orgKeys.tree,
    queryFn: async () => (await api.get('/api/org/tree', orgTreeSchema)).items,
    staleTime: 60_000,
  });
}

/** One unit with its leader, HR head, HRBPs, legal-employer data and path. */
export function useOrgUnit(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: orgKeys.unit(id ?? ''),
    queryFn: () => api.get(`/api/org/units/${encodeURIComponent(id ?? '')}`, orgUnitSchema),
    enabled: id !== null,
  });
}

/** Every change to a unit can change names, paths and counts elsewhere: refetch the lot. */
function useOrgMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: orgKeys.all }), qc.invalidateQueries({ queryKey: ['people'] })]),
  });
}

export function useCreateUnit() {
  const api = useApi();
  return useOrgMutation((body: CreateOrgUnit) => api.post('/api/org/units', createdSchema, body));
}

/** PATCH /api/org/units/:id (updateOrgUnitSchema): only the fields sent change; hrbpIds replaces the list. */
export type UpdateUnit = {
  name?: string;
  nameEn?: string | null;
  region?: string | null;
  city?: string | null;
  leaderId?: string | null;
  hrHeadId?: string | null;
  hrbpIds?: string[];
  legalName?: string | null;
  creditCode?: string | null;
  unionContact?: string | null;
};

export function useUpdateUnit(id: string) {
  const api = useApi();
  return useOrgMutation((body: UpdateUnit) => api.patch(`/api/org/units/${encodeURIComponent(id)}`, okSchema, body));
}

/** Moves a unit under another; the server refuses a move into its own subtree (400 on parentId). */
export function useMoveUnit(id: string) {
  const api = useApi();
  return useOrgMutation((parentId: string) => api.post(`/api/org/units/${encodeURIComponent(id)}/move`, okSchema, { parentId }));
}

/** Deactivates an empty unit; a unit with people or active children answers 409. */
export function useDeactivateUnit(id: string) {
  const api = useApi();
  return useOrgMutation(() => api.post(`/api/org/units/${encodeURIComponent(id)}/deactivate`, okSchema));
}
