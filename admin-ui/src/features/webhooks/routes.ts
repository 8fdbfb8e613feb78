import type { RouteRecordRaw } from 'vue-router';

/** Children of the project layout (`/projects/:projectId`). */
export const webhooksRoutes: RouteRecordRaw[] = [
  {
    path: 'webhooks',
    name: 'webhooks',
    component: () => import('./pages/WebhooksPage.vue'),
    props: true,
    meta: { title: 'Webhooks' },
  },
];
