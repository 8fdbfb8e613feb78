import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { useApi } from '@/app/api-client';
import type { LoginBody } from '@/app/api-types';
import { session } from '@/stores/session';

export function useLogin() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: LoginBody) => api.request('POST', '/api/v1/auth/login', { body }),
    onSuccess: (login) => session.signIn(login),
  });
}

/** Ends the session on the server too; locally it ends whatever the server answers. */
export function useLogout() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.request('POST', '/api/v1/auth/logout'),
    onSettled: () => {
      session.signOut();
      queryClient.clear();
    },
  });
}

/**
 * The signed-in user as the server sees it, with what the console offers only to some: the queue
 * dashboard link is shown to those the dashboard lets in (`queueDashboard`).
 */
export function useMe() {
  const api = useApi();
  return useQuery({
    queryKey: ['me'],
    queryFn: () => api.request('GET', '/api/v1/me'),
    staleTime: 5 * 60_000,
  });
}
