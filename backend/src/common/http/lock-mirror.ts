import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/** Expired entries are swept once the copy holds this many, then each time it has doubled since. */
const SWEEP_AT = 10_000;
/**
 * How often the subscription is pinged, and how long a ping may go unanswered while the copy is
 * still trusted. Measured from the unanswered ping, not from the last answer, so a busy event loop
 * that ran the timer late does not by itself distrust the copy.
 */
const HEARTBEAT_MS = 500;
const TRUST_MS = 2_000;

/**
 * This process's copy of the lockouts kept in Redis, so that checking a caller who is not locked
 * out — every successful redemption and login — costs no Redis round trip.
 *
 * A lock is only ever made by the limiter's failure script, which publishes it (`<lock key>
 * <ms>`) on `channel`; each process subscribes once it is first asked, and each time its
 * subscription is (re)established it reads the locks that already exist (SCAN) before it trusts
 * its copy. A lock made on another replica reaches this one within the publish's delivery (a
 * millisecond or so on one network). Whenever the subscription is not live — before the first
 * read, Redis restarting or away, or a ping unanswered for TRUST_MS (a frozen server or a
 * black-holed connection never closes the socket, so the subscription is pinged every
 * HEARTBEAT_MS) —
 * `longest` answers `null` and the limiter asks Redis as before, so an outage still answers 503
 * instead of letting guesses through unchecked (docs/reliability.md, "fails closed").
 */
export class LockMirror {
  private readonly logger = new Logger('LockMirror');
  /** Lock key → when it ends (ms since the epoch). */
  private readonly locks = new Map<string, number>();
  private sweepAt = SWEEP_AT;
  private subscriber: Redis | undefined;
  private live = false;
  /** When the ping still waiting for its answer was sent (ms since the epoch), if one is. */
  private pingSentAt: number | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Counts (re)subscriptions, so a scan that a newer one overtook does not declare the copy live. */
  private generation = 0;

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly lockPattern: string,
  ) {}

  /**
   * The longest remaining lock among `lockKeys` in ms (0 when none), or `null` when the copy is
   * not to be trusted right now. The first call starts the subscription.
   */
  longest(lockKeys: string[], now = Date.now()): number | null {
    if (!this.subscriber) this.start();
    if (!this.live || (this.pingSentAt !== undefined && now - this.pingSentAt > TRUST_MS)) return null;
    let longest = 0;
    for (const key of lockKeys) {
      const until = this.locks.get(key);
      if (until === undefined) continue;
      if (until <= now) this.locks.delete(key);
      else longest = Math.max(longest, until - now);
    }
    return longest;
  }

  /** A lock this process just made (known before its own message comes back). */
  note(lockKey: string, ms: number, now = Date.now()): void {
    if (this.locks.size >= this.sweepAt) {
      for (const [key, until] of this.locks) if (until <= now) this.locks.delete(key);
      // Locks that are all still running are not walked again on every failure (an attack's).
      this.sweepAt = Math.max(SWEEP_AT, 2 * this.locks.size);
    }
    const until = now + ms;
    if ((this.locks.get(lockKey) ?? 0) < until) this.locks.set(lockKey, until);
  }

  async stop(): Promise<void> {
    this.live = false;
    clearInterval(this.heartbeat);
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private start(): void {
    // A connection of its own (a subscribed connection can send nothing else) that waits for
    // Redis and subscribes again after each reconnect.
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => {
      const space = message.lastIndexOf(' ');
      this.note(message.slice(0, space), Number(message.slice(space + 1)));
    });
    subscriber.on('error', () => undefined);
    subscriber.on('close', () => {
      this.live = false;
    });
    subscriber.on('ready', () => void this.resync(subscriber));
    this.heartbeat = setInterval(() => {
      if (subscriber.status !== 'ready' || this.pingSentAt !== undefined) return;
      this.pingSentAt = Date.now();
      subscriber.ping().then(
        () => {
          this.pingSentAt = undefined;
        },
        () => undefined,
      );
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Subscribed again: read every lock that exists, then trust the copy. */
  private async resync(subscriber: Redis): Promise<void> {
    const generation = ++this.generation;
    this.live = false;
    try {
      await subscriber.subscribe(this.channel);
      const now = Date.now();
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.lockPattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length) {
          const ttls = await this.redis.pipeline(keys.map((key) => ['pttl', key])).exec();
          keys.forEach((key, i) => {
            const ttl = Number(ttls?.[i]?.[1]);
            if (ttl > 0) this.note(key, ttl, now);
          });
        }
      } while (cursor !== '0');
      if (generation === this.generation && this.subscriber === subscriber && subscriber.status === 'ready') {
        this.pingSentAt = undefined;
        this.live = true;
      }
    } catch (err) {
      // Redis went away again while reading (or the shared client is not back yet): try again in
      // a second, and meanwhile ask Redis.
      this.logger.debug(`lock copy not refreshed yet: ${(err as Error).message}`);
      setTimeout(() => {
        if (generation === this.generation && this.subscriber === subscriber) void this.resync(subscriber);
      }, 1000).unref();
    }
  }
}
