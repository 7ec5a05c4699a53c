import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { auditRecordSchema, auditVerifyReportSchema, backupListSchema, backupSchema, checkpointResponseSchema, deadLetterPageSchema, okSchema, pageOf } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

export const systemKeys = {
  verify: ['admin', 'audit', 'verify'] as const,
  audit: ['admin', 'audit', 'records'] as const,
  backups: ['admin', 'backups'] as const,
  deadLetters: ['admin', 'dead-letters'] as const,
};

const auditPageSchema = pageOf(auditRecordSchema);

export type { AuditRecord, Backup, BackupList, DeadLetter } from '@uplift/contract';

/** Verifies the audit chain on demand (it reads every record, so not on page load). */
export function useAuditVerify() {
  const api = useApi();
  return useQuery({
    queryKey: systemKeys.verify,
    queryFn: () => api.get('/api/admin/audit/verify', auditVerifyReportSchema),
    enabled: false,
    staleTime: 0,
    retry: false,
  });
}

/** Recent audit records, newest first. */
export function useAuditRecords() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: systemKeys.audit,
    queryFn: ({ pageParam }) => api.get('/api/admin/audit', auditPageSchema, { limit: 20, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Signs a checkpoint of the chain head now; `seq` is null when there was nothing new. */
export function useSignCheckpoint() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/admin/audit/checkpoint', checkpointResponseSchema),
    onSettled: () => qc.invalidateQueries({ queryKey: systemKeys.audit }),
  });
}

export function useBackups() {
  const api = useApi();
  return useQuery({
    queryKey: systemKeys.backups,
    queryFn: () => api.get('/api/admin/backups', backupListSchema),
  });
}

/** Writes an encrypted backup now (can take a while on a large database). */
export function useCreateBackup() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/admin/backups', backupSchema),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: systemKeys.backups }), qc.invalidateQueries({ queryKey: systemKeys.audit })]),
  });
}

export function useDeadLetters() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: systemKeys.deadLetters,
    queryFn: ({ pageParam }) => api.get('/api/admin/dead-letters', deadLetterPageSchema, { limit: 20, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useRetryDeadLetter() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/admin/dead-letters/${encodeURIComponent(id)}/retry`, okSchema),
    onSettled: () => qc.invalidateQueries({ queryKey: systemKeys.deadLetters }),
  });
}
