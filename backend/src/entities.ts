import { IdempotencyRecord } from './common/idempotency/idempotency-record.entity.js';
import { OutboxMessage } from './common/outbox/outbox-message.entity.js';
import { AccessCode } from './modules/access-codes/access-code.entity.js';
import { AccessCodeCounter } from './modules/access-codes/access-code-counter.entity.js';
import { CodeEvent } from './modules/access-codes/code-event.entity.js';
import { CustomNameCounter } from './modules/access-codes/custom-name-counter.entity.js';
import { ApiKey } from './modules/api-keys/api-key.entity.js';
import { BatchChunk } from './modules/batches/batch-chunk.entity.js';
import { Batch } from './modules/batches/batch.entity.js';
import { Session } from './modules/identity/session.entity.js';
import { Tenant } from './modules/identity/tenant.entity.js';
import { User } from './modules/identity/user.entity.js';
import { MailMessage } from './modules/mailing/mail-message.entity.js';
import { Notification } from './modules/notifications/notification.entity.js';
import { Plan } from './modules/products/plan.entity.js';
import { Product } from './modules/products/product.entity.js';
import { ProjectMember } from './modules/projects/project-member.entity.js';
import { Project } from './modules/projects/project.entity.js';
import { Redemption } from './modules/redemptions/redemption.entity.js';
import { WebhookDelivery } from './modules/webhooks/webhook-delivery.entity.js';
import { Webhook } from './modules/webhooks/webhook.entity.js';

/**
 * Every entity, for the ORM config and the migration generator. It lives beside app.module.ts, the
 * one place that knows every feature module, so that common/ imports nothing from modules/
 * (enforced by the lint's dependency-cruiser rules).
 */
export const ENTITIES = [
  Tenant,
  User,
  Session,
  Project,
  ProjectMember,
  ApiKey,
  Product,
  Plan,
  Batch,
  BatchChunk,
  AccessCode,
  AccessCodeCounter,
  CodeEvent,
  CustomNameCounter,
  Redemption,
  IdempotencyRecord,
  OutboxMessage,
  Webhook,
  WebhookDelivery,
  Notification,
  MailMessage,
];
