import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { okSchema, userAccountPageSchema, type Role } from '@uplift/contract';
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

/** Accounts to grant to: the first 200 by username (GET /api/admin/users is for sys_admin only). */
export function useAccounts(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...userKeys.all, 'picker'] as const,
    queryFn: async () => (await api.get('/api/admin/users', userAccountPageSchema, { limit: 200 })).items,
    enabled,
    staleTime: 60_000,
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
