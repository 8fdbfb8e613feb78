import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';

/**
 * PostgreSQL and Redis servers that belong to one test: on free loopback ports, data in a temp
 * directory, stopped and started by the test to play an outage. Never the machine's shared ones.
 */

const REDIS_SERVER = process.env.ADMIT_REDIS_SERVER ?? '/usr/bin/redis-server';
const PG_BIN = process.env.ADMIT_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A server process the test can stop and start again with the same data. */
abstract class PrivateServer {
  protected child?: ChildProcess;
  protected log = '';
  readonly dir: string;

  constructor(
    readonly port: number,
    prefix: string,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  abstract get url(): string;
  protected abstract spawnServer(): ChildProcess;
  protected abstract answers(): Promise<boolean>;
  /** The signal for a clean, quick shutdown. */
  protected abstract readonly stopSignal: NodeJS.Signals;

  async start(): Promise<void> {
    const child = this.spawnServer();
    this.child = child;
    // Jest may force-exit a run; the server must not outlive it.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.removeListener('exit', reap));
    child.stdout?.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.log += d.toString()));
    try {
      await until(`${this.constructor.name} on port ${this.port}`, () => this.answers());
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${this.log.slice(-2000)}`, { cause: err });
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.kill(this.stopSignal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(killer);
  }

  /** A server that keeps its connections open and answers nothing (SIGSTOP), until `thaw`. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async destroy(): Promise<void> {
    this.thaw();
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Redis with an append-only file synced on every write, as a production Redis that holds queues
 * must run: jobs accepted before a restart are still there after it.
 */
export class PrivateRedis extends PrivateServer {
  protected readonly stopSignal = 'SIGTERM';

  constructor(port: number) {
    super(port, 'admit-redis-');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  protected spawnServer(): ChildProcess {
    return spawn(
      REDIS_SERVER,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  }

  protected async answers(): Promise<boolean> {
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }
}

/** The uid/gid to run PostgreSQL as: initdb and postgres refuse to run as root. */
function pgOwner(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A throw-away PostgreSQL cluster (initdb on first start), trust auth on loopback. */
export class PrivatePostgres extends PrivateServer {
  protected readonly stopSignal = 'SIGINT'; // "fast" shutdown: sessions are ended, the server stops
  private readonly owner = pgOwner();

  constructor(
    port: number,
    readonly database: string,
  ) {
    super(port, 'admit-pg-');
    if (this.owner.uid !== undefined) fs.chownSync(this.dir, this.owner.uid, this.owner.gid!);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${this.database}`;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  override async start(): Promise<void> {
    if (!fs.existsSync(this.dataDir)) {
      const res = spawnSync(
        path.join(PG_BIN, 'initdb'),
        ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
        { encoding: 'utf8', cwd: this.dir, ...this.owner },
      );
      if (res.status !== 0) throw new Error(`initdb failed: ${res.stderr}${res.error?.message ?? ''}`);
      await super.start();
      const admin = new pg.Client({ connectionString: this.url.replace(/\/[^/]*$/, '/postgres') });
      await admin.connect();
      await admin.query(`create database "${this.database}"`);
      await admin.end();
      return;
    }
    await super.start();
  }

  protected spawnServer(): ChildProcess {
    return spawn(
      path.join(PG_BIN, 'postgres'),
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${this.dir}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=50',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dir, ...this.owner },
    );
  }

  protected async answers(): Promise<boolean> {
    const client = new pg.Client({
      connectionString: this.url.replace(/\/[^/]*$/, '/postgres'),
      connectionTimeoutMillis: 1000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
