import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '@/test/fake-fetch';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

const PROJECT = '/api/v1/projects/p-demo';
const COUNTS = {
  'GET /api/v1/projects/p-demo/codes': {
    body: { items: [], nextCursor: null, counts: { all: 0, used: 0, unused: 0 } },
  },
};

describe('ProjectSettingsPage', () => {
  beforeEach(() => signInAs());

  it('saves the cap, the threshold and a prefix + random default, with the guard and an example live', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/settings', {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`PATCH ${PROJECT}`]: (call) => ({
        body: makeProject({
          settings: { ...makeProject().settings, ...(call.body as { settings: object }).settings },
        }),
      }),
      ...COUNTS,
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="maxBatchSize"]').exists()).toBe(true));
    expect(wrapper.text()).toContain('up to 10,000,000 on this server');
    await wrapper.get('input[name="maxBatchSize"]').setValue('5000');
    await wrapper.get('input[name="length"]').setValue('6');
    expect(wrapper.get('[data-testid="entropy-guard"]').text()).toContain('too easy to guess');
    await wrapper.get('input[name="length"]').setValue('12');
    expect(wrapper.get('[data-testid="entropy-guard"]').text()).toContain('Hard to guess: 60 bits');

    await wrapper.get('input[name="kind"][value="prefixed"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('input[name="prefix"]').element.closest('.field')!.textContent).toContain(
      'Enter a prefix, e.g. MATHS.',
    );
    expect(fake.callsTo('PATCH', PROJECT)).toHaveLength(0);
    await wrapper.get('input[name="prefix"]').setValue('maths');
    expect(wrapper.find('.field-error').exists()).toBe(false);
    expect(wrapper.get('[data-testid="format-preview"]').text()).toMatch(
      /^MATHS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/,
    );

    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.callsTo('PATCH', PROJECT)[0]!.body).toEqual({
      settings: {
        bulkThreshold: 150,
        maxBatchSize: 5000,
        codeFormat: { kind: 'prefixed', prefix: 'maths', length: 12, groupSize: 4, checkChar: false },
      },
    });
    expect(wrapper.get('[data-testid="settings-saved"]').text()).toBe('Settings saved.');
  });

  it('puts the server’s refusal of a setting next to it, as a sentence', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/settings', {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`PATCH ${PROJECT}`]: problem(400, 'validation_failed', 'Invalid request: check settings', [
        {
          field: 'settings.bulkThreshold',
          code: 'too_small',
          message: 'bulkThreshold must not be less than 1',
        },
      ]),
      ...COUNTS,
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="bulkThreshold"]').exists()).toBe(true));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const field = wrapper.get('input[name="bulkThreshold"]').element.closest('.field')!;
    expect(field.querySelector('.field-error')?.textContent).toBe('Use 1 or more.');
    expect(wrapper.text()).not.toContain('must not be less than');
    expect(wrapper.text()).not.toContain('Invalid request');
  });

  it('shows support members the settings read-only, and no API keys in the navigation', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/settings', {
      [`GET ${PROJECT}`]: { body: makeProject({ role: 'support' }) },
      ...COUNTS,
    });
    await vi.waitFor(() => expect(wrapper.find('[data-testid="read-only-note"]').exists()).toBe(true));
    expect(wrapper.get('input[name="maxBatchSize"]').element.closest('fieldset')!.disabled).toBe(true);
    expect(wrapper.find('button[type="submit"]').exists()).toBe(false);
    const nav = wrapper.get('nav[aria-label="Project"]');
    expect(nav.text()).not.toContain('API keys');
    expect(nav.text()).not.toContain('Webhooks');
    expect(nav.text()).toMatch(/Products\s*read-only/);
    expect(fake.callsTo('GET', `${PROJECT}/api-keys`)).toHaveLength(0);
  });
});
