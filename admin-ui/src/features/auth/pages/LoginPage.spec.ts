import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { problem } from '@/test/fake-fetch';
import { makeProject, renderConsole } from '@/test/render-console';

const loginOk = {
  body: {
    accessToken: 'tok-abc',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { id: 'u1', email: 'admin@admit.local', name: 'Admin' },
  },
};

async function fillAndSubmit(
  wrapper: Awaited<ReturnType<typeof renderConsole>>['wrapper'],
  email: string,
  password: string,
) {
  await vi.waitFor(() => expect(wrapper.find('input[name="email"]').exists()).toBe(true));
  await wrapper.get('input[name="email"]').setValue(email);
  await wrapper.get('input[name="password"]').setValue(password);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('LoginPage', () => {
  it("shows the server's message when the password is wrong", async () => {
    const { wrapper, router, fake } = await renderConsole('/login', {
      'POST /api/v1/auth/login': problem(401, 'invalid_credentials', 'Wrong email or password.'),
    });

    await fillAndSubmit(wrapper, 'admin@admit.local', 'nope');

    const alert = wrapper.get('[role="alert"]');
    expect(alert.text()).toContain('Wrong email or password.');
    expect(alert.attributes('data-code')).toBe('invalid_credentials');
    expect(fake.callsTo('POST', '/api/v1/auth/login')[0]?.body).toEqual({
      email: 'admin@admit.local',
      password: 'nope',
    });
    expect((wrapper.get('input[name="password"]').element as HTMLInputElement).value).toBe('');
    expect(router.currentRoute.value.name).toBe('login');
    expect(localStorage.getItem('admit.session')).toBeNull();
  });

  it('puts validation messages next to the field they name', async () => {
    const { wrapper } = await renderConsole('/login', {
      'POST /api/v1/auth/login': problem(400, 'validation_failed', 'The request has invalid fields.', [
        { field: 'email', code: 'invalid_email', message: 'email must be an email' },
      ]),
    });

    await fillAndSubmit(wrapper, 'not-an-email', 'secret');

    const email = wrapper.get('input[name="email"]');
    expect(email.attributes('aria-invalid')).toBe('true');
    const errorId = email.attributes('aria-describedby');
    expect(errorId).toBeTruthy();
    expect(wrapper.get(`[id="${errorId}"]`).text()).toBe('Enter an email address like name@example.com.');
    expect(wrapper.get('input[name="password"]').attributes('aria-invalid')).toBe('false');
    // Shown by the field, so not repeated in the alert's list.
    expect(wrapper.get('[role="alert"]').find('li').exists()).toBe(false);
  });

  it('keeps no token in the page, sends the console header, and returns to the page the user asked for', async () => {
    const { wrapper, router, fake } = await renderConsole('/projects/p-demo/members', {
      'POST /api/v1/auth/login': loginOk,
      'GET /api/v1/projects/p-demo': { body: makeProject() },
      'GET /api/v1/projects/p-demo/members': { body: { items: [] } },
    });
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/projects/p-demo/members');

    await fillAndSubmit(wrapper, ' admin@admit.local ', 'admit-console-dev');

    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/projects/p-demo/members'));
    // The session is the server's HttpOnly cookie: the token is nowhere a page script can read.
    expect(localStorage.getItem('admit.session')).not.toContain('tok-abc');
    expect(JSON.parse(localStorage.getItem('admit.session') ?? '{}').user.email).toBeTruthy();
    expect(fake.callsTo('POST', '/api/v1/auth/login')[0]?.headers.get('x-requested-with')).toBe(
      'admit-console',
    );
    await vi.waitFor(() => expect(fake.callsTo('GET', '/api/v1/projects/p-demo/members')).toHaveLength(1));
    const members = fake.callsTo('GET', '/api/v1/projects/p-demo/members')[0];
    expect(members?.headers.get('authorization')).toBeNull();
    expect(members?.headers.get('x-requested-with')).toBe('admit-console');
  });

  it('does not follow a redirect to another site', async () => {
    const { wrapper, router } = await renderConsole('/login?redirect=//evil.example/x', {
      'POST /api/v1/auth/login': loginOk,
      'GET /api/v1/projects': { body: { items: [] } },
    });

    await fillAndSubmit(wrapper, 'admin@admit.local', 'admit-console-dev');

    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/projects'));
  });
});
