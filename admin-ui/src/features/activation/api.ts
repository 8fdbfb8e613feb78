import { useMutation, useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { isApiError, useApi } from '@/app/api-client';
import type { PublicRedeemBody } from '@/app/api-types';

/**
 * Product and plan of a code the learner can redeem now (no login). Each failed look-up counts
 * against the visitor's attempt budget, so it is asked once: no retries, no refetch on focus.
 */
export function usePublicCode(projectSlug: MaybeRefOrGetter<string>, code: MaybeRefOrGetter<string>) {
  const api = useApi();
  return useQuery({
    queryKey: computed(() => ['public', toValue(projectSlug), 'codes', toValue(code)] as const),
    queryFn: () =>
      api.request('GET', '/api/v1/public/{projectSlug}/codes/{code}', {
        path: { projectSlug: toValue(projectSlug), code: toValue(code) },
      }),
    enabled: computed(() => !!toValue(code)),
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useActivateCode(projectSlug: MaybeRefOrGetter<string>) {
  const api = useApi();
  return useMutation({
    mutationFn: (body: PublicRedeemBody) =>
      api.request('POST', '/api/v1/public/{projectSlug}/redemptions', {
        path: { projectSlug: toValue(projectSlug) },
        body,
      }),
  });
}
