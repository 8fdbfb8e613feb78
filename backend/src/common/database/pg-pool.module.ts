import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Metrics } from '../metrics/metrics.js';
import { releaseDeadConnections } from './release-dead-connections.js';

export const PG_POOL = Symbol('PG_POOL');
/** Console/API reads (lists, counts, searches): their own connections, each statement time-limited. */
export const PG_READ_POOL = Symbol('PG_READ_POOL');

/**
 * A small pool of raw `pg` connections for the hot paths the ORM cannot stream: COPY of generated
 * codes and `COPY … TO STDOUT` exports. Everything else goes through MikroORM, except the
 * console's reads, which go through the read pool: however many slow searches run at once they
 * hold at most its few connections, never the ORM's, which redemptions use.
 */
@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [APP_CONFIG, Metrics],
      useFactory: (config: AppConfig, metrics: Metrics) => {
        const pool = new pg.Pool({
          connectionString: config.db.url,
          max: 4,
          idleTimeoutMillis: 10_000,
          connectionTimeoutMillis: config.db.connectTimeoutMs,
          application_name: 'admit-hot',
          // Streamed exports are cheap per row but large, so their plan cost invites JIT compiling
          // with full optimisation (about a second of work here) for no gain.
          options: '-c jit=off',
        });
        // An idle connection dropped by the server (restart, failover) is reported on the pool; an
        // 'error' event nobody listens to would end the process. The pool has already discarded it.
        const logger = new Logger('PgPool');
        pool.on('error', (err) => logger.warn({ err }, 'Idle PostgreSQL connection lost'));
        releaseDeadConnections(pool);
        metrics.watchPool('hot', pool);
        return pool;
      },
    },
    {
      provide: PG_READ_POOL,
      inject: [APP_CONFIG, Metrics],
      useFactory: (config: AppConfig, metrics: Metrics) => {
        const pool = new pg.Pool({
          connectionString: config.db.url,
          max: config.db.readPoolMax,
          idleTimeoutMillis: 10_000,
          // Like every pool: a read that cannot get a connection within DATABASE_CONNECT_TIMEOUT_MS
          // (all busy with slow reads, or PostgreSQL away) answers 503 instead of waiting.
          connectionTimeoutMillis: config.db.connectTimeoutMs,
          application_name: 'admit-read',
          options: `-c jit=off -c statement_timeout=${config.db.readStatementTimeoutMs}`,
        });
        // An idle connection that breaks (PostgreSQL restarted) is dropped by the pool; without a
        // listener its 'error' would end the process.
        pool.on('error', (err) => new Logger('PgReadPool').warn(`idle connection lost: ${err.message}`));
        metrics.watchPool('read', pool);
        return pool;
      },
    },
  ],
  exports: [PG_POOL, PG_READ_POOL],
})
export class PgPoolModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(PG_READ_POOL) private readonly readPool: pg.Pool,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.pool.end(), this.readPool.end()]);
  }
}
