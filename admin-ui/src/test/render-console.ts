import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import App from '@/App.vue';
import type { Project } from '@/app/api-types';
import { createConsole } from '@/app/create-console';
import { session } from '@/stores/session';
import { fakeFetch, type Route } from './fake-fetch';

export const BASE_URL = 'http://admit.test';

export const owner = { id: 'u-owner', email: 'owner@example.com', name: 'Olive Owner' };

export function signInAs(user = owner): void {
  session.signIn({
    accessToken: 'token-123',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user,
  });
}

export function makeProject(overrides: Partial<Project> = {}): Project {
  return {
    id: 'p-demo',
    slug: 'demo',
    name: 'Demo project',
    role: 'owner',
    createdAt: '2026-01-01T00:00:00Z',
    settings: {
      bulkThreshold: 150,
      maxBatchSize: 2000,
      maxBatchSizeLimit: 10_000_000,
      codeFormat: { kind: 'random', length: 12, groupSize: 4, checkChar: false },
    },
    ...overrides,
  };
}

/** The whole console (router, query client, API) on a fake fetch, opened at `path`. */
export async function renderConsole(path: string, routes: Record<string, Route> = {}) {
  const fake = fakeFetch({
    'GET /api/v1/notifications': { body: { items: [], unreadCount: 0 } },
    ...routes,
  });
  const ctx = createConsole({ fetch: fake.fetch, baseUrl: BASE_URL, history: createMemoryHistory() });
  await ctx.router.push(path);
  const wrapper = mount(App, { global: { plugins: [ctx] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, fake, ...ctx };
}
