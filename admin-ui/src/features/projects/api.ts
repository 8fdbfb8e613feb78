import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useApi } from '@/app/api-client';
import type { CreateProjectBody, UpdateProjectBody } from '@/app/api-types';

export const projectKeys = {
  all: ['projects'] as const,
  one: (projectId: string) => ['projects', projectId] as const,
};

export function useProjects() {
  const api = useApi();
  return useQuery({
    queryKey: projectKeys.all,
    queryFn: () => api.request('GET', '/api/v1/projects'),
  });
}

export function useProject(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  return useQuery({
    queryKey: computed(() => projectKeys.one(id.value)),
    queryFn: () => api.request('GET', '/api/v1/projects/{projectId}', { path: { projectId: id.value } }),
    enabled: computed(() => !!id.value),
  });
}

export function useCreateProject() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectBody) => api.request('POST', '/api/v1/projects', { body }),
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.one(project.id), project);
      return queryClient.invalidateQueries({ queryKey: projectKeys.all, exact: true });
    },
  });
}

export function useUpdateProject(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProjectBody) =>
      api.request('PATCH', '/api/v1/projects/{projectId}', { path: { projectId: toValue(projectId) }, body }),
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.one(project.id), project);
      return queryClient.invalidateQueries({ queryKey: projectKeys.all, exact: true });
    },
  });
}
