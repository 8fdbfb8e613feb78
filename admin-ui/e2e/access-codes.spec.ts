import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openAccessCodes } from './helpers';

test('generates 3 codes, copies them and downloads their CSV', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openAccessCodes(page);
  await page.screenshot({ path: testInfo.outputPath('access-codes-empty.png'), fullPage: true });

  await page.getByRole('button', { name: 'Add access code' }).first().click();
  const modal = page.getByRole('dialog', { name: 'Add access code' });
  await expect(modal).toBeVisible();
  await expect(modal.getByLabel('Product')).toHaveValue(/.+/);
  await modal.getByLabel('Plan').selectOption({ label: 'Monthly · 30 days' });
  await modal.getByLabel('No. of Access Codes').fill('3');
  await modal.getByLabel('Send Notification').check();
  await page.screenshot({ path: testInfo.outputPath('add-access-code-modal.png') });
  await modal.getByRole('button', { name: 'Generate' }).click();

  const popup = page.getByRole('dialog', { name: 'Generated 3 access codes' });
  await expect(popup).toBeVisible();
  const codes = (await popup.getByTestId('generated-codes').inputValue()).split('\n');
  expect(codes).toHaveLength(3);
  for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  await page.screenshot({ path: testInfo.outputPath('generated-popup.png') });

  await popup.getByRole('button', { name: 'Copy codes' }).click();
  await expect(popup.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join('\n'));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    popup.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = (await readFile(await download.path())).toString('utf8').trim().split(/\r?\n/);
  expect(csv[0]).toContain('Code');
  expect(csv).toHaveLength(4);
  for (const code of codes) expect(csv.join('\n')).toContain(code);

  await popup.getByRole('button', { name: 'Done' }).click();
  await expect(popup).toBeHidden();
  for (const code of codes) await expect(page.locator(`tr[data-code="${code}"]`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('access-codes.png'), fullPage: true });
});

test('generates 150 codes in the background and opens them from the bell', async ({ page }, testInfo) => {
  await openAccessCodes(page);
  await page.getByRole('button', { name: 'Add access code' }).first().click();
  const modal = page.getByRole('dialog', { name: 'Add access code' });
  await modal.getByLabel('Plan').selectOption({ label: 'Lifetime' });
  await modal.getByLabel('No. of Access Codes').fill('150');
  await expect(modal.getByTestId('bulk-hint')).toBeVisible();
  await modal.getByRole('button', { name: 'Generate' }).click();

  const popup = page.getByRole('dialog', { name: "You'll be notified once generated" });
  await expect(popup).toBeVisible();
  await expect(popup.getByRole('progressbar')).toBeVisible();
  await expect(popup.getByTestId('bulk-done')).toBeVisible({ timeout: 20_000 });
  await expect(popup.getByTestId('batch-progress-text')).toHaveText('150 of 150 generated');
  await page.screenshot({ path: testInfo.outputPath('bulk-popup.png') });
  await popup.getByRole('button', { name: 'Close' }).click();

  const count = page.getByTestId('notifications-count');
  await expect(count).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: /^Notifications/ }).click();
  const panel = page.locator('#notifications-panel');
  await expect(panel).toContainText('150 access codes are ready');
  await panel.getByRole('link', { name: 'View Results' }).first().click();

  await expect(page).toHaveURL(/access-codes\?batchId=/);
  await expect(page.getByTestId('batch-chip')).toContainText('150 codes');
  await expect(page.getByRole('tab', { name: /^All/ })).toContainText('150');
  await expect(page.locator('.codes-table tbody tr')).toHaveCount(50);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(page.locator('.codes-table tbody tr')).toHaveCount(100);
  await expect(page.getByText('Showing 100 of 150')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath('batch-results.png') });
});
