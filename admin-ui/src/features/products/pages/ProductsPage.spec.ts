import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '@/test/fake-fetch';
import { makeProduct, PROJECT } from '@/test/fixtures';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

const PRODUCTS = `${PROJECT}/products`;

describe('ProductsPage', () => {
  beforeEach(() => signInAs());

  it('lists products with their plans and adds a lifetime plan', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/products', {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`GET ${PRODUCTS}`]: { body: { items: [makeProduct()], nextCursor: null } },
      [`POST ${PRODUCTS}/prod-1/plans`]: { status: 201, body: makeProduct().plans[0] },
    });
    await vi.waitFor(() => expect(wrapper.find('.product-card').exists()).toBe(true));
    expect(fake.callsTo('GET', PRODUCTS)[0]!.query.get('includeArchived')).toBe('true');
    const card = wrapper.get('.product-card');
    expect(card.text()).toContain('Monthly');
    expect(card.text()).toContain('30 days');
    expect(card.text()).toContain('Lifetime');

    await card
      .findAll('button')
      .find((b) => b.text() === 'Add plan')!
      .trigger('click');
    await card.get('input[name="planName"]').setValue('Forever');
    await card.get('input[type="radio"][value="true"]').setValue(true);
    await card.get('form').trigger('submit');
    await flushPromises();
    expect(fake.callsTo('POST', `${PRODUCTS}/prod-1/plans`)[0]!.body).toEqual({
      name: 'Forever',
      accessDays: null,
    });
  });

  it('offers "Archive instead" when a plan in use cannot be deleted (plan_in_use)', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/products', {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`GET ${PRODUCTS}`]: { body: { items: [makeProduct()], nextCursor: null } },
      [`DELETE ${PRODUCTS}/prod-1/plans/plan-monthly`]: problem(
        409,
        'plan_in_use',
        'Codes were issued on this plan: archive it instead',
      ),
      [`PATCH ${PRODUCTS}/prod-1/plans/plan-monthly`]: {
        body: { ...makeProduct().plans[0], archived: true },
      },
    });
    await vi.waitFor(() => expect(wrapper.find('.plans-table').exists()).toBe(true));
    const monthly = wrapper.findAll('.plans-table tbody tr').find((tr) => tr.text().includes('Monthly'))!;
    await monthly
      .findAll('button')
      .find((b) => b.text().startsWith('Delete'))!
      .trigger('click');
    await flushPromises();
    const button = (label: string) => wrapper.findAll('dialog[open] button').find((b) => b.text() === label);
    await button('Delete')!.trigger('click');
    await flushPromises();

    expect(wrapper.get('dialog[open] [data-code="plan_in_use"]').text()).toContain('Archive it instead');
    await button('Archive instead')!.trigger('click');
    await flushPromises();
    expect(fake.callsTo('PATCH', `${PRODUCTS}/prod-1/plans/plan-monthly`)[0]!.body).toEqual({
      archived: true,
    });
    expect(wrapper.find('dialog[open]').exists()).toBe(false);
  });
});
