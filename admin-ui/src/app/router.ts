import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouterHistory,
  type Router,
} from 'vue-router';
import { accessCodesRoutes } from '@/features/access-codes/routes';
import { activationRoutes } from '@/features/activation/routes';
import { apiKeysRoutes } from '@/features/api-keys/routes';
import { authRoutes } from '@/features/auth/routes';
import { membersRoutes } from '@/features/members/routes';
import { productsRoutes } from '@/features/products/routes';
import { projectDashboardRoutes, projectsListRoutes } from '@/features/projects/routes';
import { redemptionsRoutes } from '@/features/redemptions/routes';
import { webhooksRoutes } from '@/features/webhooks/routes';
import { session } from '@/stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title, shown in the tab as "<title> · Admit". */
    title?: string;
    /** Reachable without a session. */
    public?: boolean;
    /** The login page: a signed-in user is sent on to the projects. */
    guestOnly?: boolean;
    /** The project's side navigation entry that stays highlighted on this page and its children. */
    section?: string;
  }
}

/** Only same-site paths are followed after login, never `//evil.example` or a full URL. */
export function safeRedirect(value: unknown): string {
  const target = Array.isArray(value) ? value[0] : value;
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')
    ? target
    : '/projects';
}

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({
    history,
    routes: [
      ...authRoutes,
      ...activationRoutes,
      {
        path: '/',
        component: () => import('@/layouts/AppShellLayout.vue'),
        children: [
          { path: '', redirect: { name: 'projects' } },
          ...projectsListRoutes,
          {
            path: 'projects/:projectId',
            component: () => import('@/layouts/ProjectLayout.vue'),
            props: true,
            children: [
              ...projectDashboardRoutes,
              ...accessCodesRoutes,
              ...redemptionsRoutes,
              ...productsRoutes,
              ...membersRoutes,
              ...apiKeysRoutes,
              ...webhooksRoutes,
            ],
          },
        ],
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./NotFoundPage.vue'),
        meta: { title: 'Not found', public: true },
      },
    ],
  });

  router.beforeEach((to: RouteLocationNormalized) => {
    const signedIn = session.isAuthenticated.value;
    if (to.meta.guestOnly) {
      return signedIn ? safeRedirect(to.query.redirect) : true;
    }
    if (!to.meta.public && !signedIn) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    return true;
  });

  router.afterEach((to) => {
    if (typeof document !== 'undefined') {
      document.title = to.meta.title ? `${to.meta.title} · Admit` : 'Admit';
    }
  });

  return router;
}
