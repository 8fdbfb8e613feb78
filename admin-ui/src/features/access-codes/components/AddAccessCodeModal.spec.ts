import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem, type RecordedCall } from '@/test/fake-fetch';
import { emptyAccessCodesRoutes, makeBatch, makeCode, PROJECT } from '@/test/fixtures';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

const BATCHES = `${PROJECT}/batches`;

function routes() {
  return { [`GET ${PROJECT}`]: { body: makeProject() }, ...emptyAccessCodesRoutes() };
}

async function openModal(wrapper: VueWrapper) {
  await vi.waitFor(() => expect(wrapper.text()).toContain('No access codes yet'));
  await wrapper
    .findAll('button')
    .find((b) => b.text() === 'Add access code')!
    .trigger('click');
  await flushPromises();
  const form = wrapper.get('#add-access-code-form');
  // The only product and, once chosen, its plans are offered; pick the Monthly plan.
  await vi.waitFor(() =>
    expect(form.find('select[name="planId"] option[value="plan-monthly"]').exists()).toBe(true),
  );
  await form.get('select[name="planId"]').setValue('plan-monthly');
  return form;
}

function dialogButton(wrapper: VueWrapper, label: string) {
  const button = wrapper.findAll('dialog[open] button').find((b) => b.text() === label);
  if (!button) throw new Error(`No button “${label}” in the open dialog`);
  return button;
}

