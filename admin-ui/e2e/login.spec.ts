import { expect, test } from './fixtures';

const OWNER = { email: 'admin@admit.local', password: 'admit-console-dev' };

test('the seeded owner logs in, opens the demo project and creates an API key', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();

  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  const demo = page.getByRole('row', { name: /Demo project/ });
  await expect(demo).toContainText('demo');
  await page.screenshot({ path: testInfo.outputPath('projects.png'), fullPage: true });
  await demo.getByRole('link', { name: 'Demo project' }).click();

  await expect(page.getByRole('heading', { name: 'Demo project', level: 1 })).toBeVisible();
  const sales = page.locator('.service-group', { has: page.getByRole('heading', { name: 'Sales' }) });
  await expect(sales.getByRole('link', { name: /Access codes/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });

  const projectNav = page.getByRole('navigation', { name: 'Project' });
  await projectNav.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('row', { name: new RegExp(OWNER.email) })).toContainText('Owner');
  await page.screenshot({ path: testInfo.outputPath('members.png'), fullPage: true });

  await projectNav.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  await expect(page.getByText('No API keys yet')).toBeVisible();

  await page.getByLabel('Name').fill('Browser test key');
  await page.getByRole('checkbox', { name: /redemptions:write/ }).check();
  await page.getByRole('button', { name: 'Create API key' }).click();

  const dialog = page.getByRole('dialog', { name: 'Your new API key' });
  await expect(dialog).toBeVisible();
  const secret = await dialog.getByTestId('api-key-secret').inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await page.screenshot({ path: testInfo.outputPath('api-key-secret.png') });

  await dialog.getByRole('button', { name: 'I have stored it' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /Browser test key/ });
  await expect(row).toContainText('redemptions:write');
  await page.screenshot({ path: testInfo.outputPath('api-keys.png'), fullPage: true });
  expect(await page.content()).not.toContain(secret);

  // The secret is not shown again after a reload either.
  await page.reload();
  await expect(page.getByRole('row', { name: /Browser test key/ })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
});
