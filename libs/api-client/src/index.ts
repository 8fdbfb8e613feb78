import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

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

/** The problem+json body every error answer carries; `code` is one of the shared error codes. */
export type Problem = components['schemas']['Problem'];
/** One entry of a problem's `errors`: the field and its stable code. */
export type FieldError = components['schemas']['FieldError'];
