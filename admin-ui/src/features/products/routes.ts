import type { RouteRecordRaw } from 'vue-router';

/** Children of the project layout (`/projects/:projectId`). */
export const productsRoutes: RouteRecordRaw[] = [
  {
    path: 'products',
    name: 'products',
    component: () => import('./pages/ProductsPage.vue'),
    props: true,
    meta: { title: 'Products' },
  },
];
