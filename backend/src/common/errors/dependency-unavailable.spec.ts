import { DriverException } from '@mikro-orm/core';
import { asDependencyUnavailable } from './dependency-unavailable.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('asDependencyUnavailable', () => {
  it.each([
    [
      'ioredis without a connection',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      'redis',
    ],
    ['ioredis command timeout', new Error('Command timed out'), 'redis'],
    [
      'ioredis retries exhausted',
      Object.assign(new Error('Reached the max retries per request limit (which is 1).'), {
        name: 'MaxRetriesPerRequestError',
      }),
      'redis',
    ],
    ['pg refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'postgres'],
    [
      'pg admin shutdown',
      withCode('terminating connection due to administrator command', '57P01'),
      'postgres',
    ],
    ['pg-pool timeout', new Error('timeout exceeded when trying to connect'), 'postgres'],
    ['pg connection lost', new Error('Connection terminated unexpectedly'), 'postgres'],
    [
      'MikroORM-wrapped refusal',
      new DriverException(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
      'postgres',
    ],
  ])('maps %s to 503', (_what, error, dependency) => {
    const mapped = asDependencyUnavailable(error);
    expect(mapped).toMatchObject({ status: 503, code: 'dependency_unavailable', dependency });
    expect(mapped?.headers).toEqual({ 'Retry-After': '5' });
    expect(mapped?.message).not.toMatch(/127\.0\.0\.1|ECONN/);
  });

  it.each([
    ['a unique violation', new DriverException(withCode('duplicate key value', '23505'))],
    [
      'a refused outbound fetch (a webhook URL)',
      new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED 10.0.0.1:80', 'ECONNREFUSED') }),
    ],
    ['a DNS failure', withCode('getaddrinfo ENOTFOUND hooks.example', 'ENOTFOUND')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'boom'],
  ])('leaves %s alone', (_what, error) => {
    expect(asDependencyUnavailable(error)).toBeNull();
  });
});
