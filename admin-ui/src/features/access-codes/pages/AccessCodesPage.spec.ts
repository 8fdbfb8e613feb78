import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessCode } from '@/app/api-types';
import { emptyAccessCodesRoutes, makeBatch, makeCode, PROJECT } from '@/test/fixtures';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

const CODES = `${PROJECT}/codes`;
const BATCH_CODES = `${PROJECT}/batches/batch-9/codes`;

function rowOf(wrapper: VueWrapper, code: AccessCode) {
  return wrapper.get(`tr[data-code="${code.display}"]`);
}

function cells(wrapper: VueWrapper, code: AccessCode): Record<string, string> {
  const headers = wrapper.findAll('.codes-table thead th').map((th) => th.text());
  const row = rowOf(wrapper, code).findAll('th, td');
  return Object.fromEntries(headers.map((h, i) => [h, row[i]!.text()]));
}

const ada = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  externalId: 'ada@example.com',
  redeemedAt: '2026-03-05T10:00:00Z',
};

const unused = makeCode();
const used = makeCode({ status: 'used', redemptionCount: 1, redeemedBy: [ada] });
const partly = makeCode({
  usageType: 'multiple',
  maxRedemptions: 5,
  redemptionCount: 2,
  status: 'used',
  redeemedBy: [ada, { ...ada, name: 'Grace', email: 'grace@example.com', externalId: 'g' }],
});
const exhausted = makeCode({
  usageType: 'multiple',
  maxRedemptions: 3,
  redemptionCount: 3,
  status: 'exhausted',
});
const unlimited = makeCode({
  usageType: 'multiple',
  maxRedemptions: null,
  redemptionCount: 7,
  status: 'used',
});
const inactiveExpired = makeCode({ active: false, expired: true, validTill: '2026-01-01T00:00:00Z' });

function routes(items: AccessCode[] = [unused, used, partly, exhausted, unlimited, inactiveExpired]) {
  return {
    [`GET ${PROJECT}`]: { body: makeProject() },
    ...emptyAccessCodesRoutes(),
    [`GET ${CODES}`]: { body: { items, nextCursor: null, counts: { all: 6, used: 4, unused: 2 } } },
  };
}

