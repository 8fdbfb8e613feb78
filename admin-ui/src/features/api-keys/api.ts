import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useApi } from '@/app/api-client';
import type { CreateApiKeyBody } from '@/app/api-types';

const apiKeysKey = (projectId: string) => ['projects', projectId, 'api-keys'] as const;

export function useApiKeys(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  return useQuery({
    queryKey: computed(() => apiKeysKey(id.value)),
    queryFn: () =>
      api.request('GET', '/api/v1/projects/{projectId}/api-keys', {
        path: { projectId: id.value },
      }),
  });
}

/** The answer carries the secret; it is handed to the caller once and never cached. */
export function useCreateApiKey(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (body: CreateApiKeyBody) =>
      api.request('POST', '/api/v1/projects/{projectId}/api-keys', {
        path: { projectId: toValue(projectId) },
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(toValue(projectId)) }),
  });
}

export function useRevokeApiKey(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      api.request('DELETE', '/api/v1/projects/{projectId}/api-keys/{keyId}', {
        path: { projectId: toValue(projectId), keyId },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(toValue(projectId)) }),
  });
}
