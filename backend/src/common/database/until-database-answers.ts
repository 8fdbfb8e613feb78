import { asDependencyUnavailable } from '../errors/dependency-unavailable.js';

/**
 * Runs a database write again while PostgreSQL is unreachable, for up to `maxWaitMs`.
 *
 * For the record of something already done outside the database (a webhook POSTed, a mail handed
 * to SMTP): if that record fails, the job is retried and the receiver gets it twice. Waiting out a
 * short outage here keeps "delivered once" true for outages shorter than the wait; any other error
 * is thrown at once.
 */
export async function untilDatabaseAnswers<T>(work: () => Promise<T>, maxWaitMs = 60_000): Promise<T> {
  const deadline = Date.now() + maxWaitMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await work();
    } catch (err) {
      if (!asDependencyUnavailable(err) || Date.now() + delay > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
