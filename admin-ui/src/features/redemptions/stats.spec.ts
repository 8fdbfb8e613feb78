import { describe, expect, it } from 'vitest';
import { bucketLabel, chartSeries, statsSummary } from './stats';

const stats = {
  bucket: 'day' as const,
  buckets: [
    { start: '2026-03-29', issued: 5, redeemed: 0 },
    { start: '2026-03-30', issued: 0, redeemed: 2 },
  ],
  totals: { issued: 5, redeemed: 2 },
};

describe('redemption stats for the chart', () => {
  it('labels each bucket by its calendar day, never shifted by the viewer’s zone', () => {
    // A date at UTC midnight would read as the day before west of Greenwich if taken as local time.
    expect(bucketLabel({ start: '2026-03-29' }, true)).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(2026, 2, 29)),
    );
  });

  it('lays issued and redeemed side by side, one value per bucket', () => {
    const series = chartSeries(stats);
    expect(series.issued).toEqual([5, 0]);
    expect(series.redeemed).toEqual([0, 2]);
    expect(series.labels).toHaveLength(2);
  });

  it('sums the range up in one sentence', () => {
    expect(statsSummary(stats)).toMatch(/^5 codes issued and 2 redeemed from .+ to .+, by day\.$/);
    expect(statsSummary({ ...stats, buckets: [] })).toBe('No data.');
  });
});
