import type { RouteRecordRaw } from 'vue-router';

/** Children of the project layout (`/projects/:projectId`). */
export const accessCodesRoutes: RouteRecordRaw[] = [
  {
    path: 'access-codes',
    meta: { section: 'access-codes' },
    children: [
      {
        path: '',
        name: 'access-codes',
        component: () => import('./pages/AccessCodesPage.vue'),
        props: true,
        meta: { title: 'Access codes' },
      },
      {
        path: 'batches',
        name: 'batches',
        component: () => import('./pages/BatchesPage.vue'),
        props: true,
        meta: { title: 'Batches' },
      },
      {
        path: 'codes/:codeId',
        name: 'access-code',
        component: () => import('./pages/CodeDetailPage.vue'),
        props: true,
        meta: { title: 'Access code' },
      },
    ],
  },
];
