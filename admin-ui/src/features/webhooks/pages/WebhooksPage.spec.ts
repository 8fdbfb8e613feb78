import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Webhook, WebhookDelivery } from '@/app/api-types';
import { PROJECT } from '@/test/fixtures';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

const HOOKS = `${PROJECT}/webhooks`;
const SECRET = 'whsec_only-shown-once';

const hook: Webhook = {
  id: 'wh-1',
  url: 'https://lms.example.com/hooks/admit',
  events: ['code.redeemed'],
  active: true,
  createdAt: '2026-03-01T10:00:00Z',
};

const delivery: WebhookDelivery = {
  id: 'd-1',
  webhookId: 'wh-1',
  eventId: 'e-1',
  event: 'code.redeemed',
  subject: { type: 'code', id: 'r-1', code: 'ABCD2345EFGH', learnerExternalId: 'ada' },
  status: 'failed',
  attempts: 5,
  lastStatusCode: 503,
  lastError: 'HTTP 503',
  lastAttemptAt: '2026-03-01T11:00:00Z',
  deliveredAt: null,
  createdAt: '2026-03-01T10:30:00Z',
};

describe('WebhooksPage', () => {
  beforeEach(() => signInAs());

  it('adds a webhook and shows its signing secret once', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/webhooks', {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`GET ${HOOKS}`]: { body: { items: [], nextCursor: null } },
      [`POST ${HOOKS}`]: {
        status: 201,
        body: { ...hook, events: ['code.redeemed', 'batch.completed'], secret: SECRET },
      },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('No webhooks yet'));
    await wrapper.get('input[name="url"]').setValue(hook.url);
    await wrapper.get('input[value="batch.completed"]').setValue(true);
    fake.routes[`GET ${HOOKS}`] = { body: { items: [hook], nextCursor: null } };
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fake.callsTo('POST', HOOKS)[0]!.body).toEqual({
      url: hook.url,
      events: ['code.redeemed', 'batch.completed'],
    });
    expect((wrapper.get('[data-testid="webhook-secret"]').element as HTMLTextAreaElement).value).toBe(SECRET);
    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'I have stored it')!
      .trigger('click');
    await flushPromises();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('lists the deliveries of a webhook and deletes it after confirming', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/webhooks', {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`GET ${HOOKS}`]: { body: { items: [hook], nextCursor: null } },
      [`GET ${HOOKS}/wh-1/deliveries`]: { body: { items: [delivery], nextCursor: null } },
      [`DELETE ${HOOKS}/wh-1`]: { status: 204 },
    });
    await vi.waitFor(() => expect(wrapper.find('.webhook-card').exists()).toBe(true));
    const card = wrapper.get('.webhook-card');
    await card
      .findAll('button')
      .find((b) => b.text() === 'Deliveries')!
      .trigger('click');
    await vi.waitFor(() => expect(card.find('.deliveries tbody tr').exists()).toBe(true));
    const row = card.get('.deliveries tbody tr').text();
    expect(row).toContain('Failed');
    expect(row).toContain('Code ABCD2345EFGH · ada');
    expect(card.get('[data-testid="delivery-subject"] a').attributes('href')).toBe(
      '/projects/p-demo/redemptions?q=ABCD2345EFGH',
    );
    expect(row).toContain('503');
    expect(row).toContain('5');

    await card
      .findAll('button')
      .find((b) => b.text().startsWith('Delete'))!
      .trigger('click');
    await flushPromises();
    expect(fake.callsTo('DELETE', `${HOOKS}/wh-1`)).toHaveLength(0);
    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'Delete webhook')!
      .trigger('click');
    await flushPromises();
    expect(fake.callsTo('DELETE', `${HOOKS}/wh-1`)).toHaveLength(1);
  });

  it('tells support staff that admins manage webhooks, without asking the API', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/webhooks', {
      [`GET ${PROJECT}`]: { body: makeProject({ role: 'support' }) },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('Webhooks are managed by admins'));
    expect(fake.callsTo('GET', HOOKS)).toHaveLength(0);
    expect(wrapper.get('nav[aria-label="Project"]').text()).not.toContain('Webhooks');
  });
});
