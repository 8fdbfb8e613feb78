import { expect, test } from './fixtures';
import { openAccessCodes, generateCodes, demoProject, watchCsp } from './helpers';

test('the console and Swagger UI run under the CSP with no violation, and the session is out of reach of scripts', async ({
  page,
  request,
}) => {
  const violations = await watchCsp(page);
  const demo = await demoProject(request);
  const [code] = await generateCodes(request, demo, 1);

  const first = await page.goto('/login');
  const headers = first!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');

  await openAccessCodes(page);
  const projectNav = page.getByRole('navigation', { name: 'Project' });
  for (const [link, heading] of [
    ['Products', 'Products'],
    ['Members', 'Members'],
    ['API keys', 'API keys'],
    ['Redemptions', 'Redemptions'],
  ]) {
    await projectNav.getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Redemptions', level: 1 })).toBeVisible();

  // The session cookie is HttpOnly and nothing secret is kept in storage.
  expect(await page.evaluate(() => document.cookie)).not.toContain('admit_session');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toMatch(/adms_/);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'admit_session')).toMatchObject({
    httpOnly: true,
    sameSite: 'Strict',
  });

  await page.goto(`/activate/demo/${encodeURIComponent(code!)}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto('/docs');
  await expect(page.locator('.swagger-ui .information-container')).toBeVisible();
  await expect(page.getByText('/api/v1/auth/login').first()).toBeVisible();

  expect(violations).toEqual([]);
});
