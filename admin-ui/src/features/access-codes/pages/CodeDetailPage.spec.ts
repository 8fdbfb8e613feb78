import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CodeHistoryEntry } from '@/app/api-types';
import { makeCode, PROJECT } from '@/test/fixtures';
import { makeProject, renderConsole, signInAs } from '@/test/render-console';

const code = makeCode({
  status: 'used',
  redemptionCount: 1,
  redeemedBy: [
    {
      name: 'Ada',
      email: 'ada@example.com',
      externalId: 'ada@example.com',
      redeemedAt: '2026-03-05T10:00:00Z',
    },
  ],
});

const history: CodeHistoryEntry[] = [
  {
    type: 'created',
    at: '2026-03-04T09:15:00Z',
    actorType: 'user',
    actorName: 'Olive Owner',
    data: { batchId: 'batch-1', mode: 'standard', requestedCount: 3 },
  },
  {
    type: 'edited',
    at: '2026-03-04T10:00:00Z',
    actorType: 'user',
    actorName: 'Olive Owner',
    data: {
      maxRedemptions: { before: 5, after: 10 },
      validTill: { before: null, after: '2026-12-31T23:00:00Z' },
    },
  },
  {
    type: 'deactivated',
    at: '2026-03-04T11:00:00Z',
    actorType: 'user',
    actorName: 'Olive Owner',
    data: { scope: 'batch' },
  },
  { type: 'activated', at: '2026-03-04T12:00:00Z', actorType: 'user', actorName: 'Olive Owner', data: null },
  {
    type: 'redeemed',
    at: '2026-03-05T10:00:00Z',
    actorType: 'learner',
    actorName: 'Ada',
    data: { learnerEmail: 'ada@example.com', channel: 'activation_page' },
  },
  {
    type: 'revoked',
    at: '2026-03-06T10:00:00Z',
    actorType: 'user',
    actorName: 'Sam Support',
    data: { learnerEmail: 'ada@example.com', reason: 'Wrong learner' },
  },
];

describe('CodeDetailPage', () => {
  beforeEach(() => signInAs());

  it('shows the code, who redeemed it and its history, newest first', async () => {
    const { wrapper } = await renderConsole(`/projects/p-demo/access-codes/codes/${code.id}`, {
      [`GET ${PROJECT}`]: { body: makeProject() },
      [`GET ${PROJECT}/codes/${code.id}`]: { body: code },
      [`GET ${PROJECT}/codes/${code.id}/history`]: { body: { items: history } },
    });
    await vi.waitFor(() => expect(wrapper.find('.timeline').exists()).toBe(true));
    expect(wrapper.get('h1').text()).toBe(code.display);
    expect(wrapper.text()).toContain('ada@example.com');

    const entries = wrapper.findAll('.timeline-item').map((li) => li.text());
    expect(entries).toHaveLength(6);
    expect(entries[0]).toContain('Redemption by ada@example.com revoked');
    expect(entries[0]).toContain('Reason: Wrong learner');
    expect(entries[0]).toContain('by Sam Support');
    expect(entries[1]).toContain('Redeemed by ada@example.com');
    expect(entries[1]).toContain('Through the activation page');
    expect(entries[2]).toContain('Re-activated');
    expect(entries[3]).toContain('Deactivated with its whole batch');
    expect(entries[4]).toContain('Max redemptions: 5 → 10');
    expect(entries[4]).toMatch(/Valid Till: none → .*2026/);
    expect(entries[5]).toContain('Created in a batch of 3 codes');
    expect(entries[5]).toContain('by Olive Owner');
    expect(wrapper.findAll('.timeline a').at(0)!.attributes('href')).toBe(
      '/projects/p-demo/access-codes?batchId=batch-1',
    );
  });
});
