import { expect, test } from './fixtures';
import {
  checkAtBothWidths,
  demoProject,
  generateCodes,
  OWNER,
  openAccessCodes,
} from './helpers';

// Each screen is checked at two widths with axe: slower than one look on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('focus stays inside a dialog on Tab and Shift+Tab, and goes back to the button that opened it', async ({
  page,
}) => {
  await openAccessCodes(page);
  const opener = page.getByRole('button', { name: 'Add access code' }).first();
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add access code' });
  await expect(dialog).toBeVisible();
  const inDialog = () =>
    page.evaluate(
      () => !!document.activeElement?.closest('dialog[open]') && document.activeElement !== document.body,
    );
  // Round the dialog once and a bit, both ways: past its last control and before its first.
  const stops = await dialog.evaluate(
    (el) =>
      el.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select, textarea').length,
  );
  for (let i = 0; i < stops + 2; i++) {
    await page.keyboard.press('Tab');
    expect(await inDialog(), `Tab ${i + 1} left the dialog`).toBe(true);
  }
  for (let i = 0; i < stops + 2; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog(), `Shift+Tab ${i + 1} left the dialog`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('the skip link goes to the main content, past the project navigation', async ({ page }) => {
  await openAccessCodes(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Access codes', level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  const where = await page.evaluate(() => ({
    inMain: !!document.activeElement?.closest('main'),
    inNav: !!document.activeElement?.closest('nav'),
  }));
  expect(where).toEqual({ inMain: true, inNav: false });
});

test('deactivate and re-activate in a searched view change the row at once, busy until the server answers', async ({
  page,
  request,
}) => {
  const [code] = await generateCodes(request, await demoProject(request), 1);
  await openAccessCodes(page);
  await page.getByRole('searchbox').first().fill(code!);
  await page.keyboard.press('Enter');
  const row = page.locator(`.codes-table tr[data-code="${code}"]`);
  await expect(page.locator('.codes-table tbody tr')).toHaveCount(1);

  // Hold the server's answer until the row has been looked at.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/projects/*/codes/*/deactivate', async (route) => {
    await held;
    await route.continue();
  });
  await row.getByRole('button', { name: `Deactivate ${code}` }).click();
  await page
    .getByRole('dialog', { name: 'Deactivate code' })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(row).toHaveAttribute('aria-busy', 'true');
  await expect(row.getByRole('button', { name: `Re-activate ${code}` })).toBeDisabled();
  await expect(row).toHaveClass(/row-inactive/);
  release();
  await expect(row).toHaveAttribute('aria-busy', 'false');
  await expect(row.getByRole('button', { name: `Re-activate ${code}` })).toBeEnabled();

  // Re-activate, held again: the row is active at once.
  let releaseAgain: () => void = () => {};
  const heldAgain = new Promise<void>((resolve) => (releaseAgain = resolve));
  await page.route('**/api/v1/projects/*/codes/*/activate', async (route) => {
    await heldAgain;
    await route.continue();
  });
  await row.getByRole('button', { name: `Re-activate ${code}` }).click();
  await expect(row).toHaveAttribute('aria-busy', 'true');
  await expect(row).not.toHaveClass(/row-inactive/);
  releaseAgain();
  await expect(row).toHaveAttribute('aria-busy', 'false');
  await expect(row.getByRole('button', { name: `Deactivate ${code}` })).toBeEnabled();
});

test('every page fits 375 px without sideways scrolling, passes axe and logs no error', async ({
  page,
  request,
}) => {
  // Nine screens, each at two widths under axe: on a loaded machine this took over 120 s.
  test.setTimeout(300_000);
  const demo = await demoProject(request);
  const [code] = await generateCodes(request, demo, 1);
  const found = (await (
    await request.get(`/api/v1/projects/${demo.projectId}/codes`, {
      headers: { authorization: `Bearer ${demo.token}` },
      params: { q: code!, limit: 1 },
    })
  ).json()) as { items: { id: string }[] };

  await page.goto('/login');
  await checkAtBothWidths(page, 'login', () =>
    expect(page.getByRole('button', { name: 'Log in' })).toBeVisible(),
  );
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await checkAtBothWidths(page, 'projects', () =>
    expect(page.getByRole('heading', { level: 1 })).toBeVisible(),
  );

  const base = `/projects/${demo.projectId}`;
  const screens: [string, string, string][] = [
    ['code-detail', `${base}/access-codes/codes/${found.items[0]!.id}`, code!],
    ['products', `${base}/products`, 'Products'],
    ['members', `${base}/members`, 'Members'],
    ['api-keys', `${base}/api-keys`, 'API keys'],
    ['webhooks', `${base}/webhooks`, 'Webhooks'],
  ];
  for (const [name, path, heading] of screens) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(path);
    await checkAtBothWidths(page, name, () =>
      expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible(),
    );
  }

  // The menus of the top bar open within the phone's screen.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByRole('button', { name: /Notifications/ }).click();
  await checkAtBothWidths(page, 'notifications-open');

  await page.goto(`/activate/demo/${encodeURIComponent(code!)}`);
  await checkAtBothWidths(page, 'activation', () =>
    expect(page.getByRole('heading', { level: 1 })).toBeVisible(),
  );
});
