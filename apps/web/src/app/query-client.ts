import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isAuthError } from './api-client.ts';
import { sessionKey, type Session } from '../features/auth/session.ts';

/**
 * The query client. Any call answered 401 ends the session in the cache, which sends the user to
 * the login page (remembering where they were); client errors are not retried.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (err) => onAuthError(err) }),
    mutationCache: new MutationCache({ onError: (err) => onAuthError(err) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });

  function onAuthError(err: unknown): void {
    if (!isAuthError(err)) return;
    const current = client.getQueryData<Session>(sessionKey);
    if (current?.status === 'signed-out') return;
    const next: Session = { status: 'signed-out', reason: err.code === 'SESSION_EXPIRED' ? 'expired' : 'unauthenticated' };
    client.setQueryData(sessionKey, next);
  }

  return client;
}
