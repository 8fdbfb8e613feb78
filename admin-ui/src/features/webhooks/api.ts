import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useApi } from '@/app/api-client';
import type { CreateWebhookBody } from '@/app/api-types';

const webhooksKeys = {
  all: (projectId: string) => ['projects', projectId, 'webhooks'] as const,
  deliveries: (projectId: string, webhookId: string) =>
    ['projects', projectId, 'webhooks', webhookId, 'deliveries'] as const,
};

export function useWebhooks(projectId: MaybeRefOrGetter<string>, enabled: MaybeRefOrGetter<boolean> = true) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  return useQuery({
    queryKey: computed(() => webhooksKeys.all(id.value)),
    queryFn: () =>
      api.request('GET', '/api/v1/projects/{projectId}/webhooks', { path: { projectId: id.value } }),
    enabled: computed(() => toValue(enabled)),
  });
}

/** The answer carries the signing secret; handed to the caller once and never cached. */
export function useCreateWebhook(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (body: CreateWebhookBody) =>
      api.request('POST', '/api/v1/projects/{projectId}/webhooks', {
        path: { projectId: toValue(projectId) },
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKeys.all(toValue(projectId)) }),
  });
}

export function useDeleteWebhook(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) =>
      api.request('DELETE', '/api/v1/projects/{projectId}/webhooks/{webhookId}', {
        path: { projectId: toValue(projectId), webhookId },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKeys.all(toValue(projectId)) }),
  });
}

/** Deliveries of one webhook, newest first; refreshed every few seconds while pending ones retry. */
export function useWebhookDeliveries(
  projectId: MaybeRefOrGetter<string>,
  webhookId: MaybeRefOrGetter<string>,
) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: computed(() => webhooksKeys.deliveries(toValue(projectId), toValue(webhookId))),
    queryFn: ({ pageParam }) =>
      api.request('GET', '/api/v1/projects/{projectId}/webhooks/{webhookId}/deliveries', {
        path: { projectId: toValue(projectId), webhookId: toValue(webhookId) },
        query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) },
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((d) => d.status === 'pending')) ? 5000 : false,
  });
}
