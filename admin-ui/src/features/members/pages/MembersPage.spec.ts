import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Member } from '@/app/api-types';
import { problem } from '@/test/fake-fetch';
import { makeProject, owner, renderConsole, signInAs } from '@/test/render-console';

const MEMBERS = '/api/v1/projects/p-demo/members';

const me: Member = {
  userId: owner.id,
  email: owner.email,
  name: owner.name,
  role: 'owner',
  createdAt: '2026-01-01T00:00:00Z',
};
const sam: Member = {
  userId: 'u-sam',
  email: 'sam@example.com',
  name: 'Sam Support',
  role: 'support',
  createdAt: '2026-01-05T00:00:00Z',
};

describe('MembersPage', () => {
  beforeEach(() => signInAs());

  it('adds a member and shows a short password next to the password field', async () => {
    let posts = 0;
    const { wrapper, fake } = await renderConsole('/projects/p-demo/members', {
      'GET /api/v1/projects/p-demo': { body: makeProject() },
      [`GET ${MEMBERS}`]: { body: { items: [me] } },
      [`POST ${MEMBERS}`]: () =>
        ++posts === 1
          ? problem(400, 'validation_failed', 'Use at least 12 characters', [
              { field: 'password', code: 'too_short', message: 'Use at least 12 characters' },
            ])
          : { status: 201, body: { ...sam, role: 'admin' } },
    });
    await vi.waitFor(() => expect(wrapper.find('input[name="email"]').exists()).toBe(true));

    await wrapper.get('input[name="email"]').setValue('sam@example.com');
    await wrapper.get('input[name="name"]').setValue('Sam Support');
    await wrapper.get('input[name="password"]').setValue('short');
    await wrapper.get('select[name="role"]').setValue('admin');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    const password = wrapper.get('input[name="password"]');
    expect(password.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('form').text()).toContain('Use at least 12 characters');
    expect(fake.callsTo('POST', MEMBERS)[0]?.body).toEqual({
      email: 'sam@example.com',
      name: 'Sam Support',
      password: 'short',
      role: 'admin',
    });

    await password.setValue('long-enough');
    fake.routes[`GET ${MEMBERS}`] = { body: { items: [me, { ...sam, role: 'admin' }] } };
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(2));
    expect(wrapper.get('[role="status"]').text()).toContain('sam@example.com was added');
  });

  it('changes a role and asks before removing a member', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/members', {
      'GET /api/v1/projects/p-demo': { body: makeProject() },
      [`GET ${MEMBERS}`]: { body: { items: [me, sam] } },
      [`PATCH ${MEMBERS}/u-sam`]: { body: { ...sam, role: 'admin' } },
      [`DELETE ${MEMBERS}/u-sam`]: { status: 204 },
    });
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(2));
    const [myRow, samRow] = wrapper.findAll('tbody tr');

    // Nobody demotes or removes themselves by accident.
    expect(myRow!.find('select').exists()).toBe(false);
    expect(myRow!.find('button').exists()).toBe(false);

    await samRow!.get('select').setValue('admin');
    await flushPromises();
    expect(fake.callsTo('PATCH', `${MEMBERS}/u-sam`)[0]?.body).toEqual({ role: 'admin' });

    await samRow!.get('button').trigger('click');
    await flushPromises();
    expect(wrapper.get('dialog[open]').text()).toContain('sam@example.com');
    expect(fake.callsTo('DELETE', `${MEMBERS}/u-sam`)).toHaveLength(0);
    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'Remove member')!
      .trigger('click');
    await flushPromises();
    expect(fake.callsTo('DELETE', `${MEMBERS}/u-sam`)).toHaveLength(1);
  });

  it('shows the server refusal inside the confirm dialog', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/members', {
      'GET /api/v1/projects/p-demo': { body: makeProject() },
      [`GET ${MEMBERS}`]: { body: { items: [me, sam] } },
      [`DELETE ${MEMBERS}/u-sam`]: problem(409, 'conflict', 'A project keeps at least one owner.'),
    });
    await vi.waitFor(() => expect(wrapper.findAll('tbody tr')).toHaveLength(2));

    await wrapper.findAll('tbody tr')[1]!.get('button').trigger('click');
    await flushPromises();
    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'Remove member')!
      .trigger('click');
    await flushPromises();

    expect(wrapper.get('dialog[open] [role="alert"]').text()).toContain(
      'A project keeps at least one owner.',
    );
  });
});
