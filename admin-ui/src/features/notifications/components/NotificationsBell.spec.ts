import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTIFICATIONS_POLL_MS } from '../api';
import { problem } from '@/test/fake-fetch';
import { renderConsole, signInAs } from '@/test/render-console';

const batchDone = {
  id: 'n-1',
  type: 'batch.completed',
  title: '500 access codes generated',
  body: 'Demo course · Monthly',
  link: '/projects/p-demo/access-codes',
  createdAt: '2026-01-03T10:00:00Z',
  readAt: null,
};

describe('NotificationsBell', () => {
  beforeEach(() => signInAs());
  afterEach(() => vi.useRealTimers());

  it('shows the unread count and the notifications with View Results', async () => {
    const { wrapper, fake } = await renderConsole('/projects', {
      'GET /api/v1/projects': { body: { items: [] } },
      'GET /api/v1/notifications': { body: { items: [batchDone], unreadCount: 1 } },
      'POST /api/v1/notifications/n-1/read': { status: 204 },
    });

    await vi.waitFor(() => expect(wrapper.find('[data-testid="notifications-count"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="notifications-count"]').text()).toBe('1');
    expect(fake.callsTo('GET', '/api/v1/notifications')[0]?.query.get('unread')).toBe('true');
    const bell = wrapper.get('button[aria-controls="notifications-panel"]');
    expect(bell.attributes('aria-label')).toBe('Notifications, 1 unread');

    await bell.trigger('click');
    const panel = wrapper.get('#notifications-panel');
    expect(panel.text()).toContain('500 access codes generated');
    const view = panel.findAll('a').find((a) => a.text() === 'View Results');
    expect(view?.attributes('href')).toBe('/projects/p-demo/access-codes');

    await panel
      .findAll('button')
      .find((b) => b.text() === 'Mark as read')!
      .trigger('click');
    await flushPromises();
    expect(fake.callsTo('POST', '/api/v1/notifications/n-1/read')).toHaveLength(1);
  });

  it('polls for new notifications every 15 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { wrapper, fake } = await renderConsole('/projects', {
      'GET /api/v1/projects': { body: { items: [] } },
      'GET /api/v1/notifications': { body: { items: [], unreadCount: 0 } },
    });
    await vi.waitFor(() => expect(fake.callsTo('GET', '/api/v1/notifications')).toHaveLength(1));
    expect(wrapper.find('[data-testid="notifications-count"]').exists()).toBe(false);

    fake.routes['GET /api/v1/notifications'] = { body: { items: [batchDone], unreadCount: 3 } };
    await vi.advanceTimersByTimeAsync(NOTIFICATIONS_POLL_MS);
    await flushPromises();

    expect(fake.callsTo('GET', '/api/v1/notifications')).toHaveLength(2);
    await vi.waitFor(() => expect(wrapper.get('[data-testid="notifications-count"]').text()).toBe('3'));
  });

  it('tolerates a backend without notifications (404)', async () => {
    const { wrapper } = await renderConsole('/projects', {
      'GET /api/v1/projects': { body: { items: [] } },
      'GET /api/v1/notifications': problem(404, 'not_found', 'No route GET /api/v1/notifications'),
    });
    await flushPromises();

    await wrapper.get('button[aria-controls="notifications-panel"]').trigger('click');
    expect(wrapper.find('[data-testid="notifications-count"]').exists()).toBe(false);
    expect(wrapper.get('#notifications-panel').text()).toContain('not available yet');
    expect(wrapper.find('#notifications-panel [role="alert"]').exists()).toBe(false);
  });
});
