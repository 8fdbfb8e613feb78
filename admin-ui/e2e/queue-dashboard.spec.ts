import { expect, type Browser, test } from './fixtures';
import pg from 'pg';
import { demoProject, openAccessCodes, OWNER, watchCsp } from './helpers';

// The first test logs in and opens the console on a cold server; on a loaded 2-core CI machine
// that alone has taken over the default 30 s.
test.describe.configure({ timeout: 120_000 });

/**
 * Logs `email` in, in a browser of its own, opens `project` and checks the console has no Queues
 * link once it knows who is signed in (GET /me, which the link depends on), and that the
 * dashboard refuses them.
 */
async function expectNoQueues(browser: Browser, email: string, password: string, project: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const me = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me');
  await page.getByRole('link', { name: project }).click();
  expect(((await (await me).json()) as { queueDashboard: boolean }).queueDashboard).toBe(false);
  const nav = page.getByRole('navigation', { name: 'Project' });
  // The Access codes link is always there; what shows the project's role has been applied (an
  // owner's API keys link, a support member's read-only badges) comes after /me and the project.
  await expect(nav.getByRole('link', { name: 'API keys' }).or(nav.getByText('read-only').first())).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Queues' })).toHaveCount(0);

  const response = await page.goto('/admin/queues');
  expect(response!.status()).toBe(403);
  await expect(
    page.getByText("The queue dashboard is for the owners of the installation's own tenant"),
  ).toBeVisible();
  await context.close();
}

test('an owner opens the queue dashboard from the console and sees every queue, with no CSP violation', async ({
  page,
}) => {
  const violations = await watchCsp(page);
  await openAccessCodes(page);
  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Queues' }).click();
  await expect(page).toHaveURL(/\/admin\/queues\/?$/);
  await expect(page).toHaveTitle('Admit queues');
  for (const queue of ['batches', 'mail', 'webhooks', 'outbox'])
    await expect(page.getByRole('link', { name: queue, exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: 'mail', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/queues\/queue\/mail/);
  await page.reload();
  await expect(page.getByRole('link', { name: 'webhooks', exact: true }).first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('a support member has no Queues link and gets 403 at the dashboard', async ({ browser, request }) => {
  const demo = await demoProject(request);
  const email = `support-${Date.now()}@example.test`;
  const password = 'support staff password 1';
  const added = await request.post(`/api/v1/projects/${demo.projectId}/members`, {
    headers: { authorization: `Bearer ${demo.token}` },
    data: { email, role: 'support', name: 'Support Person', password },
  });
  expect(added.status()).toBe(201);

  await expectNoQueues(browser, email, password, 'Demo project');
});

test("the owner of another tenant's project has no Queues link and gets 403 at the dashboard", async ({
  browser,
  request,
}) => {
  // A customer tenant of the installation (not the operator's, the first one created). Admit has
  // no tenant sign-up, so it is made in the database, with the seeded owner's password hash.
  const email = `customer-${Date.now()}@example.test`;
  const db = new pg.Client({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/admit',
  });
  await db.connect();
  try {
    const made = await db.query(
      `with tenant as (insert into tenants (id, name) values (gen_random_uuid(), 'Customer') returning id)
       insert into users (id, tenant_id, email, name, password_hash)
       select gen_random_uuid(), tenant.id, $1, 'Customer Owner', u.password_hash from tenant, users u where u.email = $2`,
      [email, OWNER.email],
    );
    expect(made.rowCount).toBe(1);
  } finally {
    await db.end();
  }
  const login = await request.post('/api/v1/auth/login', { data: { email, password: OWNER.password } });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await request.post('/api/v1/projects', {
    headers: { authorization: `Bearer ${accessToken}` },
    data: { name: 'Customer project', slug: `customer-${Date.now()}` },
  });
  expect(created.status()).toBe(201);

  await expectNoQueues(browser, email, OWNER.password, 'Customer project');
});
