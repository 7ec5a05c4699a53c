import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { simKnobResultSchema, simStatusSchema, syncRunSchema, syncSettingsSchema, syncStatusSchema, type SimKnob, type SyncField, type SyncMaster } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

export type { SimStatus, SyncDiff, SyncField, SyncMaster, SyncRun, SyncStatus } from '@uplift/contract';

export const wecomKeys = {
  syncStatus: ['wecom', 'sync', 'status'] as const,
  simStatus: ['wecom', 'sim', 'status'] as const,
};

/** Field masters and the last runs of the contact sync (group HR, sys_admin). */
export function useSyncStatus() {
  const api = useApi();
  return useQuery({ queryKey: wecomKeys.syncStatus, queryFn: () => api.get('/api/wecom/sync/status', syncStatusSchema) });
}

export function useSetMasters() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fields: Partial<Record<SyncField, SyncMaster>>) => api.put('/api/wecom/sync/settings', syncSettingsSchema, { fields }),
    onSettled: () => qc.invalidateQueries({ queryKey: wecomKeys.syncStatus }),
  });
}

/** Computes and stores a diff; nothing changes until it is applied. */
export function usePreviewSync() {
  const api = useApi();
  return useMutation({ mutationFn: () => api.post('/api/wecom/sync/preview', syncRunSchema, { mode: 'full' }) });
}

export function useApplySync() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (previewId: string) => api.post('/api/wecom/sync/apply', syncRunSchema, { previewId }),
    onSettled: () => qc.invalidateQueries({ queryKey: wecomKeys.syncStatus }),
  });
}

/** The simulator's state; a 404 means a real WeCom is connected (the tab is then hidden). */
export function useSimStatus() {
  const api = useApi();
  return useQuery({ queryKey: wecomKeys.simStatus, queryFn: () => api.get('/api/wecom/sim/status', simStatusSchema), retry: false });
}

export function useSimKnob() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { action: SimKnob; body: Record<string, unknown> }) => api.post(`/api/wecom/sim/${v.action}`, simKnobResultSchema, v.body),
    onSettled: () => qc.invalidateQueries({ queryKey: wecomKeys.simStatus }),
  });
}
