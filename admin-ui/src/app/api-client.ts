import {
  createAdmitClient,
  type AdmitClient,
  type paths,
  type Problem as ServerProblem,
} from '@admit/api-client';
import { inject, type App, type InjectionKey } from 'vue';
import { fieldMessage } from './field-messages';

/**
 * The server's problem+json (its `code` one of the shared error codes), or one the console makes
 * when there was no usable answer (`network_error`, `http_error`), without a detail or request id.
 */
export type Problem = Omit<ServerProblem, 'code' | 'detail' | 'requestId'> & {
  code: ServerProblem['code'] | 'network_error' | 'http_error';
  detail?: string;
  requestId?: string;
};

/** An answer that was not 2xx, or no answer at all (`status` 0, code `network_error`). */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Seconds the server asked us to wait (`Retry-After` of a 429), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /**
   * Sentences by top-level field (`settings.bulkThreshold` and `scopes.0` count as `settings` and
   * `scopes`), so a form can put each one next to its input. Each sentence is chosen by the
   * field's stable `code` (see field-messages.ts), never the server's developer English.
   */
  get fieldErrors(): Record<string, string> {
    return this.fieldErrorsBy((field) => field.split(/[.[]/)[0] || field);
  }

  /** Sentences by the full field path (`format.length`, `settings.codeFormat.prefix`). */
  get fieldErrorsByPath(): Record<string, string> {
    return this.fieldErrorsBy((field) => field);
  }

  private fieldErrorsBy(keyOf: (field: string) => string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, code } of this.problem.errors ?? []) {
      const key = keyOf(field);
      const sentence = fieldMessage(field, code, this.problem);
      if (!out[key]) out[key] = sentence;
      else if (!out[key].includes(sentence)) out[key] = `${out[key]} ${sentence}`;
    }
    return out;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Every path of the generated OpenAPI document, e.g. `/api/v1/projects/{projectId}`. */
export type ApiPath = keyof paths & string;

type OperationOf<P extends ApiPath, M extends HttpMethod> = NonNullable<
  paths[P][Lowercase<M> & keyof paths[P]]
>;

/** The methods the document declares for a path. */
export type MethodOf<P extends ApiPath> = {
  [M in HttpMethod]: [OperationOf<P, M>] extends [never] ? never : M;
}[HttpMethod];

type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
type SuccessStatus = 200 | 201 | 202 | 204;

/** The JSON of a 2xx answer (`undefined` for 204). */
export type ResponseOf<P extends ApiPath, M extends HttpMethod> =
  OperationOf<P, M> extends { responses: infer R } ? JsonContent<R[Extract<keyof R, SuccessStatus>]> : never;

export type BodyOf<P extends ApiPath, M extends HttpMethod> =
  OperationOf<P, M> extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

type QueryOf<P extends ApiPath, M extends HttpMethod> =
  OperationOf<P, M> extends { parameters: { query?: infer Q } } ? Q : never;

/**
 * `{ projectId: string; keyId: string }` for `/projects/{projectId}/api-keys/{keyId}`. Read from
 * the path itself, so it holds even where the document leaves a path parameter undeclared.
 */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & PathParams<Rest>
  : unknown;

type PathOption<P extends string> = P extends `${string}{${string}}${string}`
  ? { path: PathParams<P> }
  : { path?: undefined };
type BodyOption<B> = [B] extends [never]
  ? { body?: undefined }
  : undefined extends B
    ? { body?: B }
    : { body: B };
type QueryOption<Q> = [Q] extends [never] ? { query?: undefined } : { query?: Q };

export type RequestOptionsFor<P extends ApiPath, M extends HttpMethod> = PathOption<P> &
  BodyOption<BodyOf<P, M>> &
  QueryOption<QueryOf<P, M>> & { headers?: Record<string, string> };

/** The options argument may be left out only when nothing in it is required. */
type OptionsArg<O> = object extends O ? [options?: O] : [options: O];

