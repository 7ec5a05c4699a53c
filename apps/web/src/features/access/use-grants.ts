import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountLookupSchema, okSchema, type Role } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { createdSchema, grantListSchema } from '@uplift/contract';
import { userKeys } from '../admin/use-users.ts';

export type { Grant } from '@uplift/contract';
export type CreateGrant = { userId: string; role: Role; unitId: string | null };

export const grantKeys = { all: ['access', 'grants'] as const };

/** Every role grant with its scope (sys_admin and group_hr only). */
export function useGrants() {
  const api = useApi();
  return useQuery({
    queryKey: grantKeys.all,
    queryFn: async () => (await api.get('/api/access/grants', grantListSchema)).items,
  });
}

/** Up to 20 accounts whose username or name contains `q`, to grant to (sys_admin, group_hr). */
export function useAccountLookup(q: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...userKeys.all, 'lookup', q] as const,
    queryFn: async () => (await api.get('/api/access/accounts', accountLookupSchema, { q: q.trim() || null, limit: 20 })).items,
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/** A grant changes what its holder sees everywhere: the grants, the accounts' roles. */
function useGrantMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: grantKeys.all }), qc.invalidateQueries({ queryKey: userKeys.all })]),
  });
}

export function useCreateGrant() {
  const api = useApi();
  return useGrantMutation((body: CreateGrant) => api.post('/api/access/grants', createdSchema, body));
}

export function useRevokeGrant() {
  const api = useApi();
  return useGrantMutation((id: string) => api.delete(`/api/access/grants/${encodeURIComponent(id)}`, okSchema));
}
