import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useApi } from '@/app/api-client';
import type { CreatePlanBody, CreateProductBody, UpdatePlanBody, UpdateProductBody } from '@/app/api-types';

export const productsKeys = {
  all: (projectId: string) => ['projects', projectId, 'products'] as const,
  list: (projectId: string, includeArchived: boolean) =>
    ['projects', projectId, 'products', { includeArchived }] as const,
};

/** Products with their plans; archived ones only when asked (the settings page shows them). */
export function useProducts(projectId: MaybeRefOrGetter<string>, includeArchived = false) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  return useQuery({
    queryKey: computed(() => productsKeys.list(id.value, includeArchived)),
    queryFn: () =>
      api.request('GET', '/api/v1/projects/{projectId}/products', {
        path: { projectId: id.value },
        query: includeArchived ? { includeArchived: true } : {},
      }),
    enabled: computed(() => !!id.value),
  });
}

function useInvalidateProducts(projectId: MaybeRefOrGetter<string>) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: productsKeys.all(toValue(projectId)) });
}

export function useCreateProduct(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateProducts(projectId);
  return useMutation({
    mutationFn: (body: CreateProductBody) =>
      api.request('POST', '/api/v1/projects/{projectId}/products', {
        path: { projectId: toValue(projectId) },
        body,
      }),
    onSuccess: invalidate,
  });
}

export function useUpdateProduct(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateProducts(projectId);
  return useMutation({
    mutationFn: ({ productId, body }: { productId: string; body: UpdateProductBody }) =>
      api.request('PATCH', '/api/v1/projects/{projectId}/products/{productId}', {
        path: { projectId: toValue(projectId), productId },
        body,
      }),
    onSettled: invalidate,
  });
}

export function useDeleteProduct(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateProducts(projectId);
  return useMutation({
    mutationFn: (productId: string) =>
      api.request('DELETE', '/api/v1/projects/{projectId}/products/{productId}', {
        path: { projectId: toValue(projectId), productId },
      }),
    onSuccess: invalidate,
  });
}

export function useCreatePlan(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateProducts(projectId);
  return useMutation({
    mutationFn: ({ productId, body }: { productId: string; body: CreatePlanBody }) =>
      api.request('POST', '/api/v1/projects/{projectId}/products/{productId}/plans', {
        path: { projectId: toValue(projectId), productId },
        body,
      }),
    onSuccess: invalidate,
  });
}

export function useUpdatePlan(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateProducts(projectId);
  return useMutation({
    mutationFn: ({ productId, planId, body }: { productId: string; planId: string; body: UpdatePlanBody }) =>
      api.request('PATCH', '/api/v1/projects/{projectId}/products/{productId}/plans/{planId}', {
        path: { projectId: toValue(projectId), productId, planId },
        body,
      }),
    onSettled: invalidate,
  });
}

export function useDeletePlan(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateProducts(projectId);
  return useMutation({
    mutationFn: ({ productId, planId }: { productId: string; planId: string }) =>
      api.request('DELETE', '/api/v1/projects/{projectId}/products/{productId}/plans/{planId}', {
        path: { projectId: toValue(projectId), productId, planId },
      }),
    onSuccess: invalidate,
  });
}
