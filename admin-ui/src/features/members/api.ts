import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useApi } from '@/app/api-client';
import type { AddMemberBody } from '@/app/api-types';
import type { ProjectRole } from '@/app/domain';

const membersKey = (projectId: string) => ['projects', projectId, 'members'] as const;

export function useMembers(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  return useQuery({
    queryKey: computed(() => membersKey(id.value)),
    queryFn: () =>
      api.request('GET', '/api/v1/projects/{projectId}/members', {
        path: { projectId: id.value },
      }),
  });
}

function useInvalidateMembers(projectId: MaybeRefOrGetter<string>) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: membersKey(toValue(projectId)) });
}

export function useAddMember(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateMembers(projectId);
  return useMutation({
    mutationFn: (body: AddMemberBody) =>
      api.request('POST', '/api/v1/projects/{projectId}/members', {
        path: { projectId: toValue(projectId) },
        body,
      }),
    onSuccess: invalidate,
  });
}

export function useChangeMemberRole(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateMembers(projectId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: ProjectRole }) =>
      api.request('PATCH', '/api/v1/projects/{projectId}/members/{userId}', {
        path: { projectId: toValue(projectId), userId },
        body: { role },
      }),
    onSettled: invalidate,
  });
}

export function useRemoveMember(projectId: MaybeRefOrGetter<string>) {
  const api = useApi();
  const invalidate = useInvalidateMembers(projectId);
  return useMutation({
    mutationFn: (userId: string) =>
      api.request('DELETE', '/api/v1/projects/{projectId}/members/{userId}', {
        path: { projectId: toValue(projectId), userId },
      }),
    onSuccess: invalidate,
  });
}
