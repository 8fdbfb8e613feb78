import { DomainError } from '../../common/errors/domain-error.js';
import { specLimiter } from '../../../test/utils/spec-limiter.js';
import {
  BruteForceDefence,
  type Caller,
  PUBLIC_BUDGET,
  SERVICE_BUDGET,
  SERVICE_KEY_WIDE,
} from './brute-force-defence.js';
import { refusal } from './redemptions.errors.js';

/** Which redemption failures count against whom, and when a caller is refused (real Redis). */
describe('BruteForceDefence', () => {
  const { limiter, close } = specLimiter();
  const defence = new BruteForceDefence(limiter);
  afterAll(close);

  let n = 0;
  const address = () => `10.0.${Math.floor(++n / 250)}.${n % 250}`;
  const publicCaller = (): Caller => ({ kind: 'public', ip: address() });
  const serviceCaller = (apiKeyId = `key-${++n}`, ip = address()): Caller => ({
    kind: 'service',
    ip,
    apiKeyId,
  });

  /** One redemption through the guard whose work fails with `failure` (or succeeds); its outcome. */
  const attempt = (caller: Caller, failure?: Error) =>
    defence
      .guard(caller, async () => {
        if (failure) throw failure;
        return 'redeemed';
      })
      .catch((err: Error) => (err instanceof DomainError && err.code === 'rate_limited' ? 429 : err));

  const guesses = async (caller: Caller, count: number) => {
    for (let i = 0; i < count; i++)
      await attempt(caller, refusal(i % 2 ? 'code_not_found' : 'code_mistyped'));
  };

  it('counts unknown and mistyped codes only: other refusals, other errors and successes never lock', async () => {
    const caller = publicCaller();
    for (let i = 0; i < PUBLIC_BUDGET.limit * 2; i++) {
      await attempt(caller, refusal('code_expired'));
      await attempt(caller, refusal('code_already_redeemed'));
      await attempt(caller, DomainError.notFound('Project'));
      await attempt(caller, new Error('database down'));
      expect(await attempt(caller)).toBe('redeemed');
    }
    await guesses(caller, PUBLIC_BUDGET.limit - 1);
    expect(await attempt(caller)).toBe('redeemed');
  });

  it("gives the guess that exhausts an address's budget its own answer, and refuses the next before any work", async () => {
    const caller = publicCaller();
    await guesses(caller, PUBLIC_BUDGET.limit - 1);
    const last = refusal('code_not_found');
    expect(await attempt(caller, last)).toBe(last);
    let worked = false;
    const refused = await defence
      .guard(caller, async () => {
        worked = true;
      })
      .catch((err: DomainError) => err);
    expect(refused).toMatchObject({
      code: 'rate_limited',
      headers: { 'Retry-After': String(PUBLIC_BUDGET.lockoutSeconds) },
    });
    expect(worked).toBe(false);
    // Another address is not touched.
    expect(await attempt(publicCaller())).toBe('redeemed');
  });

  it("locks a service's key from one address only, after the service budget", async () => {
    const caller = serviceCaller() as Extract<Caller, { kind: 'service' }>;
    await guesses(caller, SERVICE_BUDGET.limit - 1);
    expect(await attempt(caller)).toBe('redeemed');
    await guesses(caller, 1);
    expect(await attempt(caller)).toBe(429);
    expect(await attempt(serviceCaller(caller.apiKeyId))).toBe('redeemed');
    expect(await attempt(serviceCaller(undefined, caller.ip))).toBe('redeemed');
  });

  it('past the key-wide threshold, each address of the key locks on its first guess; the key itself is not locked', async () => {
    const apiKeyId = `swept-${++n}`;
    const spread = Math.ceil(SERVICE_KEY_WIDE.limit / (SERVICE_BUDGET.limit - 1));
    const addresses = Array.from({ length: spread }, () => address());
    let left = SERVICE_KEY_WIDE.limit - 1;
    // Many addresses, each under its own budget, bring the key one short of its threshold.
    for (const ip of addresses) {
      const count = Math.min(left, SERVICE_BUDGET.limit - 1);
      await guesses(serviceCaller(apiKeyId, ip), count);
      left -= count;
    }
    const fresh = serviceCaller(apiKeyId);
    expect(await attempt(fresh)).toBe('redeemed');
    await guesses(fresh, 1);
    expect(await attempt(fresh)).toBe(429);
    // An address that has not failed still redeems; once it fails, it is locked.
    const another = serviceCaller(apiKeyId);
    expect(await attempt(another)).toBe('redeemed');
    await guesses(another, 1);
    expect(await attempt(another)).toBe(429);
  });
});
