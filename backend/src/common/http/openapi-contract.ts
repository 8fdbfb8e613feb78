import { SetMetadata } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode, FIELD_ERROR_CODES } from '@admit/shared';
import { IS_PUBLIC, REQUIRED_SCOPE } from '../auth/principal.js';
import { STATUS_CODES, TITLES } from '../errors/problem.filter.js';

export const PROBLEM_RESPONSES = 'admit:problem-responses';

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
export type ProblemMap = Partial<Record<ProblemStatus, ErrorCode[]>>;

/**
 * Error answers an operation gives beyond the ones every operation's shape implies (see
 * `completeOpenApiDocument`): the domain refusals its service throws, e.g.
 * `@ProblemResponses({ 409: ['plan_in_use'] })`. On a controller it applies to every method.
 */
export const ProblemResponses = (problems: ProblemMap) => SetMetadata(PROBLEM_RESPONSES, problems);

/** The code each status answers when nothing more specific is known (the global filter's mapping). */
const DEFAULT_CODE = {
  ...STATUS_CODES,
  422: 'idempotency_key_reused',
  500: 'internal_error',
  503: 'dependency_unavailable',
} as Record<ProblemStatus, ErrorCode>;

/** Names of the shared responses in `components.responses` (an operation's status with only its default code). */
const RESPONSE_NAMES: Record<ProblemStatus, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'IdempotencyKeyReused',
  429: 'RateLimited',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};
/** What a read (GET) answers as 503: a dependency down, or its statement timeout. */
const READ_UNAVAILABLE: ErrorCode[] = ['dependency_unavailable', 'query_timeout'];

const DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Bad request: a field is missing or wrong (`errors` names each one)',
  401: 'No valid credentials',
  403: 'The credentials do not allow this',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  413: 'Body larger than the limit',
  415: 'Body is not JSON',
  422: 'Well-formed, but refused',
  429: 'Too many attempts; wait for `Retry-After` seconds',
  500: 'Unexpected error, logged with the request id',
  503: 'A dependency (PostgreSQL, Redis) is out of reach, or a read ran out of time; retry after `Retry-After`',
};

interface HandlerFacts {
  public: boolean;
  apiKey: boolean;
  extra: ProblemMap;
}

interface RawOperation {
  operationId?: string;
  summary?: string;
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** What each route handler's decorators say, by method name (= operation id, unique across the API). */
function handlerFacts(app: INestApplicationContext): Map<string, HandlerFacts> {
  const reflector = new Reflector();
  const facts = new Map<string, HandlerFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const targets = [handler, controller];
        facts.set(name, {
          public: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
          apiKey: reflector.getAllAndOverride<string>(REQUIRED_SCOPE, targets) !== undefined,
          extra: {
            ...reflector.get<ProblemMap>(PROBLEM_RESPONSES, controller),
            ...reflector.get<ProblemMap>(PROBLEM_RESPONSES, handler),
          },
        });
      }
    }
  }
  return facts;
}

/** `createBatch` → "Create batch": the fallback summary of an operation that declares none. */
function summaryFromId(operationId: string): string {
  const words = operationId.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1).replace(/\bcsv\b/, 'CSV');
}

