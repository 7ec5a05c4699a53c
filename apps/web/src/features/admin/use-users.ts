import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { createUserResponseSchema, userAccountPageSchema, userAccountSchema, type Role } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

export const userKeys = { all: ['admin', 'users'] as const };

/** Local accounts by username, a page at a time. */
export function useUsers() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: userKeys.all,
    queryFn: ({ pageParam }) => api.get('/api/admin/users', userAccountPageSchema, { limit: 50, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export type CreateUser = { username: string; displayName: string; roles: Role[]; password?: string };

/** POST /api/admin/users; the answer carries the one-time password when none was given. */
export function useCreateUser() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => api.post('/api/admin/users', createUserResponseSchema, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Enable or disable an account. */
export function useSetUserDisabled() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; disabled: boolean }) => api.patch(`/api/admin/users/${encodeURIComponent(v.id)}`, userAccountSchema, { disabled: v.disabled }),
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