describe('Add access code', () => {
  beforeEach(() => signInAs());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('generates a standard batch and offers Copy codes and Download CSV', async () => {
    const codes = [makeCode(), makeCode(), makeCode()];
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`POST ${BATCHES}`]: { status: 201, body: { batch: makeBatch(), codes } },
      [`GET ${BATCHES}/batch-1/codes.csv`]: {
        text: `Created Date,Code\n${codes.map((c) => `2026-03-04T09:15:00Z,${c.display}`).join('\n')}\n`,
        headers: { 'content-disposition': 'attachment; filename="batch-batch-1.csv"' },
      },
    });
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const createObjectURL = vi.fn((blob: Blob) => {
      void blob;
      return 'blob:csv';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

    const form = await openModal(wrapper);
    await form.get('input[name="count"]').setValue('3');
    await form.trigger('submit');
    await flushPromises();

    const post = fake.callsTo('POST', BATCHES)[0]!;
    expect(post.body).toEqual({
      productId: 'prod-1',
      planId: 'plan-monthly',
      count: 3,
      usageType: 'single',
      format: { kind: 'random', checkChar: false },
      notify: false,
    });
    expect(post.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);

    const dialog = wrapper.get('dialog[open]');
    expect(dialog.get('h2').text()).toBe('Generated 3 access codes');
    const listed = (wrapper.get('[data-testid="generated-codes"]').element as HTMLTextAreaElement).value;
    expect(listed.split('\n')).toEqual(codes.map((c) => c.display));

    await dialogButton(wrapper, 'Copy codes').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(codes.map((c) => c.display).join('\n'));

    await dialogButton(wrapper, 'Download CSV').trigger('click');
    await vi.waitFor(() => expect(click).toHaveBeenCalled());
    const csv = fake.callsTo('GET', `${BATCHES}/batch-1/codes.csv`)[0]!;
    expect(csv.headers.get('x-requested-with')).toBe('admit-console');
    const blob = createObjectURL.mock.calls[0]![0];
    expect((await blob.text()).trim().split('\n')).toHaveLength(4);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('batch-batch-1.csv');
  });

  it('runs a bulk batch in the background with a live progress bar and View', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const queued = makeBatch({
      id: 'batch-bulk',
      mode: 'bulk',
      status: 'queued',
      requestedCount: 500,
      generatedCount: 0,
    });
    const states = [
      { ...queued, status: 'running' as const, generatedCount: 200 },
      { ...queued, status: 'completed' as const, generatedCount: 500 },
    ];
    const { wrapper, router, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`POST ${BATCHES}`]: { status: 202, body: { batch: queued } },
      [`GET ${BATCHES}/batch-bulk`]: () => ({ body: states.length > 1 ? states.shift() : states[0] }),
    });

    const form = await openModal(wrapper);
    await form.get('input[name="count"]').setValue('500');
    expect(wrapper.get('[data-testid="bulk-hint"]').text()).toContain('bulk batch');
    await form.trigger('submit');
    await flushPromises();

    const dialog = wrapper.get('dialog[open]');
    expect(dialog.get('h2').text()).toBe("You'll be notified once generated");
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="batch-progress-text"]').text()).toBe('200 of 500 generated'),
    );
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('200');
    expect(dialog.findAll('button').some((b) => b.text() === 'View')).toBe(false);

    await vi.advanceTimersByTimeAsync(1000);
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[data-testid="bulk-done"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="batch-progress-text"]').text()).toBe('500 of 500 generated');
    const polls = fake.callsTo('GET', `${BATCHES}/batch-bulk`).length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(fake.callsTo('GET', `${BATCHES}/batch-bulk`).length).toBe(polls);

    await dialogButton(wrapper, 'View').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query.batchId).toBe('batch-bulk');
    expect(wrapper.find('dialog[open]').exists()).toBe(false);
  });

  it('shows the server’s field errors next to the fields', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`POST ${BATCHES}`]: problem(400, 'validation_failed', 'Invalid request', [
        { field: 'validTill', code: 'in_the_past', message: 'validTill is in the past' },
        { field: 'notifyEmail', code: 'invalid_email', message: 'notifyEmail must be an email' },
      ]),
    });
    const form = await openModal(wrapper);
    await form.get('input[name="count"]').setValue('10');
    await form.get('input[name="validTill"]').setValue('2030-01-01T10:00');
    await form.get('input[name="notify"]').setValue(true);
    await form.get('input[name="notifyEmail"]').setValue('not-an-email');
    await form.trigger('submit');
    await flushPromises();

    const fieldOf = (name: string) => wrapper.get(`[name="${name}"]`).element.closest('.field')!;
    expect(fieldOf('validTill').querySelector('.field-error')?.textContent).toBe(
      'Choose a date and time in the future.',
    );
    expect(fieldOf('notifyEmail').querySelector('.field-error')?.textContent).toBe(
      'Enter an email address like name@example.com.',
    );
    expect(wrapper.text()).not.toMatch(/validTill is in the past|must be an email|Invalid request/);
    expect(wrapper.get('[name="validTill"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('dialog[open] h2').text()).toBe('Add access code');
  });

  it('names the batch cap next to the count (batch_too_large)', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/access-codes', {
      [`GET ${PROJECT}`]: {
        body: makeProject({ settings: { ...makeProject().settings, maxBatchSize: 5000 } }),
      },
      ...emptyAccessCodesRoutes(),
      [`POST ${BATCHES}`]: problem(400, 'batch_too_large', 'At most 2000 codes can be made in one batch', [
        { field: 'count', code: 'too_large', message: "must be at most 2000 (this project's batch cap)" },
      ]),
    });
    const form = await openModal(wrapper);
    await form.get('input[name="count"]').setValue('2001');
    await form.trigger('submit');
    await flushPromises();

    const field = wrapper.get('[name="count"]').element.closest('.field')!;
    expect(field.querySelector('.field-error')?.textContent).toBe(
      'This is more codes than one batch may hold.',
    );
    expect(wrapper.get('dialog[open] [role="alert"]').attributes('data-code')).toBe('batch_too_large');
  });

  it('checks the obvious before asking the server', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', routes());
    const form = await openModal(wrapper);
    await form.get('input[name="count"]').setValue('2001');
    await form.trigger('submit');
    await flushPromises();

    expect(fake.callsTo('POST', BATCHES)).toHaveLength(0);
    const field = wrapper.get('[name="count"]').element.closest('.field')!;
    expect(field.querySelector('.field-error')?.textContent).toBe('At most 2,000 codes per batch.');
  });

  it('warns that Custom Name codes are guessable and sends the name', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`POST ${BATCHES}`]: {
        status: 201,
        body: {
          batch: makeBatch({ customName: 'MATHS', warning: 'Custom Name codes are guessable.' }),
          codes: [makeCode({ display: 'MATHS1', code: 'MATHS1' })],
        },
      },
    });
    const form = await openModal(wrapper);
    expect(wrapper.find('[data-testid="custom-name-warning"]').exists()).toBe(false);

    await form.get('input[value="custom"]').setValue(true);
    await form.get('input[name="customName"]').setValue('maths');
    expect(wrapper.get('[data-testid="code-preview"]').text()).toContain('MATHS1');
    const warning = wrapper.get('[data-testid="custom-name-warning"]');
    expect(warning.text()).toContain('Guessable codes');
    expect(warning.text()).toContain('sees MATHS1 can try MATHS2');

    await form.get('input[name="count"]').setValue('1');
    await form.trigger('submit');
    await flushPromises();
    expect((fake.callsTo('POST', BATCHES)[0]!.body as { customName: string }).customName).toBe('maths');
    expect(wrapper.get('dialog[open]').text()).toContain('Custom Name codes are guessable.');
  });

  it('offers prefix + random with a check character, previews one code, and sends the format', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`POST ${BATCHES}`]: { status: 201, body: { batch: makeBatch(), codes: [makeCode()] } },
    });
    const form = await openModal(wrapper);
    expect(wrapper.get('[data-testid="code-preview"]').text()).toMatch(
      /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/,
    );
    await form.get('input[value="prefixed"]').setValue(true);
    await form.get('input[name="prefix"]').setValue('maths');
    await form.get('input[name="checkChar"]').setValue(true);
    expect(wrapper.get('[data-testid="code-preview"]').text()).toMatch(
      /MATHS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$/,
    );
    await form.get('input[name="count"]').setValue('1');
    await form.get('input[name="validFrom"]').setValue('2030-06-01T08:00');
    await form.get('input[name="validTill"]').setValue('2030-06-30T23:59');
    expect(wrapper.text()).toContain('Your time zone:');
    await form.trigger('submit');
    await flushPromises();
    expect(fake.callsTo('POST', BATCHES)[0]!.body).toMatchObject({
      format: { kind: 'prefixed', prefix: 'maths', checkChar: true },
      validFrom: new Date(2030, 5, 1, 8, 0).toISOString(),
      validTill: new Date(2030, 5, 30, 23, 59).toISOString(),
    });
  });

  it('clears each message as soon as its field is fixed', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`POST ${BATCHES}`]: problem(400, 'validation_failed', 'Invalid request: check notifyEmail', [
        { field: 'notifyEmail', code: 'invalid_email', message: 'notifyEmail must be an email' },
      ]),
    });
    const form = await openModal(wrapper);
    await form.get('input[name="count"]').setValue('5');
    await form.get('input[name="validFrom"]').setValue('2031-01-02T10:00');
    await form.get('input[name="validTill"]').setValue('2031-01-01T10:00');
    await form.trigger('submit');
    await flushPromises();
    const errorOf = (name: string) =>
      wrapper.get(`[name="${name}"]`).element.closest('.field')!.querySelector('.field-error')?.textContent;
    expect(errorOf('validTill')).toBe('Valid Till must come after Valid From.');
    expect(fake.callsTo('POST', BATCHES)).toHaveLength(0);

    await form.get('input[name="validTill"]').setValue('2031-01-03T10:00');
    expect(errorOf('validTill')).toBeUndefined();

    await form.get('input[name="notify"]').setValue(true);
    await form.get('input[name="notifyEmail"]').setValue('nobody');
    await form.trigger('submit');
    await flushPromises();
    expect(errorOf('notifyEmail')).toBe('Enter an email address like name@example.com.');
    await form.get('input[name="notifyEmail"]').setValue('nobody@example.com');
    expect(errorOf('notifyEmail')).toBeUndefined();
  });

  it('shows cap and threshold, and links an over-cap count to the project settings', async () => {
    const { wrapper, router } = await renderConsole('/projects/p-demo/access-codes', routes());
    const form = await openModal(wrapper);
    expect(wrapper.text()).toContain('Up to 2,000. From 150, they are made in the background.');
    await form.get('input[name="count"]').setValue('5000');
    const overCap = wrapper.get('[data-testid="over-cap"]');
    expect(overCap.text()).toContain('batch cap is 2,000 codes');
    expect(overCap.get('a').attributes('href')).toBe('/projects/p-demo/settings');
    expect(router.resolve('/projects/p-demo/settings').name).toBe('project-settings');
  });

  it('sends multiple-use limits, the expiry in UTC and the notification email', async () => {
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`POST ${BATCHES}`]: { status: 201, body: { batch: makeBatch(), codes: [makeCode()] } },
    });
    const form = await openModal(wrapper);
    await form.get('input[name="count"]').setValue('1');
    await form.get('input[value="multiple"]').setValue(true);
    await form.get('input[name="maxRedemptions"]').setValue('25');
    await form.get('input[name="validTill"]').setValue('2030-06-30T23:59');
    await form.get('input[name="notify"]').setValue(true);
    expect((wrapper.get('input[name="notifyEmail"]').element as HTMLInputElement).value).toBe(
      'owner@example.com',
    );
    await form.trigger('submit');
    await flushPromises();

    expect(fake.callsTo('POST', BATCHES)[0]!.body).toMatchObject({
      usageType: 'multiple',
      maxRedemptions: 25,
      validTill: new Date(2030, 5, 30, 23, 59).toISOString(),
      notify: true,
      notifyEmail: 'owner@example.com',
    });
  });

  it('reuses the Idempotency-Key when the same submit is retried, and not for a changed one', async () => {
    let fail = true;
    const { wrapper, fake } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`POST ${BATCHES}`]: () =>
        fail
          ? problem(503, 'internal_error', 'Try again')
          : { status: 201, body: { batch: makeBatch(), codes: [] } },
    });
    const form = await openModal(wrapper);
    await form.get('input[name="count"]').setValue('5');
    await form.trigger('submit');
    await flushPromises();
    await form.trigger('submit');
    await flushPromises();
    await form.get('input[name="count"]').setValue('6');
    fail = false;
    await form.trigger('submit');
    await flushPromises();

    const keys = fake
      .callsTo('POST', BATCHES)
      .map((call: RecordedCall) => call.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('is not offered to support staff', async () => {
    const { wrapper } = await renderConsole('/projects/p-demo/access-codes', {
      ...routes(),
      [`GET ${PROJECT}`]: { body: makeProject({ role: 'support' }) },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('No access codes yet'));
    expect(wrapper.findAll('button').some((b) => b.text() === 'Add access code')).toBe(false);
    expect(wrapper.findAll('button').some((b) => b.text() === 'Export as CSV')).toBe(true);
  });
});
