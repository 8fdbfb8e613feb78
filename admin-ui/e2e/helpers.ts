import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const OWNER = { email: 'admin@admit.local', password: 'admit-console-dev' };

/** Logs in through the form and opens the seeded demo project's overview. */
export async function openDemoProject(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page
    .getByRole('row', { name: /Demo project/ })
    .getByRole('link', { name: 'Demo project' })
    .click();
  await expect(page.getByRole('heading', { name: 'Demo project', level: 1 })).toBeVisible();
}

/** Logs in through the form and opens the seeded demo project's Access codes page. */
export async function openAccessCodes(page: Page): Promise<void> {
  await openDemoProject(page);
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Access codes' }).click();
  await expect(page.getByRole('heading', { name: 'Access codes', level: 1 })).toBeVisible();
}

interface DemoProject {
  token: string;
  projectId: string;
  productId: string;
  planId: string;
}

/** The demo project through the API, for tests that need codes without clicking for them. */
export async function demoProject(request: APIRequestContext): Promise<DemoProject> {
  const login = await request.post('/api/v1/auth/login', { data: OWNER });
  expect(login.ok()).toBe(true);
  const { accessToken: token } = (await login.json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${token}` };
  const projects = (await (await request.get('/api/v1/projects', { headers })).json()) as {
    items: { id: string; slug: string }[];
  };
  const projectId = projects.items.find((p) => p.slug === 'demo')!.id;
  const products = (await (
    await request.get(`/api/v1/projects/${projectId}/products`, { headers })
  ).json()) as {
    items: { id: string; name: string; plans: { id: string; name: string }[] }[];
  };
  const product = products.items.find((p) => p.name === 'Demo course')!;
  const planId = product.plans.find((p) => p.name === 'Monthly')!.id;
  return { token, projectId, productId: product.id, planId };
}

/** A standard batch of single-use codes, made through the API; answers their display forms. */
export async function generateCodes(
  request: APIRequestContext,
  demo: DemoProject,
  count: number,
): Promise<string[]> {
  const response = await request.post(`/api/v1/projects/${demo.projectId}/batches`, {
    headers: { authorization: `Bearer ${demo.token}` },
    data: { productId: demo.productId, planId: demo.planId, count, usageType: 'single', notify: false },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { codes: { display: string }[] };
  return body.codes.map((code) => code.display);
}

/** A learner redeems a code on the demo project's activation page (through its API). */
export async function redeemPublicly(request: APIRequestContext, code: string, name: string, email: string) {
  const response = await request.post('/api/v1/public/demo/redemptions', { data: { code, name, email } });
  expect(response.status()).toBe(201);
}

/** The two widths every console screen is checked at: a laptop and a small phone. */
export const WIDTHS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '375', width: 375, height: 812 },
] as const;

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Where a screenshot named `name` goes: e2e/screenshots/<name>.png (git-ignored). */
export const screenshotPath = (name: string) => `${SCREENSHOTS}${name}.png`;

/** Serious and critical axe-core findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, `axe on ${page.url()}`).toEqual([]);
}

/**
 * At each of WIDTHS: the page does not scroll sideways, axe finds nothing serious, and a
 * full-page screenshot goes to e2e/screenshots/<name>-<width>.png (git-ignored). `ready` waits
 * for what the screen must show at that width.
 */
export async function checkAtBothWidths(
  page: Page,
  name: string,
  ready?: () => Promise<void>,
): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    if (ready) await ready();
    // A chart's canvas follows the new width on its next resize observation, after the viewport
    // changed: let the layout settle (up to 5 s) before measuring; the measure below decides.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
        timeout: 5_000,
      })
      .toBeLessThanOrEqual(0)
      .catch(() => undefined);
    // What sticks out past the right edge, outside any box that scrolls on its own.
    const sticksOut = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .filter((el) => !el.parentElement?.closest('.table-wrap, .visually-hidden, dialog:not([open])'))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(
      overflow,
      `${name} scrolls sideways at ${size.width} px: ${sticksOut.join(', ')}`,
    ).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: screenshotPath(`${name}-${size.name}`), fullPage: true });
  }
}

/** Every CSP violation the page reports, from the DOM event and from the console. */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text()))
      violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective}: ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return violations;
}
