import { expect, test, type Browser, type Page } from './fixtures';
import { freshProject, makeCodes, shoot, type FreshProject } from './console-helpers';

/** A learner's own browser: never logged in. */
async function learnerPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function patchCode(
  request: import('./fixtures').APIRequestContext,
  project: FreshProject,
  codeId: string,
  data: Record<string, unknown>,
) {
  const response = await request.patch(`/api/v1/projects/${project.projectId}/codes/${codeId}`, {
    headers: { authorization: `Bearer ${project.token}` },
    data,
  });
  expect(response.ok()).toBe(true);
}

test('a learner who re-opens their own link is told they activated it, and when; someone else is told it was used', async ({
  browser,
  request,
}) => {
  const project = await freshProject(request, 'Activation');
  const [code] = await makeCodes(request, project);
  const learner = await learnerPage(browser);
  await learner.goto(`/activate/${project.slug}/${code!.display}`);

  // Field errors read as sentences, never as class-validator text.
  await learner.getByLabel('Your name').fill('Ada Lovelace');
  await learner.getByLabel('Your email').fill('not-an-email');
  await learner.getByRole('button', { name: 'Activate' }).click();
  await expect(learner.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(learner.locator('body')).not.toContainText('must be an email');

  await learner.getByLabel('Your email').fill(`ada-${Date.now()}@example.com`);
  await learner.getByRole('button', { name: 'Activate' }).click();
  await expect(learner.getByTestId('activation-success')).toContainText('Your access is ready');

  await learner.reload();
  const alert = learner.getByRole('alert');
  await expect(alert).toContainText('You have already activated this code');
  await expect(alert).toContainText(/You activated it on \w+ \d+, \d{4}/);
  await expect(alert).not.toContainText('We could not find this code');
  await shoot(learner, 'activation-activated-by-you');

  const someoneElse = await learnerPage(browser);
  await someoneElse.goto(`/activate/${project.slug}/${code!.display}`);
  await expect(someoneElse.getByRole('alert')).toContainText('This code was used by someone else');
  await expect(someoneElse.getByTestId('refusal-next')).toContainText(
    'Ask whoever gave you the code for a new code',
  );
  await shoot(someoneElse, 'activation-used-by-someone-else');
});

test('deactivated, not yet valid, expired and used-up codes each say why, with the date and what to do next', async ({
  browser,
  request,
}) => {
  const project = await freshProject(request, 'Refusals');
  const [off, early, late] = await makeCodes(request, project, { count: 3 });
  const [limited] = await makeCodes(request, project, { usageType: 'multiple', maxRedemptions: 1 });
  const headers = { authorization: `Bearer ${project.token}` };
  expect(
    (
      await request.post(`/api/v1/projects/${project.projectId}/codes/${off!.id}/deactivate`, { headers })
    ).ok(),
  ).toBe(true);
  await patchCode(request, project, early!.id, { validFrom: '2031-03-04T10:00:00.000Z' });
  await patchCode(request, project, late!.id, {
    validFrom: '2020-01-01T00:00:00.000Z',
    validTill: '2021-05-06T10:00:00.000Z',
  });
  const used = await request.post(`/api/v1/public/${project.slug}/redemptions`, {
    data: { code: limited!.code, name: 'First', email: `first-${Date.now()}@example.com` },
  });
  expect(used.status()).toBe(201);

  const learner = await learnerPage(browser);
  const cases: [string, string, RegExp, string][] = [
    [off!.display, 'This code has been deactivated', /switched off/, 'activation-deactivated'],
    [
      early!.display,
      'This code is not valid yet',
      /It can be activated from Mar \d, 2031/,
      'activation-not-yet-valid',
    ],
    [
      late!.display,
      'This code has expired',
      /It could be activated until May \d, 2021/,
      'activation-expired',
    ],
    [
      limited!.display,
      'This code has reached its limit',
      /activated 1 time, the most it allows/,
      'activation-limit-reached',
    ],
  ];
  for (const [display, title, detail, shot] of cases) {
    await learner.goto(`/activate/${project.slug}/${display}`);
    const alert = learner.getByRole('alert');
    await expect(alert).toContainText(title);
    await expect(alert).toContainText(detail);
    await expect(learner.getByTestId('refusal-next')).not.toBeEmpty();
    await expect(alert).not.toContainText('We could not find this code');
    await shoot(learner, shot);
  }
});
