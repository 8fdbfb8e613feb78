import { to as copyTo, type CopyToStreamQuery } from 'pg-copy-streams';
import type pg from 'pg';
import type { Readable, ReadableOptions } from 'node:stream';
import { Coalesce } from '../http/csv-reply.js';

/** Protocol codes (https://www.postgresql.org/docs/current/protocol-message-formats.html). */
const COPY_DATA = 0x64;
const ERROR_RESPONSE = 0x45;
/** Messages that may come between CopyData ones; any other message ends copy-out mode. */
const INTERSPERSED = new Set([0x48 /* CopyOutResponse */, COPY_DATA, 0x53, 0x4e, 0x41]);

/** What this class touches of pg-copy-streams' CopyToStreamQuery (its parser's state). */
interface CopyToInternals {
  _buffer: { push(chunk: Buffer): void };
  _detach(): void;
  _cleanup(): void;
}

const CopyTo = copyTo('').constructor as new (text: string, options?: ReadableOptions) => CopyToStreamQuery;

/**
 * `COPY … TO STDOUT` as a stream, as pg-copy-streams' `to`, with a leaner parser: the rows of
 * one socket read are moved together within it, where the original makes a Buffer slice per
 * CopyData message (per row) and joins them. On a million-row export those slices were the
 * API's biggest cost after the kernel's (≈2 s of garbage collection per million rows).
 * Everything else (attaching to the connection, handing errors and the end of the COPY back
 * to pg) is the original's.
 */
class LeanCopyTo extends CopyTo {
  /** Bytes of a message header cut by the end of a socket read. */
  private rest: Buffer | null = null;
  /** Payload bytes of the current message still to come. */
  private unread = 0;
  private code = 0;

  _parse(chunk: Buffer): boolean {
    const self = this as unknown as CopyToInternals;
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = null;
    // The rows are moved to the front of the read itself (never ahead of where they are read).
    let size = 0;
    let pos = 0;
    let end: 'more' | 'done' | 'error' = 'more';
    while (pos < buf.length) {
      if (this.unread > 0) {
        const n = Math.min(this.unread, buf.length - pos);
        if (this.code === COPY_DATA) size += size === pos ? n : buf.copy(buf, size, pos, pos + n);
        pos += n;
        this.unread -= n;
        if (this.unread > 0) break;
        if (!INTERSPERSED.has(this.code)) {
          end = 'done';
          break;
        }
        continue;
      }
      if (buf[pos] === ERROR_RESPONSE) {
        end = 'error';
        break;
      }
      if (buf.length - pos < 5) {
        this.rest = Buffer.from(buf.subarray(pos));
        pos = buf.length;
        break;
      }
      this.code = buf[pos];
      this.unread = buf.readUInt32BE(pos + 1) - 4;
      pos += 5;
      if (this.unread === 0 && !INTERSPERSED.has(this.code)) {
        end = 'done';
        break;
      }
    }
    const drained = size > 0 ? this.push(buf.subarray(0, size)) : true;
    if (end === 'more') return drained;
    // The messages after the COPY (CommandComplete, ReadyForQuery, or an ErrorResponse) are pg's.
    if (pos < buf.length) self._buffer.push(buf.subarray(pos));
    self._detach();
    if (end === 'done') {
      this.push(null);
      self._cleanup();
    }
    return drained;
  }
}

/** `copy (…) to stdout …` as a Readable of the COPY's bytes, to pass to `client.query`. */
export function copyOut(text: string, options?: ReadableOptions): CopyToStreamQuery {
  return new LeanCopyTo(text, options);
}

/**
 * A query's rows as CSV with a header (its column names), streamed by PostgreSQL itself
 * (`COPY (…) TO STDOUT`, lines ending in \n): no row is held in Node, so memory stays flat on
 * millions of rows. `?` placeholders are inlined as escaped literals (COPY takes no parameters;
 * a Date as its ISO string).
 * The connection is the pool's for the stream's life, with its own statement timeout (a session
 * setting, reset before it goes back); a client that goes away mid-download stops the COPY.
 */
export async function copyCsvOut(
  pool: pg.Pool,
  sql: string,
  params: unknown[],
  statementTimeoutMs: number,
): Promise<Readable> {
  const client = await pool.connect();
  let i = 0;
  const inlined = sql.replace(/\?/g, () => {
    const value = params[i++];
    if (value === null || value === undefined) return 'null';
    return client.escapeLiteral(value instanceof Date ? value.toISOString() : String(value));
  });
  // COPY yields one chunk per row: gathered into 64 KiB ones here, the first stream they enter,
  // so that no later stage pays a per-row cost.
  const out = new Coalesce();
  try {
    await client.query(`set statement_timeout = ${statementTimeoutMs}`);
  } catch (err) {
    // The connection broke before the COPY began: drop it, never leave it checked out.
    client.release(err as Error);
    throw err;
  }
  const copy = client.query(
    // A larger buffer than the default 16 KiB: the socket is paused and resumed less often.
    copyOut(`copy (${inlined}) to stdout with (format csv, header true)`, { highWaterMark: 1 << 20 }),
  );
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  copy.on('error', (err) => {
    release(err);
    out.destroy(err);
  });
  copy.on('end', () => {
    client.query('reset statement_timeout').then(
      () => release(),
      (err: Error) => release(err),
    );
  });
  out.on('close', () => {
    // The client went away mid-download: stop PostgreSQL streaming and drop the connection.
    if (!released) {
      copy.destroy();
      release(new Error('export aborted'));
    }
  });
  return copy.pipe(out);
}
