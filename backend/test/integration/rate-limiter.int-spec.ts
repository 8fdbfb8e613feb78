import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { FailureRateLimiter } from '../../src/common/http/rate-limiter.js';
import { createRedis } from '../../src/common/queue/redis.module.js';
import { PrivateRedis, freePort } from '../utils/private-services.js';
import { until } from '../utils/until.js';
import { testConfig } from '../utils/test-app.js';

const BUDGET = { limit: 3, windowSeconds: 60, lockoutSeconds: 60, maxLockoutSeconds: 3600 };

/** The lockout check against a real Redis: one script call over any number of keys. */
describe('FailureRateLimiter (integration)', () => {
  let redis: Redis;
  let limiter: FailureRateLimiter;
  beforeAll(() => {
    const config = testConfig();
    redis = new Redis(config.redis.url);
    limiter = new FailureRateLimiter(redis, config);
  });
  afterAll(async () => {
    await limiter.onApplicationShutdown();
    await redis.quit();
  });

  const refusal = async (...keys: string[]) =>
    limiter.assertAllowed(...keys).then(
      () => null,
      (err: unknown) => err,
    );

  it('lets keys through until one of them runs out of budget, then answers 429 with the longest wait', async () => {
    const [a, b] = [`a-${randomUUID()}`, `b-${randomUUID()}`];
    expect(await refusal(a, b)).toBeNull();
    for (let i = 0; i < BUDGET.limit - 1; i++) expect(await limiter.recordFailure(b, BUDGET)).toBeNull();
    expect(await refusal(a, b)).toBeNull();
    expect(await limiter.recordFailure(b, BUDGET)).toBe(60);

    const err = await refusal(a, b);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'rate_limited', status: 429 });
    const retryAfter = Number((err as DomainError).headers?.['Retry-After']);
    expect(retryAfter).toBeGreaterThan(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The other key alone is not locked.
    expect(await refusal(a)).toBeNull();
  });

  it('still answers when Redis has forgotten the script', async () => {
    const key = `c-${randomUUID()}`;
    for (let i = 0; i < BUDGET.limit - 1; i++) await limiter.recordFailure(key, BUDGET);
    await redis.script('FLUSH');
    expect(await limiter.recordFailure(key, BUDGET)).toBe(60);
    await redis.script('FLUSH');
    expect(await refusal(key)).toMatchObject({ code: 'rate_limited' });
    expect(await refusal(`d-${randomUUID()}`)).toBeNull();
  });

  it('never locks a wide subject: past its limit each narrow key locks on its first failure, fresh ones pass', async () => {
    const subject = `wide-${randomUUID()}`;
    const rule = (n: number) => ({
      key: `${subject}:ip:${n}`,
      budget: BUDGET,
      wide: { key: subject, limit: 5, windowSeconds: 60 },
    });
    // Five addresses fail once each: under their own budget of 3, and the fifth brings the subject to 5.
    for (let n = 0; n < 4; n++) expect(await limiter.recordFailures([rule(n)])).toBeNull();
    expect(await limiter.recordFailures([rule(4)])).toBe(60);
    expect(await refusal(rule(4).key)).toMatchObject({ code: 'rate_limited' });
    // Addresses that failed before keep their own budget; a fresh one is let through.
    expect(await refusal(rule(0).key)).toBeNull();
    expect(await refusal(rule(99).key)).toBeNull();
    // ...until it fails once.
    expect(await limiter.recordFailures([rule(99)])).toBe(60);
    expect(await refusal(rule(99).key)).toMatchObject({ code: 'rate_limited' });
  });

  it('records every rule of a failure in one call and answers the longest lockout it set', async () => {
    const [narrow, broad] = [`n-${randomUUID()}`, `b-${randomUUID()}`];
    const rules = [
      { key: narrow, budget: BUDGET },
      { key: broad, budget: { ...BUDGET, limit: 2, lockoutSeconds: 120 } },
    ];
    expect(await limiter.recordFailures(rules)).toBeNull();
    expect(await limiter.recordFailures(rules)).toBe(120);
    expect(await refusal(narrow)).toBeNull();
    expect(await limiter.recordFailures(rules)).toBe(60);
    expect(await refusal(narrow)).toMatchObject({ code: 'rate_limited' });
  });

  it('checks a caller who is not locked without a Redis round trip, and learns of a lock made by another process', async () => {
    const config = testConfig();
    const other = new Redis(config.redis.url);
    const replica = new FailureRateLimiter(other, config);
    const scripts = jest.spyOn(other, 'evalsha');
    try {
      const [victim, bystander] = [`v-${randomUUID()}`, `w-${randomUUID()}`];
      // Each phase gets its own 10 s: on a loaded machine an earlier one must not eat a later one's time.
      const within = () => {
        const until = Date.now() + 10_000;
        return () => Date.now() < until;
      };
      // The first checks ask Redis while the replica's copy of the locks is being read.
      let inTime = within();
      let asked: number;
      do {
        asked = scripts.mock.calls.length;
        await replica.assertAllowed(bystander);
      } while (scripts.mock.calls.length > asked && inTime());
      asked = scripts.mock.calls.length;
      for (let i = 0; i < 100; i++) await replica.assertAllowed(bystander, victim);
      expect(scripts.mock.calls.length).toBe(asked);

      // Another process (this suite's limiter) locks `victim` out: the replica refuses it too.
      for (let i = 0; i < BUDGET.limit; i++) await limiter.recordFailure(victim, BUDGET);
      let err: unknown = null;
      inTime = within();
      while (!err && inTime()) {
        err = await replica.assertAllowed(victim).then(
          () => null,
          (e: unknown) => e,
        );
        if (!err) await new Promise((r) => setTimeout(r, 5));
      }
      expect(err).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(Number((err as DomainError).headers?.['Retry-After'])).toBeGreaterThan(55);
      expect(await replica.assertAllowed(bystander)).toBeUndefined();
      expect(scripts.mock.calls.length).toBe(asked);

      // A process that starts later reads the locks that already exist.
      const late = new Redis(config.redis.url);
      const lateReplica = new FailureRateLimiter(late, config);
      try {
        await lateReplica.assertAllowed(bystander); // starts its copy
        const lateScripts = jest.spyOn(late, 'evalsha');
        let lateErr: unknown = null;
        let fromCopy = false;
        inTime = within();
        while (inTime()) {
          const before = lateScripts.mock.calls.length;
          lateErr = await lateReplica.assertAllowed(victim).then(
            () => null,
            (e: unknown) => e,
          );
          fromCopy = lateScripts.mock.calls.length === before;
          if (fromCopy) break;
        }
        expect(fromCopy).toBe(true);
        expect(lateErr).toMatchObject({ code: 'rate_limited' });
      } finally {
        await lateReplica.onApplicationShutdown();
        await late.quit();
      }
    } finally {
      await replica.onApplicationShutdown();
      await other.quit();
    }
  });

  it('stops trusting its copy of the locks when Redis goes silent (a frozen server), so checks fail closed', async () => {
    const server = new PrivateRedis(await freePort());
    await server.start();
    const client = createRedis(server.url);
    const config = testConfig();
    const frozenLimiter = new FailureRateLimiter(client, config);
    const scripts = jest.spyOn(client, 'evalsha');
    const key = `f-${randomUUID()}`;
    // Answered, and without asking Redis (an error while the client connects counts as no).
    const answeredFromCopy = async () => {
      const before = scripts.mock.calls.length;
      const answered = await frozenLimiter.assertAllowed(key).then(
        () => true,
        () => false,
      );
      return answered && scripts.mock.calls.length === before;
    };
    try {
      await until('the copy of the locks is live', answeredFromCopy);
      server.freeze();
      // The connection stays open, so only the missing answers to its pings tell.
      await new Promise((r) => setTimeout(r, 3500));
      const before = scripts.mock.calls.length;
      await expect(frozenLimiter.assertAllowed(key)).rejects.toThrow(/timed out/i);
      expect(scripts.mock.calls.length).toBe(before + 1);
      server.thaw();
      await until('the copy of the locks is trusted again', answeredFromCopy);
    } finally {
      server.thaw();
      await frozenLimiter.onApplicationShutdown();
      client.disconnect();
      await server.destroy();
    }
  });
});
