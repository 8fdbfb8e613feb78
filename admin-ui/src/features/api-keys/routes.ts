import type { RouteRecordRaw } from 'vue-router';

/** Children of the project layout (`/projects/:projectId`). */
export const apiKeysRoutes: RouteRecordRaw[] = [
  {
    path: 'api-keys',
    name: 'api-keys',
    component: () => import('./pages/ApiKeysPage.vue'),
    props: true,
    meta: { title: 'API keys' },
  },
];
