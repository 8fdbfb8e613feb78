import { expect, test, type APIRequestContext } from './fixtures';
import {
  checkAtBothWidths,
  demoProject,
  openAccessCodes,
  redeemPublicly,
  screenshotPath,
} from './helpers';

type Demo = Awaited<ReturnType<typeof demoProject>>;

async function createBatch(request: APIRequestContext, demo: Demo, body: Record<string, unknown>) {
  const response = await request.post(`/api/v1/projects/${demo.projectId}/batches`, {
    headers: { authorization: `Bearer ${demo.token}` },
    data: { productId: demo.productId, planId: demo.planId, usageType: 'single', notify: false, ...body },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { batch: { id: string }; codes: { code: string; display: string }[] };
}

/** The mail catcher's messages to one address (newest first). */
async function inbox(request: APIRequestContext, to: string) {
  const base = process.env.MAIL_CATCHER_URL ?? 'http://127.0.0.1:1080';
  const response = await request.get(`${base}/api/messages`, { params: { to } });
  return (await response.json()) as { subject: string; text: string }[];
}

// Each screen is checked at two widths with axe: slower than one look on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('every batch card and row shows redeemed/total; a batch is re-activated and its email resent', async ({
  page,
  request,
}) => {
  const demo = await demoProject(request);
  const stamp = Date.now();
  const made = await createBatch(request, demo, {
    count: 4,
    notify: true,
    notifyEmail: `batch-${stamp}@example.com`,
  });
  await redeemPublicly(request, made.codes[0]!.code, 'Batch Learner', `learner-${stamp}@example.com`);

  await openAccessCodes(page);
  const card = page.locator(`.batch-card[data-batch-id="${made.batch.id}"]`);
  await expect(card.getByTestId('batch-usage')).toContainText('1 / 4 redeemed');
  await expect(card.getByRole('meter', { name: 'Redeemed' })).toHaveAttribute('aria-valuenow', '1');

  await page.getByRole('link', { name: 'All batches →' }).click();
  await expect(page.getByRole('heading', { name: 'Batches', level: 1 })).toBeVisible();
  const row = page.locator(`tr[data-batch-id="${made.batch.id}"]`);
  await expect(row.getByTestId('batch-usage')).toContainText('1 / 4 redeemed');
  await checkAtBothWidths(page, 'batches', () => expect(row.getByTestId('batch-usage')).toBeVisible());
  await page.setViewportSize({ width: 1440, height: 900 });

  // Deactivate, then bring the whole batch back.
  await row.getByRole('button', { name: 'Deactivate batch' }).click();
  await page
    .getByRole('dialog', { name: 'Deactivate batch' })
    .getByRole('button', { name: 'Deactivate batch' })
    .click();
  await row.getByRole('button', { name: 'Re-activate batch' }).click();
  const reactivate = page.getByRole('dialog', { name: 'Re-activate batch' });
  await page.screenshot({ path: screenshotPath('batches-reactivate-dialog-1440') });
  await reactivate.getByRole('button', { name: 'Re-activate batch' }).click();
  await expect(reactivate).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Re-activated the codes' })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Deactivate batch' })).toBeVisible();
  const codes = (await (
    await request.get(`/api/v1/projects/${demo.projectId}/batches/${made.batch.id}/codes`, {
      headers: { authorization: `Bearer ${demo.token}` },
    })
  ).json()) as { items: { active: boolean }[] };
  expect(codes.items.map((c) => c.active)).toEqual([true, true, true, true]);

  // Resend email, to another address.
  const other = `office-${stamp}@example.com`;
  await row.getByRole('button', { name: 'Resend email' }).click();
  const resend = page.getByRole('dialog', { name: 'Resend email' });
  await expect(resend.getByLabel('Send to')).toHaveValue(`batch-${stamp}@example.com`);
  await resend.getByLabel('Send to').fill(other);
  await page.screenshot({ path: screenshotPath('batches-resend-dialog-1440') });
  await resend.getByRole('button', { name: 'Send email' }).click();
  await expect(resend).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `on its way to ${other}` })).toBeVisible();
  await expect.poll(async () => (await inbox(request, other)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const [mail] = await inbox(request, other);
  expect(mail!.text).toContain(made.codes[1]!.display);
});

test('the codes of a Custom Name batch are listed in their order, 1 to N', async ({ page, request }) => {
  const demo = await demoProject(request);
  const made = await createBatch(request, demo, { count: 8, customName: 'PWORDER' });
  const numbers = made.codes.map((c) => Number(c.display.replace('PWORDER', ''))).sort((a, b) => a - b);
  await openAccessCodes(page);
  await page.goto(`/projects/${demo.projectId}/access-codes?batchId=${made.batch.id}`);
  await expect(page.getByTestId('batch-chip')).toBeVisible();
  const rows = page.locator('.codes-table tbody tr');
  await expect(rows).toHaveCount(8);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')))).toEqual(
    numbers.map((n) => `PWORDER${n}`),
  );
  await checkAtBothWidths(page, 'access-codes-batch', () => expect(rows.first()).toBeVisible());
});
