import type { FastifyReply } from 'fastify';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';

const CHUNK = 64 * 1024;

/**
 * Gathers small chunks into ~64 KiB ones. `COPY … TO STDOUT` yields one chunk per row; writing
 * each to the socket would cost a write call per code on a million-code export.
 */
export class Coalesce extends Transform {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(first?: Buffer) {
    super();
    if (first) this.add(first);
  }

  private add(chunk: Buffer): void {
    this.parts.push(chunk);
    this.size += chunk.length;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // A large chunk (a whole socket read of COPY output) goes on as it is: copying it again only
    // feeds the garbage collector.
    if (!this.size && chunk.length >= CHUNK / 4) {
      this.push(chunk);
      done();
      return;
    }
    this.add(chunk);
    if (this.size >= CHUNK) this.release();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.release();
    done();
  }

  private release(): void {
    if (!this.size) return;
    this.push(Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * Sends a CSV stream as a download, with a UTF-8 BOM first so spreadsheets read accents right.
 * Piping keeps backpressure (a slow client slows the COPY; nothing piles up in memory), and a
 * client that leaves mid-download destroys the source, which stops the query.
 */
export function sendCsv(reply: FastifyReply, filename: string, source: Readable): FastifyReply {
  const body = source instanceof Coalesce ? source : new Coalesce();
  if (body !== source) pipeline(source, body, () => undefined);
  body.unshift(Buffer.from('\uFEFF'));
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(body);
}
