import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './fixtures';
import {
  checkAtBothWidths,
  demoProject,
  generateCodes,
  openDemoProject,
  redeemPublicly,
} from './helpers';

async function downloadCsv(page: Page, button: string): Promise<string[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return (await readFile(await download.path()))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
}

// Each screen is checked at two widths with axe: slower than one look on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('the redemption log shows codes grouped, finds part of a name or email, and exports like the codes page', async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const [code] = await generateCodes(request, await demoProject(request), 1);
  const email = `kjohnson-${stamp}@example.com`;
  await redeemPublicly(request, code!, `Katherine Johnson ${stamp}`, email);

  await openDemoProject(page);
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Redemptions' }).click();
  await expect(page.getByRole('heading', { name: 'Redemptions', level: 1 })).toBeVisible();
  const search = page.getByRole('searchbox', { name: /Code, or a learner/ });

  // Part of the name, as on the codes page.
  await search.fill(`erine Johnson ${stamp}`);
  await page.getByRole('button', { name: 'Search' }).click();
  const rows = page.locator('tbody tr[data-redemption-code]');
  await expect(rows).toHaveCount(1);
  // The code as the codes page shows it: grouped, e.g. 7K2Q-M3XA-9PTR.
  await expect(rows.first().getByRole('link', { name: code! })).toBeVisible();

  // Part of the email.
  await search.fill(`kjohnson-${stamp}@exa`);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Katherine Johnson ${stamp}`);
  await checkAtBothWidths(page, 'redemptions', () => expect(rows.first()).toBeVisible());
  await page.setViewportSize({ width: 1440, height: 900 });

  const log = await downloadCsv(page, 'Export as CSV');
  expect(log).toHaveLength(2);
  const header = log[0]!.split(',');
  expect(header.slice(0, 4)).toEqual(['Redeemed At', 'Code', 'Product', 'Plan']);
  expect(log[1]).toContain(`,${code},`);

  // The same header style as the codes page's export: Title Case words, never snake_case.
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Access codes' }).click();
  // Not the log's search box, which stays until the codes page replaces it.
  await expect(page.getByRole('heading', { name: 'Access codes', level: 1 })).toBeVisible();
  await page.getByRole('searchbox').first().fill(code!);
  await page.keyboard.press('Enter');
  await expect(page.locator('.codes-table tbody tr')).toHaveCount(1);
  const codes = await downloadCsv(page, 'Export as CSV');
  for (const name of [...header, ...codes[0]!.split(',')])
    expect(name).toMatch(/^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/);
});
