import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CurrentProject,
  CurrentUser,
  type ProjectAccess,
  RequireRole,
  type UserPrincipal,
} from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import {
  CreatedWebhookDto,
  CreateWebhookDto,
  ListDeliveriesQueryDto,
  type DeliverySubjectDto,
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookDto,
  WebhookListDto,
} from './dto/webhook.dto.js';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import type { Webhook } from './webhook.entity.js';
import { type DeliveryCursor, WebhooksService } from './webhooks.service.js';
import { decodeKeysetCursor, keysetPage } from '../../common/http/keyset-cursor.js';
import { ProjectScoped } from '../../common/http/project-param.js';

const webhookIdPipe = new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Webhook') });

function toWebhookDto(webhook: Webhook): WebhookDto {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    active: webhook.active,
    createdAt: webhook.createdAt.toISOString(),
  };
}

/** What the delivered event was about, read from the body that was sent (never from live rows). */
export function deliverySubject(eventName: string, payload: unknown): DeliverySubjectDto | null {
  const data = (payload as { data?: Record<string, unknown> } | null)?.data;
  if (!data) return null;
  if (eventName === 'code.redeemed' || eventName === 'redemption.revoked') {
    const redemption = data.redemption as
      { id?: string; code?: string; learner?: { externalId?: string } } | undefined;
    if (!redemption?.id) return null;
    return {
      type: eventName === 'code.redeemed' ? 'code' : 'redemption',
      id: redemption.id,
      code: redemption.code,
      learnerExternalId: redemption.learner?.externalId ?? null,
    };
  }
  if (eventName === 'batch.completed' && typeof data.batchId === 'string') {
    return {
      type: 'batch',
      id: data.batchId,
      count: typeof data.count === 'number' ? data.count : undefined,
    };
  }
  return null;
}

function toDeliveryDto(delivery: WebhookDelivery): WebhookDeliveryDto {
  const payload = typeof delivery.payload === 'string' ? JSON.parse(delivery.payload) : delivery.payload;
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    event: delivery.eventName as WebhookDeliveryDto['event'],
    subject: deliverySubject(delivery.eventName, payload),
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode ?? null,
    lastError: delivery.lastError ?? null,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
  };
}

function decodeCursor(cursor: string): DeliveryCursor {
  const { at, id } = decodeKeysetCursor(cursor);
  return { createdAt: new Date(at), id };
}

/** Webhook endpoints of a project and their deliveries (admins). */
@ApiTags('webhooks')
@ProjectScoped()
@Controller('projects/:projectId/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @RequireRole('admin')
  @ApiOkResponse({ type: WebhookListDto })
  async listWebhooks(@CurrentProject() access: ProjectAccess): Promise<WebhookListDto> {
    return { items: (await this.webhooks.list(access.projectId)).map(toWebhookDto), nextCursor: null };
  }

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  async createWebhook(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Body() body: CreateWebhookDto,
  ): Promise<CreatedWebhookDto> {
    const { webhook, secret } = await this.webhooks.create(
      access.projectId,
      user.userId,
      body.url,
      body.events,
    );
    return { ...toWebhookDto(webhook), secret };
  }

  @Delete(':webhookId')
  @RequireRole('admin')
  @HttpCode(204)
  async deleteWebhook(
    @CurrentProject() access: ProjectAccess,
    @Param('webhookId', webhookIdPipe) webhookId: string,
  ): Promise<void> {
    await this.webhooks.remove(access.projectId, webhookId);
  }

  @Get(':webhookId/deliveries')
  @RequireRole('admin')
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  async listWebhookDeliveries(
    @CurrentProject() access: ProjectAccess,
    @Param('webhookId', webhookIdPipe) webhookId: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<WebhookDeliveryListDto> {
    const limit = query.limit ?? 50;
    const rows = await this.webhooks.deliveries(
      access.projectId,
      webhookId,
      limit + 1,
      query.cursor ? decodeCursor(query.cursor) : undefined,
    );
    const page = keysetPage(rows, limit, (d) => [d.createdAt.toISOString(), d.id]);
    return { items: page.rows.map(toDeliveryDto), nextCursor: page.nextCursor };
  }
}
