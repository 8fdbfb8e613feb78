import type { AccessCode, Batch, Product } from '@/app/api-types';
import type { Route } from './fake-fetch';

export const PROJECT = '/api/v1/projects/p-demo';

export function makeProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: 'prod-1',
    name: 'Demo course',
    description: null,
    archived: false,
    createdAt: '2026-01-01T00:00:00Z',
    plans: [
      {
        id: 'plan-monthly',
        productId: 'prod-1',
        name: 'Monthly',
        accessDays: 30,
        archived: false,
        createdAt: '2026-01-01T00:00:00Z',
      },
      {
        id: 'plan-lifetime',
        productId: 'prod-1',
        name: 'Lifetime',
        accessDays: null,
        archived: false,
        createdAt: '2026-01-01T00:00:00Z',
      },
    ],
    ...overrides,
  };
}

export function makeBatch(overrides: Partial<Batch> = {}): Batch {
  return {
    id: 'batch-1',
    projectId: 'p-demo',
    productId: 'prod-1',
    productName: 'Demo course',
    planId: 'plan-monthly',
    planName: 'Monthly',
    mode: 'standard',
    status: 'completed',
    requestedCount: 3,
    generatedCount: 3,
    usageType: 'single',
    maxRedemptions: 1,
    validFrom: null,
    validTill: null,
    customName: null,
    format: { kind: 'random', length: 12, groupSize: 4, checkChar: false },
    notify: false,
    notifyEmail: null,
    createdBy: 'u-owner',
    createdByName: 'Olive Owner',
    createdAt: '2026-03-04T09:15:00Z',
    completedAt: '2026-03-04T09:15:01Z',
    error: null,
    deactivatedAt: null,
    ...overrides,
  };
}

let seq = 0;

export function makeCode(overrides: Partial<AccessCode> = {}): AccessCode {
  seq += 1;
  const code = `ABCD${String(seq).padStart(4, '0')}WXYZ`;
  return {
    id: `code-${seq}`,
    code,
    display: `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`,
    productId: 'prod-1',
    productName: 'Demo course',
    planId: 'plan-monthly',
    planName: 'Monthly',
    batchId: 'batch-1',
    usageType: 'single',
    maxRedemptions: 1,
    redemptionCount: 0,
    validFrom: null,
    validTill: null,
    active: true,
    status: 'unused',
    expired: false,
    redeemedBy: [],
    createdAt: '2026-03-04T09:15:00Z',
    updatedAt: null,
    ...overrides,
  };
}

/** What the Access Codes page asks for, answered with an empty project. */
export function emptyAccessCodesRoutes(): Record<string, Route> {
  return {
    [`GET ${PROJECT}/codes`]: {
      body: { items: [], nextCursor: null, counts: { all: 0, used: 0, unused: 0 } },
    },
    [`GET ${PROJECT}/batches`]: { body: { items: [], nextCursor: null } },
    [`GET ${PROJECT}/products`]: { body: { items: [makeProduct()], nextCursor: null } },
    [`GET ${PROJECT}/redemptions/stats`]: {
      body: {
        from: '2026-03-01',
        to: '2026-03-02',
        bucket: 'day',
        tz: 'UTC',
        buckets: [
          { start: '2026-03-01', issued: 0, redeemed: 0 },
          { start: '2026-03-02', issued: 4, redeemed: 1 },
        ],
        totals: { issued: 4, redeemed: 1 },
      },
    },
  };
}