function problemSchemas(): Record<string, unknown> {
  return {
    FieldError: {
      type: 'object',
      required: ['field', 'code', 'message'],
      properties: {
        field: { type: 'string', description: 'Path of the field, e.g. `learner.email`', example: 'count' },
        code: { type: 'string', enum: [...FIELD_ERROR_CODES] },
        message: { type: 'string', description: 'English default; map `code` to your own words' },
      },
    },
    Problem: {
      type: 'object',
      description: 'Every error answer: `application/problem+json` (RFC 9457) with a stable `code`.',
      required: ['type', 'title', 'status', 'code', 'detail', 'requestId'],
      properties: {
        type: { type: 'string', example: 'https://admit.dev/problems/validation-failed' },
        title: { type: 'string', example: 'Bad Request' },
        status: { type: 'integer', example: 400 },
        code: { type: 'string', enum: [...ERROR_CODES] },
        detail: { type: 'string' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
        requestId: { type: 'string', description: 'Also in the `X-Request-Id` header; quote it to support' },
        maxBatchSize: { type: 'integer', description: "`batch_too_large`: this project's batch cap" },
        validFrom: { type: 'string', format: 'date-time', description: '`code_not_yet_valid`: from when' },
        validTill: { type: 'string', format: 'date-time', description: '`code_expired`: until when' },
        maxRedemptions: { type: 'integer', description: '`code_exhausted`: redemptions the code allows' },
        redeemedAt: {
          type: 'string',
          format: 'date-time',
          description: "`already_redeemed_by_learner` on the activation page: this learner's redemption",
        },
      },
    },
  };
}

function problemResponse(status: ProblemStatus, codes: ErrorCode[]): Record<string, unknown> {
  const examples = Object.fromEntries(
    codes.map((code) => [
      code,
      {
        value: {
          type: `https://admit.dev/problems/${code.replace(/_/g, '-')}`,
          title: TITLES[status],
          status,
          code,
          detail: DESCRIPTIONS[status],
          requestId: '5f0c6b1e-2a47-4d0e-9a51-0c1f3e7d9b21',
        },
      },
    ]),
  );
  return {
    description: `${DESCRIPTIONS[status]}. \`code\`: ${codes.map((c) => `\`${c}\``).join(', ')}`,
    ...(status === 429 || status === 503
      ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
      : {}),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, examples } },
  };
}

/** Statuses (with codes) an operation answers, from its shape and guards plus its declared extras. */
function problemsOf(operation: RawOperation, method: string, facts: HandlerFacts | undefined): ProblemMap {
  const params = operation.parameters ?? [];
  const map: ProblemMap = {};
  const add = (status: ProblemStatus, ...codes: ErrorCode[]) => {
    map[status] = [...new Set([...(map[status] ?? []), ...(codes.length ? codes : [DEFAULT_CODE[status]])])];
  };
  if (operation.requestBody || params.some((p) => p.in === 'query' || p.in === 'path')) add(400);
  if (operation.requestBody) {
    add(413);
    add(415);
  }
  if (!facts?.public) {
    add(401);
    add(403);
  }
  if (params.some((p) => p.in === 'path')) add(404);
  if (params.some((p) => p.name.toLowerCase() === 'idempotency-key')) add(422, 'idempotency_key_reused');
  add(500);
  if (method === 'get') add(503, ...READ_UNAVAILABLE);
  else add(503);
  for (const [status, codes] of Object.entries(facts?.extra ?? {}))
    add(Number(status) as ProblemStatus, ...(codes ?? []));
  return map;
}

/**
 * Makes the generated document the contract it claims to be, for every operation including ones
 * added later: a summary; each 4xx/5xx it can answer, as `Problem` (whose `code` is the enum of
 * the shared error codes) with an example per code; the security scheme its guard really asks
 * for — an opaque console session (bearer or the console's cookie) or a project API key, nothing
 * on public routes; and header parameters only as documented (`@Headers()` arguments such as
 * `user-agent` are the server's business, not the caller's).
 */
export function completeOpenApiDocument(
  document: OpenAPIObject,
  app: INestApplicationContext,
): OpenAPIObject {
  const facts = handlerFacts(app);
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...problemSchemas() } as never;
  document.components.securitySchemes = {
    session: {
      type: 'http',
      scheme: 'bearer',
      description: 'Console session: the opaque `accessToken` (`adms_…`) of POST /api/v1/auth/login',
    },
    sessionCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: 'admit_session',
      description:
        'The console’s HttpOnly session cookie; unsafe methods also need `X-Requested-With: admit-console`',
    },
    apiKey: {
      type: 'http',
      scheme: 'bearer',
      description: 'Project API key (`admit_<prefix>_<secret>`), opaque, with scopes',
    },
  };
  const shared: Record<string, unknown> = {};
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, RawOperation | undefined>)[method];
      if (!operation) continue;
      const own = operation.operationId ? facts.get(operation.operationId) : undefined;
      operation.summary ||= summaryFromId(operation.operationId ?? method);
      if (operation.parameters) {
        const documented = new Set(
          operation.parameters
            .filter((p) => p.in === 'header' && p.description)
            .map((p) => p.name.toLowerCase()),
        );
        operation.parameters = operation.parameters.filter(
          (p) =>
            p.in !== 'header' ||
            p.description ||
            (p.name.toLowerCase() !== 'user-agent' && !documented.has(p.name.toLowerCase())),
        );
      }
      operation.security = own?.public
        ? []
        : own?.apiKey
          ? [{ apiKey: [] }]
          : [{ session: [] }, { sessionCookie: [] }];
      const problems = problemsOf(operation, method, own);
      for (const status of Object.keys(problems).map(Number).sort() as ProblemStatus[]) {
        const codes = problems[status]!;
        const name =
          codes.length === 1 && codes[0] === DEFAULT_CODE[status]
            ? RESPONSE_NAMES[status]
            : status === 503 && codes.join() === READ_UNAVAILABLE.join()
              ? 'ReadUnavailable'
              : undefined;
        if (name) {
          shared[name] ??= problemResponse(status, codes);
          operation.responses[String(status)] = { $ref: `#/components/responses/${name}` };
        } else {
          operation.responses[String(status)] = problemResponse(status, codes);
        }
      }
    }
  }
  document.components.responses = Object.fromEntries(
    Object.entries({ ...document.components.responses, ...shared }).sort(([a], [b]) => a.localeCompare(b)),
  ) as never;
  return document;
}
