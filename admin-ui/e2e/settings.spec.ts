import { expect, test } from './fixtures';
import { freshProject, logIn, shoot } from './console-helpers';

test('an admin raises the batch cap and sets a prefix + random default format, with the entropy guard shown live', async ({
  page,
  request,
}) => {
  const project = await freshProject(request, 'Settings');
  await logIn(page);
  await page.goto(`/projects/${project.projectId}`);
  await page
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: 'Project settings' })
    .click();
  await expect(page.getByRole('heading', { name: 'Project settings', level: 1 })).toBeVisible();
  await expect(page.getByText('up to 10,000,000 on this server')).toBeVisible();

  // The guard answers as the format changes: 6 characters cannot carry 5,000 codes safely.
  await page.getByLabel('Batch cap').fill('5000');
  await page.getByLabel('Length').fill('6');
  await expect(page.getByTestId('entropy-guard')).toContainText('too easy to guess');
  await page.getByLabel('Length').fill('10');
  await expect(page.getByTestId('entropy-guard')).toContainText('Hard to guess');

  await page.getByRole('radio', { name: 'Prefix + random' }).check();
  await page.getByRole('textbox', { name: 'Prefix' }).fill('MATHS');
  await page.getByLabel('Group size').fill('5');
  await page.getByLabel(/Check character/).check();
  await expect(page.getByTestId('format-preview')).toHaveText(/^MATHS-[0-9A-Z]{5}-[0-9A-Z]{6}$/);
  await shoot(page, 'settings');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();

  const saved = await request.get(`/api/v1/projects/${project.projectId}`, {
    headers: { authorization: `Bearer ${project.token}` },
  });
  expect(((await saved.json()) as { settings: unknown }).settings).toMatchObject({
    maxBatchSize: 5000,
    codeFormat: { kind: 'prefixed', prefix: 'MATHS', length: 10, groupSize: 5, checkChar: true },
  });

  // 5,000 codes are now within the cap; the modal starts from the new default format.
  await page.goto(`/projects/${project.projectId}/access-codes`);
  await page.getByRole('button', { name: 'Add access code' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add access code' });
  await dialog.getByLabel('No. of Access Codes').fill('5000');
  await expect(dialog.getByTestId('over-cap')).toHaveCount(0);
  await expect(dialog.getByText('Up to 5,000.')).toBeVisible();
  await expect(dialog.getByTestId('code-preview')).toContainText('MATHS-');
});

test('the over-cap message in Add access code leads to the project settings', async ({ page, request }) => {
  const project = await freshProject(request, 'Over cap');
  await logIn(page);
  await page.goto(`/projects/${project.projectId}/access-codes`);
  await page.getByRole('button', { name: 'Add access code' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add access code' });
  await dialog.getByLabel('No. of Access Codes').fill('5000');
  await expect(dialog.getByTestId('over-cap')).toContainText("This project's batch cap is 2,000 codes");
  await shoot(page, 'add-code-over-cap');
  await dialog.getByRole('link', { name: 'Raise the batch cap in Project settings' }).click();
  await expect(page.getByRole('heading', { name: 'Project settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
