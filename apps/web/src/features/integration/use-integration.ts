import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  apiTokenListSchema,
  createdWebhookSchema,
  issuedTokenSchema,
  okSchema,
  serviceAccountListSchema,
  serviceAccountSchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookSubscriptionListSchema,
  webhookSubscriptionSchema,
  type CreateServiceAccount,
  type CreateWebhook,
  type IssueToken,
  type UpdateWebhook,
  type WebhookDelivery,
} from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';

export type { ApiToken, ServiceAccount, WebhookDelivery, WebhookSubscription } from '@uplift/contract';

export const integrationKeys = {
  all: ['integration'] as const,
  accounts: ['integration', 'accounts'] as const,
  tokens: (accountId: string) => ['integration', 'accounts', accountId, 'tokens'] as const,
  webhooks: ['integration', 'webhooks'] as const,
  deliveries: (id: string, status: WebhookDelivery['status'] | null) => ['integration', 'webhooks', id, 'deliveries', status] as const,
};

/** Service accounts (sys_admin and group HR). */
export function useServiceAccounts() {
  const api = useApi();
  return useQuery({ queryKey: integrationKeys.accounts, queryFn: async () => (await api.get('/api/integration/service-accounts', serviceAccountListSchema)).items });
}

/** The tokens of one account (never the token itself). */
export function useTokens(accountId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: integrationKeys.tokens(accountId ?? ''),
    queryFn: async () => (await api.get(`/api/integration/service-accounts/${encodeURIComponent(accountId ?? '')}/tokens`, apiTokenListSchema)).items,
    enabled: accountId !== null,
  });
}

/** Accounts and their tokens change together (counts, last use): refresh both. */
function useAccountsMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: integrationKeys.accounts }) });
}

export function useCreateServiceAccount() {
  const api = useApi();
  return useAccountsMutation((body: CreateServiceAccount) => api.post('/api/integration/service-accounts', serviceAccountSchema, body));
}

export function useDisableServiceAccount() {
  const api = useApi();
  return useAccountsMutation((id: string) => api.post(`/api/integration/service-accounts/${encodeURIComponent(id)}/disable`, okSchema));
}

/** Issues a token: the answer holds the plain token, shown once. */
export function useIssueToken() {
  const api = useApi();
  return useAccountsMutation((v: { accountId: string; body: IssueToken }) => api.post(`/api/integration/service-accounts/${encodeURIComponent(v.accountId)}/tokens`, issuedTokenSchema, v.body));
}

export function useRevokeToken() {
  const api = useApi();
  return useAccountsMutation((id: string) => api.post(`/api/integration/tokens/${encodeURIComponent(id)}/revoke`, okSchema));
}

/** Webhook subscriptions with their pending and dead counts. */
export function useWebhooks() {
  const api = useApi();
  return useQuery({ queryKey: integrationKeys.webhooks, queryFn: async () => (await api.get('/api/integration/webhooks', webhookSubscriptionListSchema)).items });
}

function useWebhookMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: integrationKeys.webhooks }) });
}

/** Creates a subscription: the answer holds the signing secret, shown once. */
export function useCreateWebhook() {
  const api = useApi();
  return useWebhookMutation((body: CreateWebhook) => api.post('/api/integration/webhooks', createdWebhookSchema, body));
}

export function useUpdateWebhook() {
  const api = useApi();
  return useWebhookMutation((v: { id: string; patch: UpdateWebhook }) => api.patch(`/api/integration/webhooks/${encodeURIComponent(v.id)}`, webhookSubscriptionSchema, v.patch));
}

export function useDeleteWebhook() {
  const api = useApi();
  return useWebhookMutation((id: string) => api.delete(`/api/integration/webhooks/${encodeURIComponent(id)}`, okSchema));
}

/** The delivery log of one subscription, newest first, a page at a time. */
export function useDeliveries(subscriptionId: string | null, status: WebhookDelivery['status'] | null) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: integrationKeys.deliveries(subscriptionId ?? '', status),
    queryFn: ({ pageParam }) => api.get(`/api/integration/webhooks/${encodeURIComponent(subscriptionId ?? '')}/deliveries`, webhookDeliveryPageSchema, { limit: 20, cursor: pageParam, status }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: subscriptionId !== null,
  });
}

/** Queues a delivery that gave up again; the log and the counts refresh. */
export function useRetryDelivery() {
  const api = useApi();
  return useWebhookMutation((id: string) => api.post(`/api/integration/webhook-deliveries/${encodeURIComponent(id)}/retry`, webhookDeliverySchema));
}
