import { useMutation, useQueryClient } from '@tanstack/vue-query';
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
