import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RedemptionLogItem } from '@/app/api-types';
import { problem } from '@/test/fake-fetch';
import { PROJECT } from '@/test/fixtures';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

const LOG = `${PROJECT}/redemptions`;

const item: RedemptionLogItem = {
  id: 'r-1',
  code: '7K2QM3XA9PTR',
  display: '7K2Q-M3XA-9PTR',
  product: { id: 'prod-1', name: 'Demo course' },
  plan: { id: 'plan-1', name: 'Monthly', accessDays: 30 },
  learner: { externalId: 'learner-42', email: 'ada@example.com', name: 'Ada Lovelace' },
  channel: 'api',
  accessUntil: '2026-04-03T10:00:00Z',
  redeemedAt: '2026-03-04T10:00:00Z',
  revokedAt: null,
  revokeReason: null,
  codeId: 'code-1',
  batchId: 'batch-1',
  apiKeyName: 'LMS integration',
  ip: '203.0.113.9',
  userAgent: 'lms/1.0',
  revokedById: null,
};

describe('RedemptionsPage', () => {
  beforeEach(() => signInAs());

  it('lists who redeemed what, through which key and from where', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/redemptions', {
      [`GET ${PROJECT}`]: { body: makeProject({ role: 'support' }) },
      [`GET ${LOG}`]: { body: { items: [item], nextCursor: null } },
    });
    await vi.waitFor(() => expect(wrapper.find('tbody tr').exists()).toBe(true));
    const row = wrapper.get('tbody tr').text();
    for (const text of [
      '7K2Q-M3XA-9PTR',
      'Ada Lovelace',
      'ada@example.com',
      'id learner-42',
      'API',
      'LMS integration',
      '203.0.113.9',
    ]) {
      expect(row).toContain(text);
    }
  });

  it('searches by code, email or learner id and a range of local days', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/redemptions', {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`GET ${LOG}`]: { body: { items: [], nextCursor: null } },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('No redemptions yet'));
    await wrapper.get('input[name="q"]').setValue('ada@example.com');
    await wrapper.get('input[name="from"]').setValue('2026-03-01');
    await wrapper.get('input[name="to"]').setValue('2026-03-31');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    await vi.waitFor(() => expect(fake.callsTo('GET', LOG).at(-1)!.query.get('q')).toBe('ada@example.com'));
    const query = fake.callsTo('GET', LOG).at(-1)!.query;
    expect(query.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(query.get('to')).toBe(new Date(2026, 3, 1).toISOString());
    expect(wrapper.text()).toContain('No redemptions match');
  });

  it('revokes with a reason after confirming, and shows the revoked state', async () => {
    const revoked = { ...item, revokedAt: '2026-03-05T10:00:00Z', revokeReason: 'Wrong learner' };
    const { wrapper, fake } = await renderConsole('/projects/p-demo/redemptions', {
      [`GET ${PROJECT}`]: { body: makeProject({ role: 'support' }) },
      [`GET ${LOG}`]: { body: { items: [item], nextCursor: null } },
      [`POST ${LOG}/r-1/revoke`]: { body: { redemption: revoked } },
    });
    await vi.waitFor(() => expect(wrapper.find('tbody tr').exists()).toBe(true));
    await wrapper.get('tbody tr button').trigger('click');
    await flushPromises();

    const confirm = () =>
      wrapper
        .findAll('dialog[open] button')
        .find((b) => b.text() === 'Revoke')!
        .trigger('click');
    await confirm();
    await flushPromises();
    expect(fake.callsTo('POST', `${LOG}/r-1/revoke`)).toHaveLength(0);
    expect(wrapper.get('dialog[open] .field-error').text()).toContain('Say why');

    await wrapper.get('textarea[name="reason"]').setValue('Wrong learner');
    fake.routes[`GET ${LOG}`] = { body: { items: [revoked], nextCursor: null } };
    await confirm();
    await flushPromises();

    expect(fake.callsTo('POST', `${LOG}/r-1/revoke`)[0]!.body).toEqual({ reason: 'Wrong learner' });
    expect(wrapper.find('dialog[open]').exists()).toBe(false);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="revoked"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="revoked"]').text()).toContain('Wrong learner');
    expect(wrapper.get('[role="status"]').text()).toContain('free again');
  });

  it('shows an already revoked redemption’s conflict in the dialog', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/redemptions', {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`GET ${LOG}`]: { body: { items: [item], nextCursor: null } },
      [`POST ${LOG}/r-1/revoke`]: problem(409, 'conflict', 'This redemption has already been revoked'),
    });
    await vi.waitFor(() => expect(wrapper.find('tbody tr').exists()).toBe(true));
    await wrapper.get('tbody tr button').trigger('click');
    await wrapper.get('textarea[name="reason"]').setValue('Oops');
    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'Revoke')!
      .trigger('click');
    await flushPromises();
    expect(wrapper.get('dialog[open] [role="alert"]').text()).toContain('already been revoked');
  });
});
