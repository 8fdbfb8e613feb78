import { expect, test } from './fixtures';
import {
  checkAtBothWidths,
  demoProject,
  generateCodes,
  openDemoProject,
  redeemPublicly,
} from './helpers';

// Each screen is checked at two widths with axe: slower than one look on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('the overview and the Access codes page chart codes issued vs redeemed per day, also as a table', async ({
  page,
  request,
}) => {
  const demo = await demoProject(request);
  const [code] = await generateCodes(request, demo, 2);
  await redeemPublicly(request, code!, 'Chart Learner', `chart-${Date.now()}@example.com`);

  await openDemoProject(page);
  // What the API says for today in the browser's zone: the chart and its table must show the same.
  const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const stats = (await (
    await request.get(`/api/v1/projects/${demo.projectId}/redemptions/stats`, {
      headers: { authorization: `Bearer ${demo.token}` },
      params: { tz },
    })
  ).json()) as { buckets: { start: string; issued: number; redeemed: number }[] };
  const today = stats.buckets.at(-1)!;
  expect(today.issued).toBeGreaterThanOrEqual(2);
  expect(today.redeemed).toBeGreaterThanOrEqual(1);
  const todayLabel = await page.evaluate(
    (start) =>
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${start}T00:00:00Z`),
      ),
    today.start,
  );

  const chart = page.getByRole('region', { name: 'Redemptions over time' });
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart.locator('canvas')).toHaveAttribute('role', 'img');
  await expect(chart.locator('canvas')).toHaveAttribute('aria-label', /codes issued and redeemed/);
  await expect(chart).toContainText(/codes issued and \d[\d,]* redeemed/);
  // The table is there for screen readers before it is shown.
  const todayRow = chart.getByRole('row', { name: new RegExp(`^${todayLabel}`) });
  await expect(todayRow).toBeAttached();
  await chart.getByRole('button', { name: 'Show as table' }).click();
  await expect(todayRow).toBeVisible();
  await expect(todayRow.getByRole('cell')).toHaveText([String(today.issued), String(today.redeemed)]);
  await expect(chart.getByRole('row')).toHaveCount(30 + 2);
  await checkAtBothWidths(page, 'overview', () => expect(chart.locator('canvas')).toBeVisible());

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Access codes' }).click();
  const codesChart = page.getByRole('region', { name: 'Redemptions over time' });
  await expect(codesChart.locator('canvas')).toBeVisible();
  await codesChart.getByLabel('Group by').selectOption('week');
  await codesChart.getByRole('button', { name: 'Show as table' }).click();
  await expect(codesChart.getByRole('columnheader', { name: 'Week of' })).toBeVisible();
  await expect(codesChart.getByRole('row')).toHaveCount(12 + 2);
  await checkAtBothWidths(page, 'access-codes', () => expect(codesChart.locator('canvas')).toBeVisible());
});
