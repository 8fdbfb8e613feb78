import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useApi } from '@/app/api-client';
import type { RedemptionStats, RedemptionStatsBucket } from '@/app/api-types';

export interface StatsFilters {
  bucket?: 'day' | 'week';
  /** Last day shown (YYYY-MM-DD); default today in `tz`. */
  to?: string;
  batchId?: string;
  productId?: string;
  planId?: string;
}

/** The viewer's own zone, so "today" and each day's bars match the dates shown elsewhere. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function useRedemptionStats(
  projectId: MaybeRefOrGetter<string>,
  filters: MaybeRefOrGetter<StatsFilters> = {},
) {
  const api = useApi();
  const id = computed(() => toValue(projectId));
  const query = computed(() => {
    const set = Object.entries(toValue(filters)).filter(([, v]) => v);
    return { tz: viewerTimeZone(), ...Object.fromEntries(set) } as StatsFilters & { tz: string };
  });
  return useQuery({
    queryKey: computed(() => ['projects', id.value, 'redemptions', 'stats', query.value] as const),
    queryFn: () =>
      api.request('GET', '/api/v1/projects/{projectId}/redemptions/stats', {
        path: { projectId: id.value },
        query: query.value,
      }),
    enabled: computed(() => !!id.value),
    placeholderData: keepPreviousData,
  });
}

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const fullDayLabel = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "Nov 3" for a bucket's first day (a calendar date, so read in UTC, never shifted). */
export function bucketLabel(bucket: Pick<RedemptionStatsBucket, 'start'>, full = false): string {
  const date = new Date(`${bucket.start}T00:00:00Z`);
  return (full ? fullDayLabel : dayLabel).format(date);
}

/** The chart's data: one label per bucket, issued and redeemed side by side. */
export function chartSeries(stats: Pick<RedemptionStats, 'buckets'>) {
  return {
    labels: stats.buckets.map((b) => bucketLabel(b)),
    issued: stats.buckets.map((b) => b.issued),
    redeemed: stats.buckets.map((b) => b.redeemed),
  };
}

/** One sentence for screen readers and the chart's caption. */
export function statsSummary(stats: Pick<RedemptionStats, 'buckets' | 'totals' | 'bucket'>): string {
  const first = stats.buckets[0];
  const last = stats.buckets.at(-1);
  if (!first || !last) return 'No data.';
  const unit = stats.bucket === 'week' ? 'week' : 'day';
  return (
    `${stats.totals.issued.toLocaleString()} codes issued and ${stats.totals.redeemed.toLocaleString()} redeemed ` +
    `from ${bucketLabel(first, true)} to ${bucketLabel(last, true)}, by ${unit}.`
  );
}
