import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { inboxPageSchema, markReadResponseSchema, unreadCountSchema, type InboxPage } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

export const inboxKeys = {
  all: ['inbox'] as const,
  lists: ['inbox', 'list'] as const,
  list: (unreadOnly: boolean) => ['inbox', 'list', { unreadOnly }] as const,
  unreadCount: ['inbox', 'unread-count'] as const,
};

const PAGE_SIZE = 20;

/** Unread items in my inbox, polled every 30 s for the bell. */
export function useUnreadCount() {
  const api = useApi();
  return useQuery({
    queryKey: inboxKeys.unreadCount,
    queryFn: () => api.get('/api/notifications/unread-count', unreadCountSchema),
    refetchInterval: 30_000,
  });
}

/** My inbox, newest first, a page at a time ("加载更多" follows nextCursor). */
export function useInbox(unreadOnly: boolean) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: inboxKeys.list(unreadOnly),
    queryFn: ({ pageParam }) => api.get('/api/notifications', inboxPageSchema, { limit: PAGE_SIZE, cursor: pageParam, unread: unreadOnly ? 'true' : 'false' }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export type MarkRead = { ids: string[] } | { all: true };

/** Marks items read; the lists and the bell change at once and are then refetched. */
export function useMarkRead() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: MarkRead) => api.post('/api/notifications/read', markReadResponseSchema, req),
    onMutate: async (req) => {
      await qc.cancelQueries({ queryKey: inboxKeys.all });
      const now = new Date().toISOString();
      const hits = (id: string) => ('all' in req ? true : req.ids.includes(id));
      qc.setQueriesData<InfiniteData<InboxPage>>({ queryKey: inboxKeys.lists }, (data) =>
        data && {
          ...data,
          pages: data.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.readAt === null && hits(i.id) ? { ...i, readAt: now } : i)) })),
        },
      );
      // callers pass only unread ids, so each one is one fewer unread
      qc.setQueryData<{ unread: number }>(inboxKeys.unreadCount, (c) => c && { unread: 'all' in req ? 0 : Math.max(0, c.unread - req.ids.length) });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
