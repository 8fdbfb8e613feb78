import { expect, test } from '@playwright/test';
import { demoProject, openAccessCodes, watchCsp } from './helpers';

test('an owner opens the queue dashboard from the console and sees every queue, with no CSP violation', async ({
  page,
}) => {
  const violations = await watchCsp(page);
  await openAccessCodes(page);
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Queues' }).click();
  await expect(page).toHaveURL(/\/admin\/queues\/?$/);
  await expect(page).toHaveTitle('Admit queues');
  for (const queue of ['batches', 'mail', 'webhooks', 'outbox'])
    await expect(page.getByRole('link', { name: queue, exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: 'mail', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/queues\/queue\/mail/);
  await page.reload();
  await expect(page.getByRole('link', { name: 'webhooks', exact: true }).first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('a support member has no Queues link and gets 403 at the dashboard', async ({ browser, request }) => {
  const demo = await demoProject(request);
  const email = `support-${Date.now()}@example.test`;
  const password = 'support staff password 1';
  const added = await request.post(`/api/v1/projects/${demo.projectId}/members`, {
    headers: { authorization: `Bearer ${demo.token}` },
    data: { email, role: 'support', name: 'Support Person', password },
  });
  expect(added.status()).toBe(201);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Demo project' }).click();
  const nav = page.getByRole('navigation', { name: 'Project' });
  await expect(nav.getByRole('link', { name: 'Access codes' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Queues' })).toHaveCount(0);

  const response = await page.goto('/admin/queues');
  expect(response!.status()).toBe(403);
  await expect(
    page.getByText("The queue dashboard is for the owners of the installation's own tenant"),
  ).toBeVisible();
  await context.close();
});
