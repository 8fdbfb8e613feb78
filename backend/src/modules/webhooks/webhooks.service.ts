import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { WebhookEvent } from '@admit/shared';
import { randomUUID } from 'node:crypto';
import { randomToken } from '../../common/auth/tokens.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { TransactionScope } from '../../common/events/event-publisher.js';
import { type FanOutPayload, JobName } from '../../common/queue/jobs.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { subscribedSql } from './webhook.types.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { Webhook } from './webhook.entity.js';
import { WebhookTargetPolicy, WebhookTargetRefused } from './webhook-target.js';

export type { FanOutPayload };

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export interface DeliveryCursor {
  createdAt: Date;
  id: string;
}

@Injectable()
export class WebhooksService {
  constructor(
    private readonly em: EntityManager,
    private readonly targets: WebhookTargetPolicy,
  ) {}

  /**
   * Schedules the webhooks of one event inside the caller's transaction: one outbox row, so the
   * event reaches the endpoints if and only if the change commits, even if the process dies
   * right after the commit. Writes nothing when no active endpoint of the project listens to the
   * event (the common case), which spares a queue job per redemption.
   */
  async enqueueEvent(
    scope: TransactionScope,
    projectId: string,
    event: WebhookEvent,
    data: Record<string, unknown>,
  ): Promise<void> {
    const [row] = await scope.em.execute<{ subscribed: boolean }[]>(
      `select ${subscribedSql('?', event)} as subscribed`,
      [projectId],
    );
    if (row?.subscribed) this.enqueueForSubscribers(scope, projectId, event, data);
  }

  /**
   * The outbox row of `enqueueEvent`, for a caller that already knows an endpoint listens (it
   * read `subscribedSql` in its own statement and saved the round trip).
   */
  enqueueForSubscribers(
    scope: TransactionScope,
    projectId: string,
    event: WebhookEvent,
    data: Record<string, unknown>,
  ): void {
    const payload: FanOutPayload = {
      eventId: randomUUID(),
      projectId,
      event,
      data,
      occurredAt: new Date().toISOString(),
    };
    scope.enqueue(QueueName.webhooks, JobName.fanOut, payload);
  }

  list(projectId: string): Promise<Webhook[]> {
    return this.em.fork().find(Webhook, { projectId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** A new endpoint with a fresh signing secret, which only this answer shows. */
  async create(
    projectId: string,
    userId: string,
    url: string,
    events: WebhookEvent[],
  ): Promise<{ webhook: Webhook; secret: string }> {
    try {
      await this.targets.check(url);
    } catch (err) {
      if (err instanceof WebhookTargetRefused) throw DomainError.validation('url', err.message, err.reason);
      throw err;
    }
    const em = this.em.fork();
    const secret = WEBHOOK_SECRET_PREFIX + randomToken(32);
    const webhook = em.create(Webhook, { projectId, url, events, secret, createdById: userId });
    await em.flush();
    return { webhook, secret };
  }

  /** Deletes the endpoint and its delivery history; queued deliveries find nothing and stop. */
  async remove(projectId: string, webhookId: string): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const deleted = await em.nativeDelete(Webhook, { id: webhookId, projectId });
      if (!deleted) throw DomainError.notFound('Webhook');
      await em.nativeDelete(WebhookDelivery, { webhookId, projectId });
    });
  }

  /** Deliveries of one endpoint, newest first, keyset on (created_at, id). */
  async deliveries(
    projectId: string,
    webhookId: string,
    limit: number,
    after?: DeliveryCursor,
  ): Promise<WebhookDelivery[]> {
    const em = this.em.fork();
    if (!(await em.count(Webhook, { id: webhookId, projectId }))) throw DomainError.notFound('Webhook');
    return em.find(
      WebhookDelivery,
      {
        projectId,
        webhookId,
        ...(after
          ? {
              $or: [
                { createdAt: { $lt: after.createdAt } },
                { createdAt: after.createdAt, id: { $lt: after.id } },
              ],
            }
          : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit },
    );
  }
}