describe('AccessCodesPage', () => {
  beforeEach(() => signInAs());

  it('renders each status the way the help centre names it', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/access-codes', routes());
    await vi.waitFor(() => expect(wrapper.find('tbody').exists()).toBe(true));

    expect(wrapper.findAll('.codes-table thead th').map((th) => th.text())).toEqual([
      'Created Date',
      'Code',
      'Product',
      'Plan',
      'Valid Till',
      'Usage Type',
      'Active',
      'Status',
      'Redeemed By',
      'Actions',
    ]);
    expect(cells(wrapper, unused)).toMatchObject({ Status: 'Unused', 'Usage Type': 'Single', Active: 'Yes' });
    expect(cells(wrapper, used).Status).toBe('Used');
    expect(cells(wrapper, used)['Redeemed By']).toContain('Ada Lovelace');
    expect(cells(wrapper, used)['Redeemed By']).toContain('ada@example.com');
    expect(cells(wrapper, partly)).toMatchObject({ Status: '2 of 5', 'Usage Type': 'Multiple (up to 5)' });
    expect(cells(wrapper, partly)['Redeemed By']).toContain('+1 more');
    expect(cells(wrapper, exhausted).Status).toBe('Exhausted (3 of 3)');
    expect(cells(wrapper, unlimited)).toMatchObject({
      Status: '7 used',
      'Usage Type': 'Multiple (no limit)',
    });
    expect(cells(wrapper, inactiveExpired)).toMatchObject({ Active: 'No' });
    expect(cells(wrapper, inactiveExpired)['Valid Till']).toContain('Expired');
    expect(cells(wrapper, unused)['Valid Till']).toBe('No expiry');
    expect(rowOf(wrapper, unused).get('.code-text').text()).toBe(unused.display);
    expect(rowOf(wrapper, inactiveExpired).text()).toContain('Re-activate');

    const tabs = wrapper.findAll('[role="tab"]').map((t) => t.text().replace(/\s+/g, ' '));
    expect(tabs).toEqual(['All 6', 'Used 4', 'Unused 2']);
  });

  it('filters by the tabs, the search and the batch of the URL, with a removable chip', async () => {
    const { wrapper, fake, router } = await renderConsole('/projects/p-demo/access-codes?batchId=batch-9', {
      ...routes([unused]),
      [`GET ${BATCH_CODES}`]: { body: { items: [unused], nextCursor: null } },
      [`GET ${PROJECT}/batches/batch-9`]: {
        body: makeBatch({
          id: 'batch-9',
          requestedCount: 150,
          redeemedCount: 12,
          createdAt: '2026-03-04T09:15:00Z',
        }),
      },
    });
    await vi.waitFor(() => expect(wrapper.find('[data-testid="batch-chip"]').text()).toContain('150 codes'));
    expect(wrapper.get('[data-testid="batch-chip"]').text()).toMatch(/^Batch of .*2026.* · 12 redeemed/);
    // A batch's codes come from its own list (in the order they were made); the counts after
    // them, in a request of their own.
    const first = fake.callsTo('GET', BATCH_CODES)[0]!;
    expect(first.query.get('counts')).toBeNull();
    await vi.waitFor(() =>
      expect(
        fake
          .callsTo('GET', CODES)
          .some((c) => c.query.get('counts') === 'true' && c.query.get('batchId') === 'batch-9'),
      ).toBe(true),
    );

    await wrapper
      .findAll('[role="tab"]')
      .find((t) => t.text().startsWith('Used'))!
      .trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ batchId: 'batch-9', status: 'used' });
    await vi.waitFor(() => expect(fake.callsTo('GET', BATCH_CODES).at(-1)!.query.get('status')).toBe('used'));

    await wrapper.get('input[name="q"]').setValue('ada@example.com');
    await wrapper.get('input[name="q"]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    await vi.waitFor(() =>
      expect(fake.callsTo('GET', BATCH_CODES).at(-1)!.query.get('q')).toBe('ada@example.com'),
    );

    await wrapper.get('[data-testid="batch-chip"] button').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ status: 'used', q: 'ada@example.com' });
    expect(wrapper.find('[data-testid="batch-chip"]').exists()).toBe(false);
  });

  it('loads the next keyset page with Load more', async () => {
    const second = makeCode();
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`GET ${CODES}`]: (call) =>
        call.query.get('cursor') === 'c2'
          ? { body: { items: [second], nextCursor: null } }
          : { body: { items: [unused], nextCursor: 'c2', counts: { all: 2, used: 0, unused: 2 } } },
    });
    await vi.waitFor(() => expect(wrapper.find('tbody').exists()).toBe(true));
    expect(wrapper.text()).toContain('Showing 1 of 2');

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Load more')!
      .trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('.codes-table tbody tr')).toHaveLength(2));
    const calls = fake.callsTo('GET', CODES);
    expect(calls.at(-1)!.query.get('cursor')).toBe('c2');
    expect(calls.at(-1)!.query.get('counts')).toBeNull();
    expect(wrapper.findAll('button').some((b) => b.text() === 'Load more')).toBe(false);
  });

  it('asks before deactivating a code ("x") and re-activates without asking', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes([unused, inactiveExpired]),
      [`POST ${CODES}/${unused.id}/deactivate`]: { body: { ...unused, active: false } },
      [`POST ${CODES}/${inactiveExpired.id}/activate`]: { body: { ...inactiveExpired, active: true } },
    });
    await vi.waitFor(() => expect(wrapper.find('tbody').exists()).toBe(true));

    await rowOf(wrapper, unused).get(`button[title="Deactivate ${unused.display}"]`).trigger('click');
    await flushPromises();
    expect(wrapper.get('dialog[open]').text()).toContain(`Deactivate ${unused.display}?`);
    expect(fake.callsTo('POST', `${CODES}/${unused.id}/deactivate`)).toHaveLength(0);
    await wrapper
      .findAll('dialog[open] button')
      .find((b) => b.text() === 'Deactivate')!
      .trigger('click');
    await flushPromises();
    expect(fake.callsTo('POST', `${CODES}/${unused.id}/deactivate`)).toHaveLength(1);
    expect(wrapper.find('dialog[open]').exists()).toBe(false);

    await rowOf(wrapper, inactiveExpired)
      .findAll('button')
      .find((b) => b.text().startsWith('Re-activate'))!
      .trigger('click');
    await flushPromises();
    expect(fake.callsTo('POST', `${CODES}/${inactiveExpired.id}/activate`)).toHaveLength(1);
  });

  it('edits a code and shows a taken code text next to the field', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes([partly]),
      [`PATCH ${CODES}/${partly.id}`]: {
        status: 409,
        body: {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'conflict',
          detail: 'Another code in this project already has this text',
          errors: [
            { field: 'code', code: 'taken', message: 'Another code in this project already has this text' },
          ],
        },
      },
    });
    await vi.waitFor(() => expect(wrapper.find('tbody').exists()).toBe(true));
    await rowOf(wrapper, partly).get(`button[title="Edit ${partly.display}"]`).trigger('click');
    await flushPromises();

    const form = wrapper.get('#edit-code-form');
    expect((form.get('input[name="maxRedemptions"]').element as HTMLInputElement).value).toBe('5');
    await form.get('input[name="code"]').setValue('SPRING-2026');
    await form.get('input[name="maxRedemptions"]').setValue('10');
    await form.trigger('submit');
    await flushPromises();

    expect(fake.callsTo('PATCH', `${CODES}/${partly.id}`)[0]!.body).toEqual({
      code: 'SPRING-2026',
      maxRedemptions: 10,
    });
    const field = wrapper.get('input[name="code"]').element.closest('.field')!;
    expect(field.querySelector('.field-error')?.textContent).toBe(
      'Another code in this project already has this text.',
    );
  });

  it('offers support staff details only, no edit or deactivate', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes([unused]),
      [`GET ${PROJECT}`]: { body: makeProject({ role: 'support' }) },
    });
    await vi.waitFor(() => expect(wrapper.find('tbody').exists()).toBe(true));
    const actions = rowOf(wrapper, unused).get('.cell-actions');
    expect(actions.find('button').exists()).toBe(false);
    expect(actions.get('a').text()).toContain('Details');
  });

  it('says when nothing matches, and offers to clear the filters', async () => {
    const { wrapper, router } = await renderConsole('/projects/p-demo/access-codes?q=nobody', {
      ...routes([]),
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('No codes match'));
    await wrapper
      .findAll('.empty-state button')
      .find((b) => b.text() === 'Clear filters')!
      .trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
  });
});
