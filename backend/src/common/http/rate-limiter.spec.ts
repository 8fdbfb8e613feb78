import { DomainError } from '../errors/domain-error.js';
import { specLimiter } from '../../../test/utils/spec-limiter.js';
import type { FailureBudget } from './rate-limiter.js';

/** The lockout decisions of the failure budget, on a real Redis (the decision is its Lua script). */
describe('FailureRateLimiter', () => {
  const { limiter, redis, prefix, close } = specLimiter();
  afterAll(close);

  let n = 0;
  const fresh = () => `key-${++n}`;
  const retryAfter = (key: string) =>
    limiter.assertAllowed(key).then(
      () => null,
      (err: DomainError) => Number(err.headers?.['Retry-After']),
    );

  it('counts failures up to the limit and locks the key with the failure that reaches it', async () => {
    const budget: FailureBudget = { limit: 3, windowSeconds: 60, lockoutSeconds: 30, maxLockoutSeconds: 600 };
    const key = fresh();
    expect(await limiter.recordFailure(key, budget)).toBeNull();
    expect(await limiter.recordFailure(key, budget)).toBeNull();
    expect(await retryAfter(key)).toBeNull();
    expect(await limiter.recordFailure(key, budget)).toBe(30);
    expect(await retryAfter(key)).toBe(30);
  });

  it('doubles each further lockout of the same key, up to the maximum', async () => {
    const budget: FailureBudget = { limit: 2, windowSeconds: 60, lockoutSeconds: 60, maxLockoutSeconds: 300 };
    const key = fresh();
    const lockouts: (number | null)[] = [];
    for (let i = 0; i < 10; i++) lockouts.push(await limiter.recordFailure(key, budget));
    // Each lockout starts the count again: every second failure locks, for twice as long, capped.
    expect(lockouts).toEqual([null, 60, null, 120, null, 240, null, 300, null, 300]);
  });

  it('forgets failures older than the window (no lockout) but remembers lockouts for a day', async () => {
    const budget: FailureBudget = { limit: 2, windowSeconds: 1, lockoutSeconds: 1, maxLockoutSeconds: 60 };
    const key = fresh();
    expect(await limiter.recordFailure(key, budget)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await limiter.recordFailure(key, budget)).toBeNull();
    expect(await limiter.recordFailure(key, budget)).toBe(1);
    expect(await redis.ttl(`${prefix}:rl:strikes:${key}`)).toBeGreaterThan(86_000);
  });

  it('answers 429 rate_limited with the longest wait of the keys asked about', async () => {
    const budget: FailureBudget = { limit: 1, windowSeconds: 60, lockoutSeconds: 45, maxLockoutSeconds: 600 };
    const [short, long, free] = [fresh(), fresh(), fresh()];
    await limiter.recordFailure(short, budget);
    await limiter.recordFailure(long, { ...budget, lockoutSeconds: 90 });
    const refused = await limiter.assertAllowed(free, short, long).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'rate_limited', status: 429, headers: { 'Retry-After': '90' } });
    expect(await retryAfter(free)).toBeNull();
  });

  it('tightens, but never locks, a wide subject past its threshold: each of its keys then locks on one failure', async () => {
    const budget: FailureBudget = { limit: 5, windowSeconds: 60, lockoutSeconds: 60, maxLockoutSeconds: 600 };
    const subject = fresh();
    const rule = (address: number) => ({
      key: `${subject}:ip:${address}`,
      budget,
      wide: { key: subject, limit: 4, windowSeconds: 60 },
    });
    // Three failures from three addresses: under both budgets.
    for (let a = 0; a < 3; a++) expect(await limiter.recordFailures([rule(a)])).toBeNull();
    // The fourth reaches the wide threshold: that address locks at once, the subject itself does not.
    expect(await limiter.recordFailures([rule(3)])).toBe(60);
    expect(await retryAfter(subject)).toBeNull();
    expect(await retryAfter(rule(0).key)).toBeNull();
    expect(await limiter.recordFailures([rule(0)])).toBe(60);
  });
});
