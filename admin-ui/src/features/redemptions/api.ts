import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useApi } from '@/app/api-client';
import { useFileDownload } from '@/app/use-file-download';
import { codesKeys } from '@/features/access-codes/api';

/** `q` is a code as typed, a learner's email or a learner id (exact); `from`/`to` are ISO instants. */
export interface RedemptionFilters {
  q?: string;
  from?: string;
  to?: string;
}

export const REDEMPTIONS_PAGE_SIZE = 50;

const redemptionsKeys = {
  all: (projectId: string) => ['projects', projectId, 'redemptions'] as const,
  list: (projectId: string, filters: RedemptionFilters) =>
    ['projects', projectId, 'redemptions', 'list', filters] as const,
};

function defined(filters: RedemptionFilters): RedemptionFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as RedemptionFilters;
}

export function useRedemptions(
  projectId: MaybeRefOrGetter<string>,
  filters: MaybeRefOrGetter<RedemptionFilters>,
) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  const current = computed(() => defined(toValue(filters)));
  return useInfiniteQuery({
    queryKey: computed(() => redemptionsKeys.list(id.value, current.value)),
    queryFn: ({ pageParam }) =>
      api.request('GET', '/api/v1/projects/{projectId}/redemptions', {
        path: { projectId: id.value },
        query: {
          ...current.value,
          limit: REDEMPTIONS_PAGE_SIZE,
          ...(pageParam ? { cursor: pageParam } : {}),
        },
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Revoke with a reason: frees the code's use; the codes list and history change too. */
export function useRevokeRedemption(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ redemptionId, reason }: { redemptionId: string; reason: string }) =>
      api.request('POST', '/api/v1/projects/{projectId}/redemptions/{redemptionId}/revoke', {
        path: { projectId: toValue(projectId), redemptionId },
        body: { reason },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: redemptionsKeys.all(toValue(projectId)) }),
        queryClient.invalidateQueries({ queryKey: codesKeys.all(toValue(projectId)) }),
      ]),
  });
}

export function useRedemptionsExport(projectId: MaybeRefOrGetter<string>) {
  const file = useFileDownload();
  return {
    ...file,
    download: (filters: RedemptionFilters) =>
      file.download(
        '/api/v1/projects/{projectId}/redemptions/export.csv',
        { path: { projectId: toValue(projectId) }, query: { ...defined(filters) } },
        'redemptions.csv',
      ),
  };
}
