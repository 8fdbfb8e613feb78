import type { EntityManager } from '@mikro-orm/postgresql';
import net from 'node:net';
import type pg from 'pg';
import { DomainError } from '../errors/domain-error.js';

/** Runs one statement with `?` placeholders and returns its rows. */
export type SqlRunner = <T = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>;

/** `?` placeholders to pg's `$n`. */
export function numberPlaceholders(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** A SqlRunner in a MikroORM transaction (or fork). */
export function emRunner(em: EntityManager): SqlRunner {
  return (sql, params) => em.execute(sql, params as never[]);
}

/** The same over a raw pg client (its `$n` placeholders). */
export function pgRunner(client: pg.PoolClient): SqlRunner {
  return async <T>(sql: string, params: unknown[]) =>
    (await client.query(numberPlaceholders(sql), params)).rows as T[];
}

/** PostgreSQL cancelled the statement: its statement_timeout, or our cancel request. */
const QUERY_CANCELED = '57014';

function timedOut(): DomainError {
  return new DomainError(
    'query_timeout',
    503,
    'This search or filter took too long; narrow it (e.g. a longer search text or a batch) and try again',
    undefined,
    { 'Retry-After': '5' },
  );
}

/**
 * A runner over the read pool (statement_timeout set on its connections) that stops work nobody
 * waits for: when `signal` aborts (the HTTP client went away) the running statement is cancelled
 * at the server with a cancel request, and no further statement starts. A statement timeout or a
 * pool with no free connection in time becomes a 503 `query_timeout`.
 */
export function readRunner(pool: pg.Pool, signal?: AbortSignal): SqlRunner {
  return async <T>(sql: string, params: unknown[]) => {
    if (signal?.aborted) throw new Error('request aborted');
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      if (/timeout/i.test((err as Error).message)) throw timedOut();
      throw err;
    }
    const cancel = () => sendCancelRequest(client);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return (await client.query(numberPlaceholders(sql), params)).rows as T[];
    } catch (err) {
      if ((err as { code?: string }).code === QUERY_CANCELED) {
        if (signal?.aborted) throw new Error('request aborted', { cause: err });
        throw timedOut();
      }
      throw err;
    } finally {
      signal?.removeEventListener('abort', cancel);
      client.release();
    }
  };
}

/**
 * PostgreSQL's CancelRequest for the statement a connection is running: a separate short
 * connection that sends the backend's pid and secret key (protocol message 80877102). Best
 * effort: the statement timeout still bounds a statement whose cancel is lost.
 */
function sendCancelRequest(client: pg.PoolClient): void {
  const { host, port, processID, secretKey } = client as unknown as {
    host: string;
    port: number;
    processID: number;
    secretKey: number;
  };
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(80877102, 4);
  message.writeInt32BE(processID, 8);
  message.writeInt32BE(secretKey, 12);
  const socket = host.startsWith('/') ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host);
  socket.on('error', () => undefined);
  socket.end(message);
}
