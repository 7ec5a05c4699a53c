import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { importBatchSchema, importErrorsPageSchema, importMappingSchema, importPageSchema, importTypesSchema, type ImportBatch, type ImportType } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import type { UploadProgress } from '../../app/api-client.ts';
import type { Language } from '../../i18n/i18n.ts';
import { orgKeys } from '../org/use-org.ts';
import { peopleKeys } from '../people/use-people.ts';
import { isWorking } from './imports.ts';

export type { ImportBatch, ImportRowError, ImportStatus, ImportType, ImportTypeInfo } from '@uplift/contract';

export const importKeys = {
  all: ['imports'] as const,
  types: ['imports', 'types'] as const,
  mapping: (type: ImportType, source: string) => ['imports', 'mapping', type, source] as const,
  history: ['imports', 'history'] as const,
  batch: (id: string) => ['imports', 'batch', id] as const,
  errors: (id: string) => ['imports', 'errors', id] as const,
};

/** How often a running batch is asked about (the server updates its progress as it goes). */
export const POLL_MS = 700;
const ERRORS_PAGE = 200;

/** The import types with their columns, and whether the caller may import each. */
export function useImportTypes() {
  const api = useApi();
  return useQuery({ queryKey: importKeys.types, queryFn: () => api.get('/api/imports/types', importTypesSchema), staleTime: 5 * 60_000 });
}

/** The column mapping remembered for (type, source); `{}` when none. */
export function useImportMapping(type: ImportType, source: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: importKeys.mapping(type, source.trim()),
    queryFn: () => api.get('/api/imports/mapping', importMappingSchema, { type, source: source.trim() || null }),
    enabled,
    staleTime: 0,
  });
}

/** Past imports, newest first, a page at a time. */
export function useImportHistory() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: importKeys.history,
    queryFn: ({ pageParam }) => api.get('/api/imports', importPageSchema, { limit: 20, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One batch; asked again every POLL_MS while the server is still receiving, validating or merging it. */
export function useImportBatch(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: importKeys.batch(id),
    queryFn: () => api.get(`/api/imports/${encodeURIComponent(id)}`, importBatchSchema),
    refetchInterval: (q) => (q.state.data && isWorking(q.state.data.status) ? POLL_MS : false),
    staleTime: 0,
  });
  // when it settles, the history (and, after a merge, the people and org pages) show the new state
  const status = query.data?.status;
  useEffect(() => {
    if (!status || isWorking(status)) return;
    void qc.invalidateQueries({ queryKey: importKeys.history });
    if (status === 'merged') void Promise.all([qc.invalidateQueries({ queryKey: peopleKeys.all }), qc.invalidateQueries({ queryKey: orgKeys.all })]);
  }, [status, qc]);
  return query;
}

/** A batch's row errors in file order, ERRORS_PAGE at a time, with the total. */
export function useImportErrors(id: string, enabled: boolean) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: importKeys.errors(id),
    queryFn: ({ pageParam }) => api.get(`/api/imports/${encodeURIComponent(id)}/errors`, importErrorsPageSchema, { limit: ERRORS_PAGE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export type UploadInput = { type: ImportType; source: string; file: File; mapping: Record<string, string> | null; onProgress: (p: UploadProgress) => void; signal?: AbortSignal };

/** Uploads a file (fields first, the file last, as the server streams it); answers the new batch. */
export function useUploadImport() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadInput) => {
      const form = new FormData();
      form.append('type', input.type);
      if (input.source.trim()) form.append('source', input.source.trim());
      if (input.mapping) form.append('mapping', JSON.stringify(input.mapping));
      form.append('file', input.file, input.file.name);
      return api.upload('/api/imports', importBatchSchema, form, { onProgress: input.onProgress, signal: input.signal });
    },
    onSuccess: (batch) => {
      qc.setQueryData(importKeys.batch(batch.id), batch);
      return qc.invalidateQueries({ queryKey: importKeys.history });
    },
  });
}

type BatchAction = 'merge' | 'discard' | 'rollback';

/** Merge, discard or roll back a batch; the answer is the batch in its new state. */
export function useImportAction(id: string, action: BatchAction) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/imports/${encodeURIComponent(id)}/${action}`, importBatchSchema),
    onSuccess: (batch: ImportBatch) => {
      qc.setQueryData(importKeys.batch(id), batch);
      const done = [qc.invalidateQueries({ queryKey: importKeys.history })];
      // merged or rolled back records change what the people and org pages show
      if (action !== 'discard') done.push(qc.invalidateQueries({ queryKey: peopleKeys.all }), qc.invalidateQueries({ queryKey: orgKeys.all }));
      return Promise.all(done);
    },
    // a refused action (409: records changed since) may mean the batch moved on: show its state
    onError: () => qc.invalidateQueries({ queryKey: importKeys.batch(id) }),
  });
}

/** The address of a file the server makes: a type's template, or a batch's error report. */
export const importFiles = {
  template: (type: ImportType, lang: Language) => ({ path: `/api/imports/types/${type}/template`, query: { lang } }),
  errorFile: (id: string, lang: Language) => ({ path: `/api/imports/${encodeURIComponent(id)}/error-file`, query: { lang } }),
};

/** Downloads a file from the API and hands it to the browser under the server's name (or `fallback`). */
export function useDownload() {
  const api = useApi();
  return useMutation({
    mutationFn: async (file: { path: string; query: Record<string, string>; fallback: string }) => {
      const { blob, fileName } = await api.download(file.path, file.query);
      saveBlob(blob, fileName ?? file.fallback);
    },
  });
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // the click has handed the bytes over; give the browser a moment before letting go of them
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
