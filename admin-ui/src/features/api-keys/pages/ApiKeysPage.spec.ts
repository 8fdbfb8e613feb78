import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKey } from '@/app/api-types';
import { problem } from '@/test/fake-fetch';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

const KEYS = '/api/v1/projects/p-demo/api-keys';
const SECRET = 'admit_ab12cd34_s3cr3t-value-only-shown-once';

const existing: ApiKey = {
  id: 'k-1',
  name: 'LMS integration',
  prefix: 'admit_k1',
  scopes: ['codes:read', 'redemptions:write'],
  createdAt: '2026-01-02T10:00:00Z',
  lastUsedAt: null,
};

function routes(role: 'owner' | 'support' = 'owner') {
  return {
    'GET /api/v1/projects/p-demo': { body: makeProject({ role }) },
    [`GET ${KEYS}`]: { body: { items: [] as ApiKey[] } },
  };
}

describe('ApiKeysPage', () => {
  beforeEach(() => signInAs());

  it('shows the secret of a new key once, then never again', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/api-keys', {
      ...routes(),
      [`POST ${KEYS}`]: {
        status: 201,
        body: {
          id: 'k-2',
          name: 'Checkout',
          prefix: 'admit_ab12cd34',
          scopes: ['codes:read', 'redemptions:write'],
          createdAt: '2026-01-03T10:00:00Z',
          secret: SECRET,
        },
      },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('No API keys yet'));

    await wrapper.get('input[name="name"]').setValue('Checkout');
    await wrapper.get('input[value="redemptions:write"]').setValue(true);
    // After the create, the list answers with the new key, which has no secret.
    fake.routes[`GET ${KEYS}`] = {
      body: { items: [{ ...existing, id: 'k-2', name: 'Checkout', prefix: 'admit_ab12cd34' }] },
    };
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fake.callsTo('POST', KEYS)[0]?.body).toEqual({
      name: 'Checkout',
      scopes: ['codes:read', 'redemptions:write'],
    });
    const dialog = wrapper.get('dialog[open]');
    expect(dialog.text()).toContain('only time the secret');
    expect((wrapper.get('[data-testid="api-key-secret"]').element as HTMLTextAreaElement).value).toBe(SECRET);

    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'I have stored it')!
      .trigger('click');
    await flushPromises();

    expect((dialog.element as HTMLDialogElement).open).toBe(false);
    expect(wrapper.find('[data-testid="api-key-secret"]').exists()).toBe(false);
    await vi.waitFor(() => expect(wrapper.find('tbody').text()).toContain('Checkout'));
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('copies the secret to the clipboard', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { wrapper } = await renderConsole('/projects/p-demo/api-keys', {
      ...routes(),
      [`POST ${KEYS}`]: {
        status: 201,
        body: { ...existing, secret: SECRET },
      },
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="name"]').exists()).toBe(true));
    await wrapper.get('input[name="name"]').setValue('LMS');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'Copy secret')!
      .trigger('click');
    await flushPromises();

    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(wrapper.get('dialog[open]').text()).toContain('Copied');
    vi.unstubAllGlobals();
  });

  it('shows a missing scope next to the scopes', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/api-keys', {
      ...routes(),
      [`POST ${KEYS}`]: problem(400, 'validation_failed', 'Invalid request: check scopes', [
        { field: 'scopes', code: 'too_short', message: 'scopes must contain at least 1 elements' },
      ]),
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="name"]').exists()).toBe(true));
    await wrapper.get('input[name="name"]').setValue('Nothing');
    await wrapper.get('input[value="codes:read"]').setValue(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    const fieldset = wrapper.get('fieldset');
    expect(fieldset.get('.field-error').text()).toBe('Choose at least one permission.');
    expect(wrapper.find('dialog[open]').exists()).toBe(false);
  });

  it('asks before revoking a key and revokes only when confirmed', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/api-keys', {
      ...routes(),
      [`GET ${KEYS}`]: { body: { items: [existing] } },
      [`DELETE ${KEYS}/k-1`]: { status: 204 },
    });
    await vi.waitFor(() => expect(wrapper.find('tbody').exists()).toBe(true));
    const row = wrapper.get('tbody tr');
    expect(row.text()).toContain('admit_k1');
    expect(row.text()).toContain('Never');

    await row.get('button').trigger('click');
    await flushPromises();
    expect(wrapper.get('dialog[open]').text()).toContain('Revoke LMS integration?');
    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'Cancel')!
      .trigger('click');
    await flushPromises();
    expect(fake.callsTo('DELETE', `${KEYS}/k-1`)).toHaveLength(0);

    await row.get('button').trigger('click');
    await flushPromises();
    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'Revoke key')!
      .trigger('click');
    await flushPromises();
    expect(fake.callsTo('DELETE', `${KEYS}/k-1`)).toHaveLength(1);
    expect(wrapper.find('dialog[open]').exists()).toBe(false);
  });

  it('offers no create form or revoke button to support staff', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/api-keys', {
      ...routes('support'),
      [`GET ${KEYS}`]: { body: { items: [existing] } },
    });
    await vi.waitFor(() => expect(wrapper.find('tbody').exists()).toBe(true));

    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.find('tbody button').exists()).toBe(false);
  });
});
