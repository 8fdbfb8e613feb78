/** A fetch that answers from a table of `"METHOD /path"` routes and records every call. */
export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export interface Reply {
  status?: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (CSV downloads); `body` is ignored then. */
  text?: string;
  headers?: Record<string, string>;
}

export type Route = Reply | ((call: RecordedCall) => Reply | Promise<Reply>);

export interface FakeFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
  routes: Record<string, Route>;
  callsTo(method: string, path: string): RecordedCall[];
}

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: { field: string; message: string; code?: string }[],
) {
  return {
    status,
    body: { type: 'about:blank', title: detail, status, code, detail, errors, requestId: 'req-test' },
  } satisfies Reply;
}

export function fakeFetch(routes: Record<string, Route> = {}): FakeFetch {
  const calls: RecordedCall[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const call: RecordedCall = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const reply: Reply = route
      ? typeof route === 'function'
        ? await route(call)
        : route
      : problem(404, 'not_found', `No fake route for ${call.method} ${call.path}`);
    const status = reply.status ?? 200;
    const isProblem = status >= 400;
    const payload =
      reply.text !== undefined ? reply.text : reply.body === undefined ? null : JSON.stringify(reply.body);
    return new Response(payload, {
      status,
      headers: {
        'content-type':
          reply.text !== undefined
            ? 'text/csv; charset=utf-8'
            : isProblem
              ? 'application/problem+json'
              : 'application/json',
        ...reply.headers,
      },
    });
  };
  return {
    fetch: fake as typeof fetch,
    calls,
    routes,
    callsTo: (method, path) => calls.filter((c) => c.method === method && c.path === path),
  };
}
