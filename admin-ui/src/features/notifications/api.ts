import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed } from 'vue';
import { isApiError, useApi } from '@/app/api-client';
import type { NotificationList } from '@/app/api-types';
import { session } from '@/stores/session';

export const NOTIFICATIONS_POLL_MS = 15_000;

export const unreadNotificationsKey = ['notifications', 'unread'] as const;

export interface UnreadNotifications extends NotificationList {
  /** The server has no notifications endpoint (older backend): show the bell without a count. */
  unavailable?: boolean;
}

export function useUnreadNotifications() {
  const api = useApi();
  return useQuery({
    queryKey: unreadNotificationsKey,
    queryFn: async (): Promise<UnreadNotifications> => {
      try {
        return await api.request('GET', '/api/v1/notifications', { query: { unread: true } });
      } catch (error) {
        if (isApiError(error) && error.status === 404)
          return { items: [], unreadCount: 0, unavailable: true };
        throw error;
      }
    },
    enabled: computed(() => session.isAuthenticated.value),
    refetchInterval: NOTIFICATIONS_POLL_MS,
    staleTime: 0,
  });
}

export function useMarkNotificationRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.request('POST', '/api/v1/notifications/{id}/read', { path: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: unreadNotificationsKey }),
  });
}

export function useMarkAllNotificationsRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.request('POST', '/api/v1/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: unreadNotificationsKey }),
  });
}
