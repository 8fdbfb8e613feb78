import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  raw: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/** A webhook receiver on loopback that records every request and answers `status()`. */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  status: () => number = () => 200;
  /** Sent as Location (for redirects). */
  location?: string;
  private server?: Server;
  port = 0;

  constructor(private readonly host = '127.0.0.1') {}

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          headers: req.headers,
          raw: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        });
        res.writeHead(this.status(), this.location ? { location: this.location } : {}).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, this.host, resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://${this.host}:${this.port}/hooks`;
  }
}
