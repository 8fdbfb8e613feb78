import type { RouteRecordRaw } from 'vue-router';

/** Children of the project layout (`/projects/:projectId`). */
export const redemptionsRoutes: RouteRecordRaw[] = [
  {
    path: 'redemptions',
    name: 'redemptions',
    component: () => import('./pages/RedemptionsPage.vue'),
    props: true,
    meta: { title: 'Redemptions' },
  },
];
