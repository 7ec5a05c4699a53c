import { useQuery } from '@tanstack/react-query';
import { metaSchema } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

/** Public facts of the server, incl. its business date (what "today" means for deadlines). */
export function useMeta() {
  const api = useApi();
  return useQuery({ queryKey: ['meta'], queryFn: () => api.get('/api/meta', metaSchema), staleTime: 60_000 });
}
