import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { EntityManager } from '@mikro-orm/postgresql';
import type { WebhookEvent } from '@admit/shared';
import type { Queue } from 'bullmq';
import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { Metrics } from '../../common/metrics/metrics.js';
import type { DeliveryStatus } from './webhook-delivery.entity.js';
import { type FanOutPayload, JobName } from '../../common/queue/jobs.js';
import { WebhookTargetPolicy, WebhookTargetRefused } from './webhook-target.js';
import { untilDatabaseAnswers } from '../../common/database/until-database-answers.js';

/** A receiver gets this long to answer; a slow one counts as failed and is retried. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of the raw body with the endpoint's secret>`, as in X-Admit-Signature. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * One delivery per (event, endpoint), named by a hash of both: fanning the same event out again
 * (a retried or re-dispatched job) finds the rows it already wrote instead of adding new ones.
 */
export function deliveryId(eventId: string, webhookId: string): string {
  const hex = createHash('sha256').update(`${eventId}:${webhookId}`).digest('hex');
  // Laid out as an RFC 9562 version 8 (custom) UUID.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface DeliveryTarget {
  id: string;
  status: DeliveryStatus;
  event_name: WebhookEvent;
  payload: Record<string, unknown> | string;
  url: string;
  secret: string;
}

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  /**
   * `http_<status>`, `connection_failed`, `timeout`, or a refusal of the target policy
   * (`address_not_allowed`, `scheme_not_allowed`, …); never the socket error's text.
   */
  error: string | null;
  /** The socket error, for the operator's log only. */
  detail?: string;
}

/**
 * The worker side of webhooks: turns one event into a delivery per subscribed endpoint, and
 * makes each attempt. Retries are BullMQ's (attempts with exponential backoff); every attempt is
 * recorded on the delivery row for the console.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('WebhookDelivery');
  @Inject(Metrics) private readonly metrics!: Metrics;

  constructor(
    private readonly em: EntityManager,
    @InjectQueue(QueueName.webhooks) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly targets: WebhookTargetPolicy,
  ) {}

  /** Writes the deliveries of one event (idempotently) and queues one job for each. */
  async fanOut(payload: FanOutPayload): Promise<{ deliveries: number }> {
    const em = this.em.fork();
    const webhooks = await em.execute<{ id: string }[]>(
      'select id from webhooks where project_id = ? and active and ? = any(events) order by created_at, id',
      [payload.projectId, payload.event],
    );
    const body = {
      id: payload.eventId,
      type: payload.event,
      createdAt: payload.occurredAt,
      data: payload.data,
    };
    const ids = webhooks.map((w) => deliveryId(payload.eventId, w.id));
    await em.transactional(async (tx) => {
      for (const [i, webhook] of webhooks.entries()) {
        await tx.execute(
          `insert into webhook_deliveries (id, webhook_id, project_id, event_id, event_name, payload, status, attempts, created_at)
           values (?, ?, ?, ?, ?, ?::jsonb, 'pending', 0, date_trunc('milliseconds', now()))
           on conflict (id) do nothing`,
          [ids[i], webhook.id, payload.projectId, payload.eventId, payload.event, JSON.stringify(body)],
        );
      }
    });
    // After the commit: a crash before this line leaves the fan-out job unfinished, and its
    // retry finds the rows above and queues them again; the job id keeps each one single.
    await this.queue.addBulk(
      ids.map((id) => ({
        name: JobName.deliver,
        data: { deliveryId: id },
        opts: {
          jobId: id,
          attempts: this.config.webhooks.maxAttempts,
          backoff: { type: 'exponential', delay: this.config.webhooks.retryBaseDelayMs },
          removeOnComplete: 1000,
          removeOnFail: 5000,
        },
      })),
    );
    return { deliveries: ids.length };
  }

  /**
   * One attempt at one delivery. Records it, and throws when it failed so BullMQ schedules the
   * next attempt; `final` marks the last allowed attempt, after which the delivery is `failed`.
   */
  async deliver(id: string, final: boolean): Promise<AttemptOutcome | null> {
    const em = this.em.fork();
    const [target] = await em.execute<DeliveryTarget[]>(
      `select d.id, d.status, d.event_name, d.payload, w.url, w.secret
         from webhook_deliveries d join webhooks w on w.id = d.webhook_id
        where d.id = ? and w.active`,
      [id],
    );
    if (!target || target.status === 'succeeded') return null;

    const body = typeof target.payload === 'string' ? target.payload : JSON.stringify(target.payload);
    const outcome = await this.post(target, body);
    const status: DeliveryStatus = outcome.ok ? 'succeeded' : final ? 'failed' : 'pending';
    // The POST is done: record it even across a database blip, or the retry would send it again.
    await untilDatabaseAnswers(() =>
      em.execute(
        `update webhook_deliveries
          set attempts = attempts + 1, last_attempt_at = now(), last_status_code = ?, last_error = ?,
              status = ?, delivered_at = case when ? then now() else delivered_at end
        where id = ?`,
        [outcome.statusCode, outcome.error, status, outcome.ok, id],
      ),
    );
    this.metrics.webhookDeliveries.inc({ outcome: status === 'pending' ? 'retrying' : status });
    if (!outcome.ok) {
      this.logger.warn({ deliveryId: id, ...outcome, final }, 'Webhook delivery failed');
      throw new Error(`Webhook delivery ${id} failed: ${outcome.error}`);
    }
    return outcome;
  }

  /**
   * One POST through the target policy: the URL is checked again (the endpoint may predate the
   * policy, DNS may have changed), the socket connects only to an address the policy's `lookup`
   * just allowed, redirects are not followed (a 3xx is a failed attempt), and the outcome names
   * a generic failure, never the socket error, so the list of deliveries cannot map a network.
   */
  private async post(target: DeliveryTarget, body: string): Promise<AttemptOutcome> {
    let url: URL;
    try {
      url = this.targets.parse(target.url);
    } catch (err) {
      return failure(err);
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<AttemptOutcome>((resolve) => {
      const request = send(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'Admit-Webhooks/1',
            'x-admit-event': target.event_name,
            'x-admit-delivery': target.id,
            'x-admit-signature': signature(target.secret, body),
          },
          agent: false,
          lookup: this.targets.lookup,
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        },
        (response) => {
          response.resume();
          response.on('error', () => undefined);
          const status = response.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          resolve({ ok, statusCode: status, error: ok ? null : `http_${status}` });
        },
      );
      request.on('error', (err) => resolve(failure(err)));
      request.end(body);
    });
  }
}

/** The generic failure of an attempt that got no HTTP answer. */
export function failure(err: unknown): AttemptOutcome {
  const error = err as Error;
  const reason =
    err instanceof WebhookTargetRefused
      ? err.reason
      : error?.name === 'TimeoutError' || error?.name === 'AbortError'
        ? 'timeout'
        : 'connection_failed';
  const code = (err as { code?: string })?.code;
  const detail = `${error?.message ?? String(err)}${code ? ` (${code})` : ''}`.slice(0, 500);
  return { ok: false, statusCode: null, error: reason, detail };
}
