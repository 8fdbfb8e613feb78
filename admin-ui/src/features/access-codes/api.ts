import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useApi } from '@/app/api-client';
import type {
  AccessCode,
  AccessCodeList,
  Batch,
  BatchList,
  CreateBatchBody,
  UpdateCodeBody,
} from '@/app/api-types';
import { useFileDownload } from '@/app/use-file-download';
import { unreadNotificationsKey } from '@/features/notifications/api';

/** Filters of the codes list and of its CSV export; the Access Codes page keeps them in the URL. */
export interface CodeFilters {
  status?: 'used' | 'unused';
  active?: boolean;
  expired?: boolean;
  batchId?: string;
  productId?: string;
  planId?: string;
  q?: string;
}

export const CODES_PAGE_SIZE = 50;
export const BATCH_POLL_MS = 1000;
const BATCHES_POLL_MS = 2000;

export const codesKeys = {
  all: (projectId: string) => ['projects', projectId, 'codes'] as const,
  list: (projectId: string, filters: CodeFilters) =>
    ['projects', projectId, 'codes', 'list', filters] as const,
  counts: (projectId: string, filters: CodeFilters) =>
    ['projects', projectId, 'codes', 'counts', filters] as const,
  one: (projectId: string, codeId: string) => ['projects', projectId, 'codes', 'one', codeId] as const,
  history: (projectId: string, codeId: string) =>
    ['projects', projectId, 'codes', 'history', codeId] as const,
};

export const batchesKeys = {
  all: (projectId: string) => ['projects', projectId, 'batches'] as const,
  list: (projectId: string, limit: number) => ['projects', projectId, 'batches', 'list', limit] as const,
  one: (projectId: string, batchId: string) => ['projects', projectId, 'batches', 'one', batchId] as const,
};

export function isBatchInProgress(batch: Pick<Batch, 'status'>): boolean {
  return batch.status === 'queued' || batch.status === 'running';
}

/** Only the filters that are set, so `?active=` never reaches the API as an empty string. */
function definedFilters(filters: CodeFilters): CodeFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as CodeFilters;
}

/** Keyset pages of codes (the counts come separately: useCodeCounts). */
export function useCodes(projectId: MaybeRefOrGetter<string>, filters: MaybeRefOrGetter<CodeFilters>) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  const current = computed(() => definedFilters(toValue(filters)));
  return useInfiniteQuery({
    queryKey: computed(() => codesKeys.list(id.value, current.value)),
    queryFn: ({ pageParam }) => {
      const { batchId, ...rest } = current.value;
      const query = { ...rest, limit: CODES_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) };
      // A batch's own list gives its codes in the order they were made (MATHS1, MATHS2, …).
      return batchId
        ? api.request('GET', '/api/v1/projects/{projectId}/batches/{batchId}/codes', {
            path: { projectId: id.value, batchId },
            query,
          })
        : api.request('GET', '/api/v1/projects/{projectId}/codes', { path: { projectId: id.value }, query });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: computed(() => !!id.value),
    // Switching tabs or filters keeps the rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

/**
 * All / Used / Unused under the filters (the status tab aside), asked only once `ready` (the
 * first page is on screen): under a search they are counted on request and may take longer
 * than the page.
 */
export function useCodeCounts(
  projectId: MaybeRefOrGetter<string>,
  filters: MaybeRefOrGetter<CodeFilters>,
  ready: MaybeRefOrGetter<boolean>,
) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  const current = computed(() => {
    const { status: _status, ...rest } = definedFilters(toValue(filters));
    return rest as CodeFilters;
  });
  return useQuery({
    queryKey: computed(() => codesKeys.counts(id.value, current.value)),
    queryFn: async () =>
      (
        await api.request('GET', '/api/v1/projects/{projectId}/codes', {
          path: { projectId: id.value },
          query: { ...current.value, limit: 1, counts: true },
        })
      ).counts,
    enabled: computed(() => !!id.value && toValue(ready)),
    placeholderData: keepPreviousData,
  });
}

export function useCode(projectId: MaybeRefOrGetter<string>, codeId: MaybeRefOrGetter<string>) {
  const api = useApi();
  return useQuery({
    queryKey: computed(() => codesKeys.one(toValue(projectId), toValue(codeId))),
    queryFn: () =>
      api.request('GET', '/api/v1/projects/{projectId}/codes/{codeId}', {
        path: { projectId: toValue(projectId), codeId: toValue(codeId) },
      }),
  });
}

export function useCodeHistory(projectId: MaybeRefOrGetter<string>, codeId: MaybeRefOrGetter<string>) {
  const api = useApi();
  return useQuery({
    queryKey: computed(() => codesKeys.history(toValue(projectId), toValue(codeId))),
    queryFn: () =>
      api.request('GET', '/api/v1/projects/{projectId}/codes/{codeId}/history', {
        path: { projectId: toValue(projectId), codeId: toValue(codeId) },
      }),
  });
}

function useInvalidateCodes(projectId: MaybeRefOrGetter<string>) {
  const queryClient = useQueryClient();
  return () => {
    // The redemptions chart counts issued codes; refreshed in the background, never waited for.
    void queryClient.invalidateQueries({
      queryKey: ['projects', toValue(projectId), 'redemptions', 'stats'],
    });
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: codesKeys.all(toValue(projectId)) }),
      queryClient.invalidateQueries({ queryKey: batchesKeys.all(toValue(projectId)) }),
    ]);
  };
}

