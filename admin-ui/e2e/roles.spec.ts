import { expect, test } from './fixtures';
import { freshProject, logIn, makeCodes, shoot } from './console-helpers';

test('a support member is not offered API keys and sees what they can only read marked read-only', async ({
  page,
  request,
}) => {
  const project = await freshProject(request, 'Roles');
  const support = { email: `support-${Date.now()}@example.com`, password: 'quiet harbour lantern 42' };
  const added = await request.post(`/api/v1/projects/${project.projectId}/members`, {
    headers: { authorization: `Bearer ${project.token}` },
    data: { ...support, name: 'Sam Support', role: 'support' },
  });
  expect(added.status()).toBe(201);

  await logIn(page, support);
  await page.goto(`/projects/${project.projectId}`);
  const nav = page.getByRole('navigation', { name: 'Project' });
  await expect(nav.getByRole('link', { name: /Access codes/ })).toBeVisible();
  await expect(nav.getByRole('link', { name: /API keys/ })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: /Webhooks/ })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('link', { name: /API keys/ })).toHaveCount(0);
  for (const name of ['Products', 'Members', 'Project settings']) {
    await expect(nav.getByRole('link', { name: new RegExp(name) })).toContainText('read-only');
  }
  await shoot(page, 'roles-support-overview');

  await nav.getByRole('link', { name: /Project settings/ }).click();
  await expect(page.getByTestId('read-only-note')).toContainText('Only an admin or owner');
  await expect(page.getByLabel('Batch cap')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);
  await shoot(page, 'roles-support-settings');

  await nav.getByRole('link', { name: /Products/ }).click();
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /Rename/ })).toHaveCount(0);
});

test('an admin renames a product and a plan, and a code edited to "summer camp 01" keeps that text', async ({
  page,
  request,
}) => {
  const project = await freshProject(request, 'Rename');
  const [code] = await makeCodes(request, project);
  await logIn(page);
  await page.goto(`/projects/${project.projectId}/products`);

  await page.getByRole('button', { name: 'Rename Algebra course' }).click();
  let dialog = page.getByRole('dialog', { name: 'Rename product' });
  await dialog.getByLabel('Name').fill('');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog.getByText('Enter a name for the product.')).toBeVisible();
  await dialog.getByLabel('Name').fill('Geometry course');
  await expect(dialog.getByText('Enter a name for the product.')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { name: 'Geometry course' })).toBeVisible();

  await page.getByRole('button', { name: 'Rename Monthly' }).click();
  dialog = page.getByRole('dialog', { name: 'Rename plan' });
  await dialog.getByLabel('Name').fill('Thirty days');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('rowheader', { name: 'Thirty days' })).toBeVisible();
  await shoot(page, 'products-renamed');

  await page.goto(`/projects/${project.projectId}/access-codes`);
  await page.getByRole('button', { name: `Edit ${code!.display}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${code!.display}` });
  await edit.getByLabel('Code', { exact: true }).fill('summer camp 01');
  await edit.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const row = page.locator('tr[data-code="summer camp 01"]');
  await expect(row).toContainText('summer camp 01');
  await expect(row).not.toContainText('SUMM-ERCA-MP01');
  await expect(row).toContainText('Geometry course');
  await shoot(page, 'code-custom-text');
});
