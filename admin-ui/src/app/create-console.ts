import { VueQueryPlugin, type QueryClient } from '@tanstack/vue-query';
import type { App } from 'vue';
import type { Router, RouterHistory } from 'vue-router';
import { session } from '@/stores/session';
import { createApi, provideApi, type Api } from './api-client';

/** The header the server wants with the session cookie on unsafe requests (see docs/security.md). */
export const CONSOLE_HEADER_VALUE = 'admit-console';
import { createAppQueryClient } from './query-client';
import { createAppRouter } from './router';

export interface ConsoleOptions {
  /** Replaces `fetch` (unit tests answer from a table). */
  fetch?: typeof fetch;
  baseUrl?: string;
  history?: RouterHistory;
}

export interface ConsoleContext {
  api: Api;
  router: Router;
  queryClient: QueryClient;
  /** A Vue plugin that installs the router, the query client and the API. */
  install(app: App): void;
}

/** Everything the console needs, wired once; `main.ts` and the tests share it. */
export function createConsole(options: ConsoleOptions = {}): ConsoleContext {
  const queryClient = createAppQueryClient();
  const router = createAppRouter(options.history);

  const api = createApi({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    // The session is an HttpOnly cookie the page never sees; this header is its CSRF proof.
    headers: { 'X-Requested-With': CONSOLE_HEADER_VALUE },
    onUnauthorized() {
      session.signOut();
      queryClient.clear();
      const current = router.currentRoute.value;
      if (current.name !== 'login') {
        void router.replace({ name: 'login', query: { redirect: current.fullPath } });
      }
    },
  });

  return {
    api,
    router,
    queryClient,
    install(app: App) {
      app.use(router);
      app.use(VueQueryPlugin, { queryClient });
      provideApi(app, api);
    },
  };
}