export function useUpdateCode(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateCodes(projectId);
  return useMutation({
    mutationFn: ({ codeId, body }: { codeId: string; body: UpdateCodeBody }) =>
      api.request('PATCH', '/api/v1/projects/{projectId}/codes/{codeId}', {
        path: { projectId: toValue(projectId), codeId },
        body,
      }),
    onSuccess: invalidate,
  });
}

type CachedCodes = InfiniteData<AccessCodeList, string>;

/**
 * Writes a code's new state into every cached list page and detail that shows it, so its row
 * changes at once instead of when the (possibly slow, searched) list has been fetched again.
 */
export function patchCachedCode(
  queryClient: QueryClient,
  projectId: string,
  codeId: string,
  patch: Partial<AccessCode>,
): void {
  queryClient.setQueriesData<CachedCodes>({ queryKey: [...codesKeys.all(projectId), 'list'] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === codeId ? { ...item, ...patch } : item)),
          })),
        }
      : data,
  );
  queryClient.setQueryData<AccessCode>(codesKeys.one(projectId, codeId), (code) =>
    code ? { ...code, ...patch } : code,
  );
}

/**
 * Deactivate ("x") or re-activate one code, optimistically: the row shows the new state while
 * the request runs (the caller shows it busy), goes back if the server refuses, and takes the
 * server's answer when it comes.
 */
export function useSetCodeActive(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCodes(projectId);
  return useMutation({
    mutationFn: ({ codeId, active }: { codeId: string; active: boolean }) =>
      active
        ? api.request('POST', '/api/v1/projects/{projectId}/codes/{codeId}/activate', {
            path: { projectId: toValue(projectId), codeId },
          })
        : api.request('POST', '/api/v1/projects/{projectId}/codes/{codeId}/deactivate', {
            path: { projectId: toValue(projectId), codeId },
          }),
    onMutate: async ({ codeId, active }) => {
      const id = toValue(projectId);
      await queryClient.cancelQueries({ queryKey: codesKeys.all(id) });
      const before = queryClient.getQueriesData({ queryKey: codesKeys.all(id) });
      patchCachedCode(queryClient, id, codeId, { active });
      return { before };
    },
    onError: (_error, _vars, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (code) => patchCachedCode(queryClient, toValue(projectId), code.id, code),
    onSettled: invalidate,
  });
}

/**
 * Generate a batch. The caller passes the `Idempotency-Key` so a retry of the same submit reuses
 * it and the server makes the batch once.
 */
export function useCreateBatch(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateCodes(projectId);
  return useMutation({
    gcTime: 0,
    mutationFn: ({ body, idempotencyKey }: { body: CreateBatchBody; idempotencyKey: string }) =>
      api.request('POST', '/api/v1/projects/{projectId}/batches', {
        path: { projectId: toValue(projectId) },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: invalidate,
  });
}

/** The newest batches; polled while one of them is still being generated. */
export function useBatches(projectId: MaybeRefOrGetter<string>, limit = 20) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  return useInfiniteQuery({
    queryKey: computed(() => batchesKeys.list(id.value, limit)),
    queryFn: ({ pageParam }) =>
      api.request('GET', '/api/v1/projects/{projectId}/batches', {
        path: { projectId: id.value },
        query: { limit, ...(pageParam ? { cursor: pageParam } : {}) },
      }),
    initialPageParam: '',
    getNextPageParam: (last: BatchList) => last.nextCursor ?? undefined,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isBatchInProgress)) ? BATCHES_POLL_MS : false,
    enabled: computed(() => !!id.value),
  });
}

