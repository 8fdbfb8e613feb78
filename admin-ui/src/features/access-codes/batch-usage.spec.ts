import { describe, expect, it } from 'vitest';
import { batchUsage } from './batch-usage';

describe('batchUsage', () => {
  it('takes the counters of a batch and rounds the share to a whole percent', () => {
    expect(batchUsage({ codeCount: 8, redeemedCount: 3, generatedCount: 8 })).toMatchObject({
      total: 8,
      redeemed: 3,
      percent: 38,
      text: '3 of 8 codes redeemed',
    });
  });

  it('shows 1 % once any code of a large batch is used, and 0 % for none', () => {
    expect(batchUsage({ codeCount: 100_000, redeemedCount: 1, generatedCount: 100_000 }).percent).toBe(1);
    expect(batchUsage({ codeCount: 100_000, redeemedCount: 0, generatedCount: 100_000 }).percent).toBe(0);
  });

  it('falls back to the generated count, and an empty batch is 0 %', () => {
    expect(batchUsage({ generatedCount: 5 })).toMatchObject({ total: 5, redeemed: 0, percent: 0 });
    expect(batchUsage({ codeCount: 0, redeemedCount: 0, generatedCount: 0 }).percent).toBe(0);
  });
});
