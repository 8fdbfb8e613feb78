import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const OWNER = { email: 'admin@admit.local', password: 'admit-console-dev' };

/** Logs in through the form and opens the seeded demo project's Access codes page. */
export async function openAccessCodes(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page
    .getByRole('row', { name: /Demo project/ })
    .getByRole('link', { name: 'Demo project' })
    .click();
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
