import { Global, Injectable, Module } from '@nestjs/common';
import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Batch sizes as a label: five buckets, never the count itself (labels must stay few). */
export function sizeBucket(count: number): string {
  if (count < 1_000) return 'lt_1k';
  if (count < 10_000) return '1k_10k';
  if (count < 100_000) return '10k_100k';
  if (count < 1_000_000) return '100k_1m';
  return '1m_plus';
}

/**
 * Every Prometheus instrument of one process, on a registry of its own (two apps in one test
 * process do not collide). Labels are few and bounded: outcomes and refusal codes from fixed
 * lists, route templates (never URLs), queue and pool names. Gauges that read PostgreSQL or Redis
 * are added at scrape time by the operations module.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'admit_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly redemptions = new Counter({
    name: 'admit_redemptions_total',
    help: 'Redemption attempts by outcome (redeemed, replayed, a refusal code, rate_limited or error) and channel',
    labelNames: ['outcome', 'channel'],
    registers: [this.registry],
  });

  readonly validationRefusals = new Counter({
    name: 'admit_validation_refusals_total',
    help: 'Validations (dry runs) that refused a code, by refusal code',
    labelNames: ['code'],
    registers: [this.registry],
  });

  readonly codesGenerated = new Counter({
    name: 'admit_codes_generated_total',
    help: 'Codes of completed batches, by batch mode',
    labelNames: ['mode'],
    registers: [this.registry],
  });

  readonly batchDuration = new Histogram({
    name: 'admit_batch_duration_seconds',
    help: 'From a batch request to its completion, by mode and size bucket',
    labelNames: ['mode', 'size'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });

  readonly mailDeliveries = new Counter({
    name: 'admit_mail_deliveries_total',
    help: 'Emails handed to SMTP, by outcome (sent, failed)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'admit_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome (succeeded, retrying, failed)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly lockouts = new Counter({
    name: 'admit_lockouts_total',
    help: 'Lockouts set by the failure budgets, by subject (login, redeem_public, redeem_service)',
    labelNames: ['subject'],
    registers: [this.registry],
  });

  private readonly pools = new Map<string, pg.Pool>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const pools = this.pools;
    new Gauge({
      name: 'admit_pg_pool_connections',
      help: 'PostgreSQL connections of each pool of this process, by state (in_use, idle, waiting clients)',
      labelNames: ['pool', 'state'],
      registers: [this.registry],
      collect() {
        for (const [name, pool] of pools) {
          this.set({ pool: name, state: 'in_use' }, pool.totalCount - pool.idleCount);
          this.set({ pool: name, state: 'idle' }, pool.idleCount);
          this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
        }
      },
    });
    new Gauge({
      name: 'admit_pg_pool_max',
      help: 'Size limit of each PostgreSQL pool of this process',
      labelNames: ['pool'],
      registers: [this.registry],
      collect() {
        for (const [name, pool] of pools) this.set({ pool: name }, pool.options.max ?? 10);
      },
    });
  }

  /** Reports a pool's connections as `admit_pg_pool_connections{pool=name}`. */
  watchPool(name: string, pool: pg.Pool): void {
    this.pools.set(name, pool);
  }
}

@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
