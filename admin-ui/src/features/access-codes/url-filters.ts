import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { CodeFilters } from './api';

function one(value: LocationQuery[string]): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function bool(value: LocationQuery[string]): boolean | undefined {
  const v = one(value);
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

/** The Access Codes page keeps its filters in the URL, so "View Results" links and reloads keep them. */
export function filtersFromQuery(query: LocationQuery): CodeFilters {
  const status = one(query.status);
  return {
    status: status === 'used' || status === 'unused' ? status : undefined,
    active: bool(query.active),
    expired: bool(query.expired),
    batchId: one(query.batchId),
    productId: one(query.productId),
    planId: one(query.planId),
    q: one(query.q),
  };
}

export function filtersToQuery(filters: CodeFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') query[key] = String(value);
  }
  return query;
}

export function hasFilters(filters: CodeFilters, ignore: (keyof CodeFilters)[] = []): boolean {
  return Object.entries(filters).some(
    ([key, value]) => !ignore.includes(key as keyof CodeFilters) && value !== undefined && value !== '',
  );
}
