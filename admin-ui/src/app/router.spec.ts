import { describe, expect, it, vi } from 'vitest';
import { problem } from '@/test/fake-fetch';
import { renderConsole, signInAs } from '@/test/render-console';
import { session } from '@/stores/session';
import { safeRedirect } from './router';

describe('console routing', () => {
  it('sends a visitor without a session from / to the login page', async () => {
    const { router, wrapper } = await renderConsole('/');

    expect(router.currentRoute.value.name).toBe('login');
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Log in to the console'));
  });

  it('treats an expired session as none', async () => {
    session.signIn({
      accessToken: 'old',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
      user: { id: 'u', email: 'u@x.y', name: 'U' },
    });
    const { router } = await renderConsole('/projects');

    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/projects');
  });

  it('goes back to login, keeping the place, when the API answers 401', async () => {
    signInAs();
    const { router } = await renderConsole('/projects/p-demo/api-keys', {
      'GET /api/v1/projects/p-demo': problem(401, 'unauthorized', 'The session has ended.'),
      'GET /api/v1/projects/p-demo/api-keys': problem(401, 'unauthorized', 'The session has ended.'),
    });

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(router.currentRoute.value.query.redirect).toBe('/projects/p-demo/api-keys');
    expect(session.isAuthenticated.value).toBe(false);
    expect(localStorage.getItem('admit.session')).toBeNull();
  });

  it('logs out from the user menu', async () => {
    signInAs();
    const { router, wrapper, fake } = await renderConsole('/projects', {
      'GET /api/v1/projects': { body: { items: [] } },
      'POST /api/v1/auth/logout': { status: 204 },
    });
    await vi.waitFor(() =>
      expect(wrapper.find('button[aria-controls="user-menu-panel"]').exists()).toBe(true),
    );

    await wrapper.get('button[aria-controls="user-menu-panel"]').trigger('click');
    await wrapper
      .findAll('#user-menu-panel button')
      .find((b) => b.text() === 'Log out')!
      .trigger('click');

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    const logout = fake.callsTo('POST', '/api/v1/auth/logout')[0];
    expect(logout?.headers.get('x-requested-with')).toBe('admit-console');
    expect(logout?.headers.get('authorization')).toBeNull();
    expect(session.isAuthenticated.value).toBe(false);
  });

  it('follows only same-site paths after login', () => {
    expect(safeRedirect('/projects/p1')).toBe('/projects/p1');
    expect(safeRedirect('//evil.example')).toBe('/projects');
    expect(safeRedirect('https://evil.example')).toBe('/projects');
    expect(safeRedirect(undefined)).toBe('/projects');
  });
});
