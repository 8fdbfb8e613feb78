import { expect, test } from './fixtures';
import { freshProject, logIn, shoot } from './console-helpers';

test('Add access code offers prefix + random with a check character, Valid From and a live preview', async ({
  page,
  request,
}) => {
  const project = await freshProject(request, 'Add code');
  await logIn(page);
  await page.goto(`/projects/${project.projectId}/access-codes`);
  await page.getByRole('button', { name: 'Add access code' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add access code' });
  await expect(dialog.getByText('Up to 2,000. From 150, they are made in the background.')).toBeVisible();
  await expect(dialog.getByTestId('code-preview')).toHaveText(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  await dialog.getByRole('radio', { name: 'Prefix + random' }).check();
  await dialog.getByRole('textbox', { name: 'Prefix' }).fill('maths');
  await dialog.getByLabel(/Check character/).check();
  await expect(dialog.getByTestId('code-preview')).toHaveText(/MATHS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$/);
  await expect(dialog.getByText(/Your time zone: /).first()).toBeVisible();

  // A wrong order of dates is said before asking the server, and the message goes once fixed.
  await dialog.getByLabel('No. of Access Codes').fill('3');
  await dialog.getByLabel('Valid From').fill('2031-01-02T10:00');
  await dialog.getByLabel('Valid Till').fill('2031-01-01T10:00');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText('Valid Till must come after Valid From.')).toBeVisible();
  await shoot(page, 'add-code-format');
  await dialog.getByLabel('Valid Till').fill('2031-06-30T23:59');
  await expect(dialog.getByText('Valid Till must come after Valid From.')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Generate' }).click();
  const result = page.getByRole('dialog', { name: 'Generated 3 access codes' });
  await expect(result).toBeVisible();
  const listed = (await result.getByTestId('generated-codes').inputValue()).split('\n');
  expect(listed).toHaveLength(3);
  for (const code of listed) expect(code).toMatch(/^MATHS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$/);

  const batches = await request.get(`/api/v1/projects/${project.projectId}/batches`, {
    headers: { authorization: `Bearer ${project.token}` },
  });
  const [batch] = ((await batches.json()) as { items: Record<string, unknown>[] }).items;
  expect(batch).toMatchObject({
    format: { kind: 'prefixed', prefix: 'MATHS', checkChar: true },
    validFrom: new Date(2031, 0, 2, 10, 0).toISOString(),
  });
});

test('Custom Name shows its warning and a preview; a past Valid Till is told in a sentence', async ({
  page,
  request,
}) => {
  const project = await freshProject(request, 'Custom');
  await logIn(page);
  await page.goto(`/projects/${project.projectId}/access-codes`);
  await page.getByRole('button', { name: 'Add access code' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add access code' });
  await dialog.getByRole('radio', { name: 'Custom Name' }).check();
  await dialog.getByRole('textbox', { name: 'Custom Name' }).fill('camp');
  await expect(dialog.getByTestId('custom-name-warning')).toContainText(
    'Anyone who sees CAMP1 can try CAMP2',
  );
  await expect(dialog.getByTestId('code-preview')).toContainText('CAMP1');
  await dialog.getByLabel('No. of Access Codes').fill('2');
  await dialog.getByLabel('Valid Till').fill('2020-01-01T10:00');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText('Choose a date and time in the future.')).toBeVisible();
  await expect(dialog).not.toContainText('validTill');
  await shoot(page, 'add-code-custom-name');
});
