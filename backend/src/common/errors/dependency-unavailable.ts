import { DomainError } from './domain-error.js';

export type Dependency = 'postgres' | 'redis';

/** Seconds a caller is asked to wait before retrying a call refused because a dependency is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/**
 * A call could not be served because PostgreSQL or Redis did not answer in time. Answered as 503
 * `dependency_unavailable` with Retry-After; which dependency and why go to the log only, never to
 * the caller (no addresses, no driver messages).
 */
export class DependencyUnavailableError extends DomainError {
  constructor(
    readonly dependency: Dependency,
    override readonly cause: unknown,
  ) {
    super(
      'dependency_unavailable',
      503,
      'A service Admit depends on is unavailable right now; nothing was changed. Try again shortly.',
      undefined,
      { 'Retry-After': String(DEPENDENCY_RETRY_AFTER_SECONDS) },
    );
    this.name = 'DependencyUnavailableError';
  }
}

/**
 * Socket-level failures of a database connection. Only believed at the top level or inside a
 * MikroORM driver exception: the same codes in the cause of some other error (an outbound fetch
 * of a webhook URL, say) say nothing about our dependencies. DNS failures are left out for that
 * reason too.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL SQLSTATEs that mean "the server cannot serve you now": class 08 (connection
 * exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
 */
const PG_UNAVAILABLE = /^(08...|57P0[1-3]|53300)$/;

/** What `pg` and `pg-pool` say when a connection is lost or cannot be had in time. */
const PG_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
];

/** What ioredis says when a command is refused or abandoned because the server is away. */
const REDIS_MESSAGES = [
  'Command timed out',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Connection is closed.',
  'Reached the max retries per request limit',
];

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  sqlState?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function classify(error: unknown, depth: number): Dependency | null {
  if (!error || typeof error !== 'object' || depth > 4) return null;
  const e = error as ErrorShape;
  const message = typeof e.message === 'string' ? e.message : '';
  const name = typeof e.name === 'string' ? e.name : '';
  if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.some((m) => message.startsWith(m)))
    return 'redis';
  const code = typeof e.code === 'string' ? e.code : typeof e.sqlState === 'string' ? e.sqlState : '';
  if (PG_UNAVAILABLE.test(code) || PG_MESSAGES.some((m) => message.startsWith(m))) return 'postgres';
  // MikroORM wraps driver errors in *Exception classes that keep the driver's code and cause; a
  // bare socket error at the top is one of `pg`'s (ioredis reports its own as above).
  const driverWrapped = /Exception$/.test(name);
  if (NETWORK_CODES.has(code) && (depth === 0 || driverWrapped)) return 'postgres';
  if (!driverWrapped && depth > 0) return null;
  const nested = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const inner of nested) {
    const found = classify(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The 503 for an error that says PostgreSQL or Redis is unreachable, or null for any other error.
 * Decided from the error's shape (driver codes, SQLSTATEs, the clients' own messages), so it covers
 * every caller of the two clients without each one catching.
 */
export function asDependencyUnavailable(error: unknown): DependencyUnavailableError | null {
  if (error instanceof DependencyUnavailableError) return error;
  const found = classify(error, 0);
  return found ? new DependencyUnavailableError(found, error) : null;
}
