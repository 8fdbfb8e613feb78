import { expect, test } from './fixtures';
import { demoProject, generateCodes, OWNER } from './helpers';

test('support finds a redemption in the log and revokes it with a reason', async ({
  page,
  request,
}, testInfo) => {
  const [code] = await generateCodes(request, await demoProject(request), 1);
  const email = `revoke-${Date.now()}@example.com`;
  const redeemed = await request.post('/api/v1/public/demo/redemptions', {
    data: { code, name: 'Grace Hopper', email },
  });
  expect(redeemed.status()).toBe(201);
  const normalised = code!.replace(/-/g, '');

  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page
    .getByRole('row', { name: /Demo project/ })
    .getByRole('link', { name: 'Demo project' })
    .click();
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Redemptions' }).click();
  await expect(page.getByRole('heading', { name: 'Redemptions', level: 1 })).toBeVisible();

  await page.getByLabel(/Code, or a learner/).fill(email);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator(`tr[data-redemption-code="${normalised}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Grace Hopper');
  await expect(row).toContainText('activation page');
  await expect(row).toContainText('Demo course');

  await row.getByRole('button', { name: /^Revoke/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke redemption' });
  await dialog.getByLabel('Reason').fill('Redeemed for the wrong learner');
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('revoked')).toContainText('Redeemed for the wrong learner');
  await expect(page.getByRole('status').filter({ hasText: 'free again' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('redemptions.png'), fullPage: true });

  // The code's history tells the whole story.
  await row.getByRole('link', { name: code! }).click();
  await expect(page.locator('.timeline')).toContainText('Redemption by');
  await expect(page.locator('.timeline')).toContainText('Reason: Redeemed for the wrong learner');
  await page.screenshot({ path: testInfo.outputPath('code-detail.png'), fullPage: true });
});
