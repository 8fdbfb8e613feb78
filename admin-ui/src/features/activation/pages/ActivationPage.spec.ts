import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublicCode, Redemption } from '@/app/api-types';
import { problem, type Route } from '@/test/fake-fetch';
import { renderConsole } from '@/test/render-console';
import { session } from '@/stores/session';

const PUBLIC = '/api/v1/public/demo';
const CODE = '7K2QM3XA9PTR';

const publicCode: PublicCode = {
  code: CODE,
  display: '7K2Q-M3XA-9PTR',
  projectName: 'Demo project',
  productName: 'Demo course',
  planName: 'Monthly',
  accessDays: 30,
};

function redemption(overrides: Partial<Redemption> = {}): Redemption {
  return {
    id: 'r-1',
    code: CODE,
    product: { id: 'prod-1', name: 'Demo course' },
    plan: { id: 'plan-1', name: 'Monthly', accessDays: 30 },
    learner: { externalId: 'ada@example.com', email: 'ada@example.com', name: 'Ada' },
    channel: 'activation_page',
    accessUntil: '2026-04-03T10:00:00Z',
    redeemedAt: '2026-03-04T10:00:00Z',
    revokedAt: null,
    revokeReason: null,
    ...overrides,
  };
}

async function open(path: string, routes: Record<string, Route>) {
  const result = await renderConsole(path, routes);
  await flushPromises();
  return result;
}

