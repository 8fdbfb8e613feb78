import { type ConsoleMessage, expect, test as base } from '@playwright/test';

export { expect };
export type { APIRequestContext, Browser, Page } from '@playwright/test';

/**
 * What a browser logs for a 4xx answer of the API. The tests provoke refusals on purpose (a used
 * code, a support member at the queue dashboard) and assert those answers themselves; any other
 * console error — a 4xx for a page asset, a 5xx, anything else — or an uncaught exception fails
 * the test.
 */
const REFUSED_REQUEST = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

function refusedApiRequest(message: ConsoleMessage): boolean {
  if (!REFUSED_REQUEST.test(message.text())) return false;
  const url = new URL(message.location().url || 'http://invalid/');
  return url.pathname.startsWith('/api/') || url.pathname.startsWith('/admin/queues');
}

/**
 * `test` for every browser spec: the test's page is watched for console errors and uncaught
 * exceptions from its first step, and the test fails at its end if there were any (issue 11:
 * "no console errors", on every page the suite opens).
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !refusedApiRequest(message))
          errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors and uncaught exceptions on the page').toEqual([]);
    },
    { auto: true },
  ],
});
