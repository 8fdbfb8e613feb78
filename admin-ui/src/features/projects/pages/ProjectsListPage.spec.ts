import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '@/test/fake-fetch';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

describe('ProjectsListPage', () => {
  beforeEach(() => signInAs());

  it('says there are no projects yet when the list is empty', async () => {
    const { wrapper } = await renderConsole('/projects', {
      'GET /api/v1/projects': { body: { items: [] } },
    });

    await vi.waitFor(() => expect(wrapper.text()).toContain('No projects yet'));
    expect(wrapper.find('table').exists()).toBe(false);
  });

  it('lists each project with a link to its dashboard', async () => {
    const { wrapper, router } = await renderConsole('/projects', {
      'GET /api/v1/projects': {
        body: {
          items: [
            makeProject(),
            makeProject({ id: 'p-2', slug: 'maths', name: 'Maths course', role: 'support' }),
          ],
        },
      },
      'GET /api/v1/projects/p-2': { body: makeProject({ id: 'p-2', slug: 'maths', name: 'Maths course' }) },
    });

    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(2));
    const headers = wrapper.findAll('thead th').map((th) => th.text());
    expect(headers).toEqual(['Name', 'Slug', 'Your role']);
    const second = wrapper.findAll('tbody tr')[1]!;
    expect(second.text()).toContain('maths');
    expect(second.text()).toContain('Support');
    expect(wrapper.text()).not.toContain('No projects yet');

    await second.get('a').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/projects/p-2'));
  });

  it('creates a project and shows a slug conflict next to the slug field', async () => {
    let attempts = 0;
    const { wrapper, fake, router } = await renderConsole('/projects', {
      'GET /api/v1/projects': { body: { items: [] } },
      'POST /api/v1/projects': () =>
        ++attempts === 1
          ? problem(409, 'conflict', 'A project with this slug exists.', [
              { field: 'slug', code: 'taken', message: 'slug "demo" is taken' },
            ])
          : { status: 201, body: makeProject({ id: 'p-new', slug: 'demo-2', name: 'Demo' }) },
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="name"]').exists()).toBe(true));

    await wrapper.get('input[name="name"]').setValue('Demo');
    await wrapper.get('input[name="slug"]').setValue('demo');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    const slug = wrapper.get('input[name="slug"]');
    expect(slug.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`[id="${slug.attributes('aria-describedby')!.split(' ').pop()}"]`).text()).toBe(
      'This short name is taken. Choose another.',
    );
    expect(fake.callsTo('POST', '/api/v1/projects')[0]?.body).toEqual({ name: 'Demo', slug: 'demo' });

    await slug.setValue('');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    // An empty slug is left out, so the server derives it from the name.
    expect(fake.callsTo('POST', '/api/v1/projects')[1]?.body).toEqual({ name: 'Demo' });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/projects/p-new'));
  });
});
