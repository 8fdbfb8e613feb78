import { expect, test } from './fixtures';
import { freshProject, logIn, makeCodes } from './console-helpers';
import { checkAtBothWidths } from './helpers';

// Each screen is checked at two widths with axe: slower than one look on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('each webhook delivery names the code, redemption or batch it was about', async ({ page, request }) => {
  const project = await freshProject(request, 'Hooks');
  const headers = { authorization: `Bearer ${project.token}` };
  const api = (path: string) => `/api/v1/projects/${project.projectId}${path}`;
  // Made before the webhook exists, so its own batch.completed is not delivered.
  const [code] = await makeCodes(request, project);
  // A receiver that does not resolve here: the deliveries are recorded (and retried) all the same.
  const hook = await request.post(api('/webhooks'), {
    headers,
    data: {
      url: 'https://hooks.example.test/admit',
      events: ['code.redeemed', 'redemption.revoked', 'batch.completed'],
    },
  });
  expect(hook.status()).toBe(201);

  const learner = `hooked-${Date.now()}@example.com`;
  const redeemed = await request.post(`/api/v1/public/${project.slug}/redemptions`, {
    data: { code: code!.code, name: 'Hooked Learner', email: learner },
  });
  expect(redeemed.status()).toBe(201);
  const { redemption } = (await redeemed.json()) as { redemption: { id: string } };
  const revoked = await request.post(api(`/redemptions/${redemption.id}/revoke`), {
    headers,
    data: { reason: 'Wrong learner' },
  });
  expect(revoked.status()).toBe(200);
  // From the bulk threshold (150) a batch is made in the background and says when it completes.
  const bulk = await request.post(api('/batches'), {
    headers,
    data: {
      productId: project.productId,
      planId: project.planId,
      count: 150,
      usageType: 'single',
      notify: false,
    },
  });
  expect(bulk.status()).toBe(202);

  const { id: hookId } = (await hook.json()) as { id: string };
  await expect
    .poll(
      async () => {
        const listed = (await (
          await request.get(api(`/webhooks/${hookId}/deliveries`), { headers })
        ).json()) as {
          items: { event: string }[];
        };
        return listed.items.map((d) => d.event).sort();
      },
      { timeout: 60_000 },
    )
    .toEqual(['batch.completed', 'code.redeemed', 'redemption.revoked']);

  await logIn(page);
  await page.goto(`/projects/${project.projectId}/webhooks`);
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Deliveries' }).click();
  const subjects = page.getByTestId('delivery-subject');
  await expect(subjects).toHaveCount(3);
  const row = (event: string) =>
    page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: event }) });
  await expect(row('code.redeemed').getByTestId('delivery-subject')).toHaveText(
    new RegExp(`^\\s*Code ${code!.code} · `),
  );
  await expect(row('redemption.revoked').getByTestId('delivery-subject')).toHaveText(
    new RegExp(`^\\s*Redemption of ${code!.code}`),
  );
  await expect(row('batch.completed').getByTestId('delivery-subject')).toHaveText(
    /^\s*Batch of 150 codes\s*$/,
  );
  // Each names a place to look: the redemptions of the code, the batch's codes.
  await expect(row('batch.completed').getByRole('link')).toHaveAttribute('href', /batchId=/);
  await expect(row('code.redeemed').getByRole('link')).toHaveAttribute('href', new RegExp(`q=${code!.code}`));
  await checkAtBothWidths(page, 'webhook-deliveries', () => expect(subjects.first()).toBeVisible());
});

test('the settings page and the Add access code, rename and resend dialogs pass axe at 1440 and 375 px', async ({
  page,
  request,
}) => {
  const project = await freshProject(request, 'Dialogs');
  await makeCodes(request, project, {
    count: 2,
    notify: true,
    notifyEmail: `dialogs-${Date.now()}@example.com`,
  });
  await logIn(page);
  const base = `/projects/${project.projectId}`;

  await page.goto(`${base}/settings`);
  await checkAtBothWidths(page, 'settings-page', () =>
    expect(page.getByRole('heading', { name: 'Project settings', level: 1 })).toBeVisible(),
  );

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${base}/access-codes`);
  await page.getByRole('button', { name: 'Add access code' }).first().click();
  const add = page.getByRole('dialog', { name: 'Add access code' });
  await add.getByRole('radio', { name: 'Custom Name' }).check();
  await add.getByRole('textbox', { name: 'Custom Name' }).fill('MATHS');
  await checkAtBothWidths(page, 'add-access-code-dialog', () =>
    expect(add.getByTestId('custom-name-warning')).toBeVisible(),
  );
  // With its messages showing, too.
  await add.getByLabel('No. of Access Codes').fill('5000');
  await add.getByRole('button', { name: 'Generate' }).click();
  await checkAtBothWidths(page, 'add-access-code-dialog-errors', () =>
    expect(add.getByTestId('over-cap')).toBeVisible(),
  );
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${base}/products`);
  await page.getByRole('button', { name: 'Rename Algebra course' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename product' });
  await checkAtBothWidths(page, 'rename-dialog', () => expect(rename.getByLabel('Name')).toBeVisible());
  await page.keyboard.press('Escape');
  await expect(rename).toBeHidden();

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${base}/access-codes/batches`);
  await page.getByRole('button', { name: 'Resend email' }).first().click();
  const resend = page.getByRole('dialog', { name: 'Resend email' });
  await checkAtBothWidths(page, 'resend-dialog', () => expect(resend.getByLabel('Send to')).toBeVisible());
  await page.keyboard.press('Escape');
  await expect(resend).toBeHidden();
});
