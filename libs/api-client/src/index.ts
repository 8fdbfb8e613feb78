import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths, components, operations } from './schema.js';

export interface AdmitClientOptions {
  /** Origin of the API, e.g. `http://localhost:3000`; empty for same-origin. */
  baseUrl?: string;
  /** Returns the bearer token to send, if any (read on every request). */
  token?: () => string | null | undefined;
  fetch?: typeof fetch;
  /** Headers sent on every request (the console sends `X-Requested-With: admit-console`). */
  headers?: Record<string, string>;
}

/** A typed client over the committed OpenAPI document (`openapi.json`). */
export function createAdmitClient(options: AdmitClientOptions = {}) {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: options.fetch });
  const auth: Middleware = {
    onRequest({ request }) {
      for (const [name, value] of Object.entries(options.headers ?? {})) request.headers.set(name, value);
      const token = options.token?.();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

export type AdmitClient = ReturnType<typeof createAdmitClient>;

/** The problem+json body every error answer carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string; message: string; code?: string }[];
  requestId?: string;
  /** `batch_too_large`: this project's batch cap. */
  maxBatchSize?: number;
  /** `code_not_yet_valid`: from when the code can be redeemed. */
  validFrom?: string;
  /** `code_expired`: until when the code could be redeemed. */
  validTill?: string;
  /** `code_exhausted`: how many redemptions the code allows. */
  maxRedemptions?: number;
  /** `already_redeemed_by_learner` on the activation page: when this learner redeemed it. */
  redeemedAt?: string;
}
