import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { FailureRateLimiter } from '../../src/common/http/rate-limiter.js';
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
  afterAll(() => redis.quit());

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
    for (let i = 0; i < BUDGET.limit; i++) await limiter.recordFailure(key, BUDGET);
    await redis.script('FLUSH');
    expect(await refusal(key)).toMatchObject({ code: 'rate_limited' });
    expect(await refusal(`d-${randomUUID()}`)).toBeNull();
  });
});
