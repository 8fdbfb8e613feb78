import { randomInt } from 'node:crypto';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { createAccount, TEST_PASSWORD } from '../factories/accounts.js';

/**
 * The wider login budgets, with small limits so each test needs few argon2 checks (the defaults,
 * 30 per address and 50 per account, work the same way; the per-account-and-address budget is
 * proven at its default in auth.e2e-spec).
 */
/** Addresses of their own per run: lockouts outlive a run in the shared Redis. */
function someAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

describe('login lockouts (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_FAILURES_PER_ADDRESS: '5', LOGIN_FAILURES_PER_ACCOUNT: '6' });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('locks an address that tries many accounts after 5 wrong passwords, for every account', async () => {
    const account = await createAccount(t.orm, t.http);
    const ip = someAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(`nobody-${i}@example.test`, 'wrong', ip)).status);
    expect(statuses).toEqual([...Array(4).fill(401), 429]);
    await login(account.email, TEST_PASSWORD, ip).expect(429);
    await login(account.email, TEST_PASSWORD, someAddress()).expect(200);
  });

  it('lets the owner in from a fresh address during a sweep from many addresses, one guess per address', async () => {
    const account = await createAccount(t.orm, t.http);
    const sweep = Array.from({ length: 8 }, someAddress);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(account.email, `wrong-${i}`, sweep[i])).status);
    // Past 6 failures of the account in an hour, each further address locks on its first failure.
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(3).fill(429)]);
    await login(account.email, TEST_PASSWORD, sweep[7]).expect(429);
    // An address that failed before the account's limit was reached keeps its own budget.
    await login(account.email, TEST_PASSWORD, sweep[0]).expect(200);
    // The owner from an address that has not failed signs in.
    await login(account.email, TEST_PASSWORD, someAddress()).expect(200);
    expect((await login(account.email, 'wrong-again', someAddress())).status).toBe(429);
  });
});
