import type { RouteRecordRaw } from 'vue-router';

/**
 * The public activation page, at the address of the code emails' Activate link. No login and no
 * console shell: learners see only this.
 */
export const activationRoutes: RouteRecordRaw[] = [
  {
    path: '/activate/:projectSlug/:code?',
    name: 'activate',
    component: () => import('./pages/ActivationPage.vue'),
    props: true,
    meta: { title: 'Activate your access code', public: true },
  },
];
