import { beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '@/test/fake-fetch';
import { emptyAccessCodesRoutes } from '@/test/fixtures';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

describe('ProjectDashboardPage', () => {
  beforeEach(() => signInAs());

  it('lists Access codes under Sales and opens the Access codes page', async () => {
    const { wrapper, router } = await renderConsole('/projects/p-demo', {
      'GET /api/v1/projects/p-demo': { body: makeProject() },
      ...emptyAccessCodesRoutes(),
    });

    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Demo project'));
    const sales = wrapper.findAll('.service-group').find((g) => g.get('h3').text() === 'Sales');
    expect(sales?.text()).toContain('Access codes');
    expect(wrapper.get('.topbar').text()).toContain('Demo project');
    expect(wrapper.text()).toContain('XXXX-XXXX-XXXX');

    await sales!.get('a').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('access-codes'));
    await vi.waitFor(() => expect(wrapper.text()).toContain('No access codes yet'));
  });

  it('shows the project navigation with Sales and Settings groups', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo', {
      'GET /api/v1/projects/p-demo': { body: makeProject() },
    });

    await vi.waitFor(() => expect(wrapper.find('nav[aria-label="Project"]').exists()).toBe(true));
    const nav = wrapper.get('nav[aria-label="Project"]').text();
    expect(nav).toMatch(
      /Sales\s*Access codes\s*Redemptions\s*Settings\s*Products\s*Members\s*API keys\s*Webhooks\s*Project settings/,
    );
  });

  it("answers a project the user cannot see with 'Project not found'", async () => {
    const { wrapper } = await renderConsole('/projects/p-other', {
      'GET /api/v1/projects/p-other': problem(404, 'not_found', 'Project not found.'),
    });

    await vi.waitFor(() => expect(wrapper.text()).toContain('Project not found'));
  });
});
