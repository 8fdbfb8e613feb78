import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OWNER } from './helpers';

/** Screenshots land here (git-ignored), named `<name>-1440.png` and `<name>-375.png`. */
export const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Saves the page at desktop (1440 px) and phone (375 px) widths, then restores the desktop width. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const width of [1440, 375]) {
    await page.setViewportSize({ width, height: width === 1440 ? 900 : 812 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

export interface FreshProject {
  token: string;
  projectId: string;
  slug: string;
  productId: string;
  planId: string;
}

async function token(request: APIRequestContext, account = OWNER): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: account });
  expect(login.ok()).toBe(true);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** A project of its own (so settings changed here touch no other test), with a product and a plan. */
export async function freshProject(request: APIRequestContext, name: string): Promise<FreshProject> {
  const bearer = await token(request);
  const headers = { authorization: `Bearer ${bearer}` };
  const created = await request.post('/api/v1/projects', {
    headers,
    data: { name: `${name} ${Date.now()}` },
  });
  expect(created.status()).toBe(201);
  const project = (await created.json()) as { id: string; slug: string };
  const product = await request.post(`/api/v1/projects/${project.id}/products`, {
    headers,
    data: { name: 'Algebra course' },
  });
  const productId = ((await product.json()) as { id: string }).id;
  const plan = await request.post(`/api/v1/projects/${project.id}/products/${productId}/plans`, {
    headers,
    data: { name: 'Monthly', accessDays: 30 },
  });
  const planId = ((await plan.json()) as { id: string }).id;
  return { token: bearer, projectId: project.id, slug: project.slug, productId, planId };
}

/** Logs in through the form as `account` (the seeded owner by default). */
export async function logIn(page: Page, account: { email: string; password: string } = OWNER): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/projects/);
}

/** Standard batch of codes made through the API in a fresh project; answers the codes. */
export async function makeCodes(
  request: APIRequestContext,
  project: FreshProject,
  body: Record<string, unknown> = {},
): Promise<{ id: string; code: string; display: string }[]> {
  const response = await request.post(`/api/v1/projects/${project.projectId}/batches`, {
    headers: { authorization: `Bearer ${project.token}` },
    data: {
      productId: project.productId,
      planId: project.planId,
      count: 1,
      usageType: 'single',
      notify: false,
      ...body,
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { codes: { id: string; code: string; display: string }[] }).codes;
}