/** One batch; with `poll`, fetched every second until it has completed or failed. */
export function useBatch(
  projectId: MaybeRefOrGetter<string>,
  batchId: MaybeRefOrGetter<string | undefined>,
  options: { poll?: boolean } = {},
) {
  const api = useApi();
  const id = computed(() => toValue(batchId));
  return useQuery({
    queryKey: computed(() => batchesKeys.one(toValue(projectId), id.value ?? '')),
    queryFn: () =>
      api.request('GET', '/api/v1/projects/{projectId}/batches/{batchId}', {
        path: { projectId: toValue(projectId), batchId: id.value ?? '' },
      }),
    enabled: computed(() => !!id.value),
    staleTime: options.poll ? 0 : undefined,
    refetchInterval: options.poll
      ? (query) => (query.state.data && !isBatchInProgress(query.state.data) ? false : BATCH_POLL_MS)
      : false,
  });
}

/** A bulk batch has finished: the codes, the batches and the bell (its notification) have news. */
export function useBatchFinished(projectId: MaybeRefOrGetter<string>) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: codesKeys.all(toValue(projectId)) }),
      queryClient.invalidateQueries({ queryKey: ['projects', toValue(projectId), 'batches', 'list'] }),
      queryClient.invalidateQueries({ queryKey: unreadNotificationsKey }),
    ]);
}

export function useDeactivateBatch(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateCodes(projectId);
  return useMutation({
    mutationFn: (batchId: string) =>
      api.request('POST', '/api/v1/projects/{projectId}/batches/{batchId}/deactivate', {
        path: { projectId: toValue(projectId), batchId },
      }),
    onSuccess: invalidate,
  });
}

/** Re-activate every deactivated code of a batch. */
export function useActivateBatch(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateCodes(projectId);
  return useMutation({
    mutationFn: (batchId: string) =>
      api.request('POST', '/api/v1/projects/{projectId}/batches/{batchId}/activate', {
        path: { projectId: toValue(projectId), batchId },
      }),
    onSuccess: invalidate,
  });
}

/** Resend email: the batch's codes once more, to its address or another one. */
export function useResendBatchEmail(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  return useMutation({
    mutationFn: ({ batchId, email }: { batchId: string; email?: string }) =>
      api.request('POST', '/api/v1/projects/{projectId}/batches/{batchId}/resend-email', {
        path: { projectId: toValue(projectId), batchId },
        body: email ? { email } : {},
      }),
  });
}

/** Download CSV of one batch. */
export function useBatchCsv(projectId: MaybeRefOrGetter<string>) {
  const file = useFileDownload();
  return {
    ...file,
    download: (batchId: string) =>
      file.download(
        '/api/v1/projects/{projectId}/batches/{batchId}/codes.csv',
        { path: { projectId: toValue(projectId), batchId } },
        `batch-${batchId}.csv`,
      ),
  };
}

/** Export as CSV of the filtered codes. */
export function useCodesExport(projectId: MaybeRefOrGetter<string>) {
  const file = useFileDownload();
  return {
    ...file,
    download: (filters: CodeFilters) =>
      file.download(
        '/api/v1/projects/{projectId}/codes/export.csv',
        {
          path: { projectId: toValue(projectId) },
          query: definedFilters(filters) as Record<string, string | boolean>,
        },
        'access-codes.csv',
      ),
  };
}
