import { expect, test } from './fixtures';
import { demoProject, generateCodes, openAccessCodes } from './helpers';

test('a learner activates a code from the email link; the console shows it used', async ({
  browser,
  page,
  request,
}, testInfo) => {
  const [code] = await generateCodes(request, await demoProject(request), 1);
  const email = `learner-${Date.now()}@example.com`;

  // The learner: a fresh browser context, never logged in.
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await learner.goto(`/activate/demo/${code}`);
  await expect(learner.getByRole('heading', { name: 'Activate Demo course' })).toBeVisible();
  await expect(learner.getByText('Monthly · 30 days of access')).toBeVisible();
  await expect(learner.getByRole('link', { name: 'Log in' })).toHaveCount(0);
  await learner.getByLabel('Your name').fill('Ada Lovelace');
  await learner.getByLabel('Your email').fill(email);
  await learner.screenshot({ path: testInfo.outputPath('activation-form.png'), fullPage: true });
  await learner.getByRole('button', { name: 'Activate' }).click();
  await expect(learner.getByTestId('activation-success')).toContainText('Your access is ready');
  await expect(learner.getByTestId('access-until')).toContainText(/^until /);
  await learner.screenshot({ path: testInfo.outputPath('activation-success.png'), fullPage: true });

  // The same link again: the learner is told they activated it themselves.
  await learner.reload();
  await expect(learner.getByRole('alert')).toContainText('You have already activated this code');
  await learnerContext.close();

  await openAccessCodes(page);
  await page.getByRole('tab', { name: /^Used/ }).click();
  const row = page.locator(`tr[data-code="${code}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Used');
  await expect(row).toContainText('Ada Lovelace');
  await expect(row).toContainText(email);
});
