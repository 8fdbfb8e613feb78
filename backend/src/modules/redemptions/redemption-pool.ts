import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Metrics } from '../../common/metrics/metrics.js';

/**
 * Raw `pg` connections for the redemption claim: it runs as one prepared statement outside any
 * transaction (see RedemptionsRepository.claim), which the ORM's driver cannot do. Its own pool,
 * sized like the ORM's, so a redemption never waits behind console reads or exports for a
 * connection. Connections are opened on first use.
 */
@Injectable()
export class RedemptionPool implements OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: Metrics) {
    this.pool = new pg.Pool({
      connectionString: config.db.url,
      max: config.db.poolMax,
      idleTimeoutMillis: 30_000,
      // A database out of reach answers 503 dependency_unavailable within 2 s, never a hang.
      connectionTimeoutMillis: config.db.connectTimeoutMs,
      application_name: 'admit-redeem',
    });
    // An idle connection that drops (a database restart) must not crash the process; the next
    // query opens a new one.
    this.pool.on('error', () => undefined);
    metrics.watchPool('redeem', this.pool);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
