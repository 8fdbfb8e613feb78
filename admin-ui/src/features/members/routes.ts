import type { RouteRecordRaw } from 'vue-router';

/** Children of the project layout (`/projects/:projectId`). */
export const membersRoutes: RouteRecordRaw[] = [
  {
    path: 'members',
    name: 'members',
    component: () => import('./pages/MembersPage.vue'),
    props: true,
    meta: { title: 'Members' },
  },
];
