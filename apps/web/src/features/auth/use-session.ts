import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { okSchema, sessionResponseSchema, type ChangePasswordRequest, type LoginRequest, type SessionResponse } from '@uplift/contract';
import { isAuthError } from '../../app/api-client.ts';
import { useApi } from '../../app/api-context.tsx';
import { sessionKey, type Session } from './session.ts';

/** Who is signed in: GET /api/auth/me, with a 401 meaning "signed out" rather than an error. */
export function useSession() {
  const api = useApi();
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session> => {
      try {
        const res = await api.get('/api/auth/me', sessionResponseSchema);
        api.setCsrfToken(res.csrfToken);
        return { status: 'signed-in', user: res.user };
      } catch (err) {
        if (isAuthError(err)) return { status: 'signed-out', reason: err.code === 'SESSION_EXPIRED' ? 'expired' : 'unauthenticated' };
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** Stores a fresh session (login, password change) and forgets data cached for anyone before. */
function useAdoptSession() {
  const api = useApi();
  const qc = useQueryClient();
  return (res: SessionResponse, opts: { dropOtherData: boolean }) => {
    api.setCsrfToken(res.csrfToken);
    if (opts.dropOtherData) qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    const next: Session = { status: 'signed-in', user: res.user };
    qc.setQueryData(sessionKey, next);
    // the login answer lacks what /me adds (employee record, manager flag, roles from grants)
    void qc.invalidateQueries({ queryKey: sessionKey });
  };
}

export function useLogin() {
  const api = useApi();
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post('/api/auth/login', sessionResponseSchema, body),
    onSuccess: (res) => adopt(res, { dropOtherData: true }),
  });
}

export function useLogout() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout', okSchema),
    onSettled: () => {
      // signed out locally even if the call failed: the server session dies on its own
      api.setCsrfToken(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      const next: Session = { status: 'signed-out', reason: 'logout' };
      qc.setQueryData(sessionKey, next);
    },
  });
}

/** POST /api/auth/password; the server rotates the session and answers with the new one. */
export function useChangePassword() {
  const api = useApi();
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post('/api/auth/password', sessionResponseSchema, body),
    onSuccess: (res) => adopt(res, { dropOtherData: false }),
  });
}