export interface RequestOptions {
  /** Values for `{name}` placeholders in the path. */
  path?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

/** A file the API answered with (CSV exports). */
export interface DownloadedFile {
  blob: Blob;
  /** From `Content-Disposition`, when the server named the file. */
  filename: string | null;
}

export interface DownloadOptions {
  path?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Called as bytes arrive, so a long export can show how far it is. */
  onProgress?: (bytesReceived: number) => void;
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The generated client's `request` with its typing erased; `Api.request` puts it back. */
type UntypedRequest = (method: string, url: string, init?: Record<string, unknown>) => Promise<FetchResult>;

export interface Api {
  /** The openapi-fetch client (auth header and 401 handling installed). */
  readonly client: AdmitClient;
  /**
   * A call typed by the generated document: the path must exist with that method, and the body
   * and the answer have the document's types. Fails with an ApiError.
   */
  request<P extends ApiPath, M extends MethodOf<P>>(
    method: M,
    url: P,
    ...options: OptionsArg<RequestOptionsFor<P, M>>
  ): Promise<ResponseOf<P, M>>;
  /**
   * GETs a file with the session's credentials, reading the body as it streams in (to show
   * progress). Fails with an ApiError like `request`.
   */
  download(url: ApiPath, options?: DownloadOptions): Promise<DownloadedFile>;
}

export interface ApiOptions {
  /** Origin of the API; the page's own origin when omitted. */
  baseUrl?: string;
  /** A bearer token to send (API clients); the console relies on its session cookie instead. */
  token?: () => string | null | undefined;
  /** Headers for every request; the console sends its CSRF header here. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Called when an authenticated request answers 401 (the session is over). */
  onUnauthorized?: () => void;
}

const LOGIN_PATH = '/api/v1/auth/login';

function looksLikeProblem(value: unknown): value is Partial<Problem> {
  return typeof value === 'object' && value !== null && ('code' in value || 'title' in value);
}

/** Turns whatever the server said into a Problem, even when it was not problem+json. */
export function toProblem(error: unknown, response: Response): Problem {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: response.status === 404 ? 'not_found' : response.status >= 500 ? 'internal_error' : 'http_error',
    requestId: response.headers.get('x-request-id') ?? undefined,
  };
  if (looksLikeProblem(error)) {
    return { ...fallback, ...error, status: error.status ?? response.status } as Problem;
  }
  if (typeof error === 'string' && error.trim()) return { ...fallback, detail: error.trim() };
  return fallback;
}

/** No answer at all: the server is unreachable or the connection dropped mid-body. */
function networkError(cause: unknown): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    code: 'network_error',
    detail: cause instanceof Error ? cause.message : String(cause),
  });
}

function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The data of a 2xx result, or an ApiError. */
export function unwrap<T>(result: FetchResult): T {
  if (!result.response.ok) {
    throw new ApiError(toProblem(result.error, result.response), retryAfter(result.response));
  }
  return result.data as T;
}

/** `attachment; filename="batch-1.csv"` → `batch-1.csv`. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Fall back to the plain filename below.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  return plain ? (plain[2] ?? plain[1] ?? '').trim() || null : null;
}

async function readBody(response: Response, onProgress?: (bytes: number) => void): Promise<Blob> {
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const reader = response.body?.getReader?.();
  if (!reader) return response.blob();
  const chunks: BlobPart[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress?.(received);
  }
  return new Blob(chunks, { type });
}

export function createApi(options: ApiOptions = {}): Api {
  const client = createAdmitClient({
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? '',
    token: options.token,
    headers: options.headers,
    fetch: options.fetch,
  });
  client.use({
    onResponse({ request, response }) {
      if (response.status === 401 && !new URL(request.url).pathname.endsWith(LOGIN_PATH)) {
        options.onUnauthorized?.();
      }
      return undefined;
    },
  });
  const untyped = client.request as unknown as UntypedRequest;

  async function call(method: HttpMethod, url: string, init: Record<string, unknown>): Promise<FetchResult> {
    try {
      return await untyped(method, url, init);
    } catch (cause) {
      throw networkError(cause);
    }
  }

  async function send<T>(method: HttpMethod, url: string, init: RequestOptions = {}): Promise<T> {
    const result = await call(method, url, {
      params: { path: init.path, query: init.query },
      ...(init.body === undefined ? {} : { body: init.body }),
      ...(init.headers ? { headers: init.headers } : {}),
    });
    return unwrap<T>(result);
  }

  async function download(url: string, init: DownloadOptions = {}): Promise<DownloadedFile> {
    const result = await call('GET', url, {
      params: { path: init.path, query: init.query },
      // Leaves the body unread, so it can be read here chunk by chunk.
      parseAs: 'stream',
    });
    unwrap(result);
    let blob: Blob;
    try {
      blob = await readBody(result.response, init.onProgress);
    } catch (cause) {
      throw networkError(cause);
    }
    return { blob, filename: filenameFromDisposition(result.response.headers.get('content-disposition')) };
  }

  return {
    client,
    request: (method, url, ...options) => send(method, url, options[0] as RequestOptions | undefined),
    download,
  };
}

const API_KEY: InjectionKey<Api> = Symbol('admit-api');

export function provideApi(app: App, api: Api): void {
  app.provide(API_KEY, api);
}

/** The API of the running console; only feature `api.ts` files should need it. */
export function useApi(): Api {
  const api = inject(API_KEY);
  if (!api) throw new Error('useApi() called outside the console app (no API provided)');
  return api;
}