async function fillAndActivate(wrapper: VueWrapper) {
  await wrapper.get('input[name="name"]').setValue('Ada');
  await wrapper.get('input[name="email"]').setValue('ada@example.com');
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('ActivationPage', () => {
  afterEach(() => vi.useRealTimers());

  it('opens without a session and without the console shell', async () => {
    const { wrapper, router } = await open(`/activate/demo/${CODE}`, {
      [`GET ${PUBLIC}/codes/${CODE}`]: { body: publicCode },
    });
    expect(session.isAuthenticated.value).toBe(false);
    expect(router.currentRoute.value.name).toBe('activate');
    await vi.waitFor(() => expect(wrapper.get('h1').text()).toBe('Activate Demo course'));
    expect(wrapper.find('.topbar').exists()).toBe(false);
    expect(wrapper.text()).toContain('Monthly · 30 days of access');
    expect(wrapper.get('[data-testid="activation-code"]').text()).toBe('7K2Q-M3XA-9PTR');
  });

  it('activates with name and email and says until when', async () => {
    const { wrapper, fake } = await open(`/activate/demo/${CODE}`, {
      [`GET ${PUBLIC}/codes/${CODE}`]: { body: publicCode },
      [`POST ${PUBLIC}/redemptions`]: { status: 201, body: { redemption: redemption() } },
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="name"]').exists()).toBe(true));
    await fillAndActivate(wrapper);

    expect(fake.callsTo('POST', `${PUBLIC}/redemptions`)[0]!.body).toEqual({
      code: CODE,
      name: 'Ada',
      email: 'ada@example.com',
    });
    const success = wrapper.get('[data-testid="activation-success"]');
    expect(success.text()).toContain('Your access is ready');
    expect(success.text()).toContain('Demo course');
    expect(wrapper.get('[data-testid="access-until"]').text()).toMatch(/^until .*2026/);
  });

  it('says "for life" for a lifetime plan', async () => {
    const { wrapper } = await open(`/activate/demo/${CODE}`, {
      [`GET ${PUBLIC}/codes/${CODE}`]: { body: { ...publicCode, planName: 'Lifetime', accessDays: null } },
      [`POST ${PUBLIC}/redemptions`]: {
        status: 201,
        body: {
          redemption: redemption({
            accessUntil: null,
            plan: { id: 'p', name: 'Lifetime', accessDays: null },
          }),
        },
      },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('lifetime access'));
    await fillAndActivate(wrapper);
    expect(wrapper.get('[data-testid="access-until"]').text()).toBe('for life');
  });

  it.each([
    ['code_not_found', 404, 'We could not find this code'],
    ['code_mistyped', 400, 'This code has a typo'],
    ['code_expired', 422, 'This code has expired'],
    ['code_not_yet_valid', 422, 'This code is not valid yet'],
  ])('explains %s in plain words', async (code, status, words) => {
    const { wrapper } = await open(`/activate/demo/${CODE}`, {
      [`GET ${PUBLIC}/codes/${CODE}`]: problem(status, code, 'server words'),
    });
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true));
    const alert = wrapper.get('[role="alert"]');
    expect(alert.attributes('data-code')).toBe(code);
    expect(alert.text()).toContain(words);
    expect(wrapper.find('input[name="email"]').exists()).toBe(false);
    expect(wrapper.find('input[name="code"]').exists()).toBe(true);
  });

  it('waits out Retry-After after too many attempts', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { wrapper } = await open(`/activate/demo/${CODE}`, {
      [`GET ${PUBLIC}/codes/${CODE}`]: { body: publicCode },
      [`POST ${PUBLIC}/redemptions`]: {
        ...problem(429, 'rate_limited', 'Too many failed attempts. Try again in 3 seconds.'),
        headers: { 'retry-after': '3' },
      },
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="name"]').exists()).toBe(true));
    await fillAndActivate(wrapper);

    expect(wrapper.get('[role="alert"]').text()).toContain('Too many attempts');
    expect(wrapper.get('[role="alert"]').text()).toContain('try again in 3 seconds');
    const submit = wrapper.get('button[type="submit"]');
    expect(submit.attributes('disabled')).toBeDefined();
    await vi.advanceTimersByTimeAsync(3100);
    await flushPromises();
    expect(submit.attributes('disabled')).toBeUndefined();
    expect(wrapper.get('[role="alert"]').text()).not.toContain('try again in');
  });

  it('tells a learner who used the code already, and shows bad fields next to them', async () => {
    let reply = problem(409, 'already_redeemed_by_learner', 'x');
    const { wrapper } = await open(`/activate/demo/${CODE}`, {
      [`GET ${PUBLIC}/codes/${CODE}`]: { body: publicCode },
      [`POST ${PUBLIC}/redemptions`]: () => reply,
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="name"]').exists()).toBe(true));
    await fillAndActivate(wrapper);
    expect(wrapper.get('[role="alert"]').text()).toContain('You have already activated this code');

    reply = problem(400, 'validation_failed', 'Invalid request', [
      { field: 'email', code: 'invalid_email', message: 'email must be an email' },
    ]);
    await fillAndActivate(wrapper);
    const field = wrapper.get('input[name="email"]').element.closest('.field')!;
    expect(field.querySelector('.field-error')?.textContent).toBe(
      'Enter an email address like name@example.com.',
    );
    expect(wrapper.text()).not.toContain('must be an email');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  it.each([
    [
      'code_inactive',
      422,
      {},
      'This code has been deactivated',
      'for a new code, or to switch this one back on',
    ],
    ['code_already_redeemed', 409, {}, 'This code was used by someone else', 'for a new code'],
    ['code_exhausted', 409, { maxRedemptions: 3 }, 'activated 3 times, the most it allows', 'for a new code'],
    [
      'code_expired',
      422,
      { validTill: '2026-01-02T10:00:00.000Z' },
      'could be activated until Jan 2, 2026',
      'new code',
    ],
    [
      'code_not_yet_valid',
      422,
      { validFrom: '2027-03-04T10:00:00.000Z' },
      'activated from Mar 4, 2027',
      'Come back then',
    ],
  ])(
    'tells the learner why %s refuses, with its date and what to do next',
    async (code, status, extra, words, next) => {
      const { wrapper } = await open(`/activate/demo/${CODE}`, {
        [`GET ${PUBLIC}/codes/${CODE}`]: {
          status,
          body: { ...problem(status, code, 'server words').body, ...extra },
        },
      });
      await vi.waitFor(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true));
      const alert = wrapper.get('[role="alert"]');
      expect(alert.text()).toContain(words);
      expect(alert.get('[data-testid="refusal-next"]').text()).toContain(next);
      expect(alert.text()).not.toContain('We could not find this code');
      expect(alert.text()).not.toContain('server words');
    },
  );

  it('tells a learner who re-opens their own link on this device that they activated it, and when', async () => {
    const { wrapper } = await open(`/activate/demo/${CODE}`, {
      [`GET ${PUBLIC}/codes/${CODE}`]: { body: publicCode },
      [`POST ${PUBLIC}/redemptions`]: {
        status: 201,
        body: { redemption: redemption({ redeemedAt: '2026-11-20T09:30:00.000Z' }) },
      },
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="name"]').exists()).toBe(true));
    await fillAndActivate(wrapper);
    expect(wrapper.find('[data-testid="activation-success"]').exists()).toBe(true);
    wrapper.unmount();

    const again = await open(`/activate/demo/${CODE}`, {
      [`GET ${PUBLIC}/codes/${CODE}`]: problem(409, 'code_already_redeemed', 'x'),
    });
    await vi.waitFor(() => expect(again.wrapper.find('[role="alert"]').exists()).toBe(true));
    expect(again.wrapper.get('[role="alert"]').text()).toContain('You activated it on Nov 20, 2026');
  });

  it('asks for the code when the link has none', async () => {
    const { wrapper, router } = await open('/activate/demo', {
      [`GET ${PUBLIC}/codes/ABCD-1234`]: { body: { ...publicCode, code: 'ABCD1234', display: 'ABCD-1234' } },
    });
    expect(wrapper.get('h1').text()).toBe('Activate your access code');
    await wrapper.get('input[name="code"]').setValue('ABCD-1234');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(router.currentRoute.value.params).toEqual({ projectSlug: 'demo', code: 'ABCD-1234' });
    await vi.waitFor(() => expect(wrapper.get('h1').text()).toBe('Activate Demo course'));
  });
});
