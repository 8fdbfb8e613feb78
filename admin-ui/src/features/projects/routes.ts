import type { RouteRecordRaw } from 'vue-router';

export const projectsListRoutes: RouteRecordRaw[] = [
  {
    path: 'projects',
    name: 'projects',
    component: () => import('./pages/ProjectsListPage.vue'),
    meta: { title: 'Projects' },
  },
];

/** Children of the project layout (`/projects/:projectId`). */
export const projectDashboardRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'project-dashboard',
    component: () => import('./pages/ProjectDashboardPage.vue'),
    props: true,
    meta: { title: 'Dashboard' },
  },
  {
    path: 'settings',
    name: 'project-settings',
    component: () => import('./pages/ProjectSettingsPage.vue'),
    props: true,
    meta: { title: 'Project settings' },
  },
];
