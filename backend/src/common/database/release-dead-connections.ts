import type pg from 'pg';

const watched = new WeakMap<pg.PoolClient, () => void>();

/**
 * Gives a pooled connection back when its server connection ends while it is checked out.
 *
 * Kysely (under MikroORM) releases a transaction's connection only after a successful BEGIN,
 * COMMIT or ROLLBACK. When PostgreSQL goes away mid-transaction all three fail, the connection is
 * never released, and each outage would permanently take pool slots until every request waits for
 * a connection that never comes (and `close()` hangs). A dead connection is of no use to anyone, so
 * it is released here with an error, which makes the pool discard it; the later release call of
 * its holder, if any, does nothing.
 */
export function releaseDeadConnections(pool: pg.Pool): void {
  pool.on('acquire', (client) => {
    const onEnd = () => {
      watched.delete(client);
      const release = client.release;
      client.release = () => undefined;
      try {
        release.call(client, new Error('PostgreSQL connection ended while checked out'));
      } catch {
        // already released by its holder in the same tick
      }
    };
    watched.set(client, onEnd);
    client.once('end', onEnd);
  });
  pool.on('release', (_err: Error | undefined, client: pg.PoolClient) => {
    const onEnd = watched.get(client);
    if (onEnd) client.removeListener('end', onEnd);
    watched.delete(client);
  });
}
