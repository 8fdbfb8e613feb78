import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@admit/shared';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../webhook-delivery.entity.js';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://lms.example.com/hooks/admit' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEvent[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({
    description:
      'HMAC-SHA256 key of X-Admit-Signature (sha256=<hex of the raw body>). Shown only in this answer.',
  })
  secret: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto] }) items: WebhookDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor is not one this API gave out' })
  cursor?: string;
}

export const DELIVERY_SUBJECT_TYPES = ['code', 'redemption', 'batch'] as const;
export type DeliverySubjectType = (typeof DELIVERY_SUBJECT_TYPES)[number];

/** What an event was about, so the deliveries list can say which code, redemption or batch. */
export class DeliverySubjectDto {
  @ApiProperty({ enum: DELIVERY_SUBJECT_TYPES }) type: DeliverySubjectType;
  @ApiProperty({ format: 'uuid', description: 'The redemption id (code and redemption) or the batch id' })
  id: string;
  @ApiPropertyOptional({ description: 'The code (normalised form) for code and redemption subjects' })
  code?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The learner of a redemption' })
  learnerExternalId?: string | null;
  @ApiPropertyOptional({ description: 'Codes in the batch, for batch subjects' })
  count?: number;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Sent as X-Admit-Delivery' }) id: string;
  @ApiProperty({ format: 'uuid' }) webhookId: string;
  @ApiProperty({ format: 'uuid', description: 'The body’s id; receivers de-duplicate on it' })
  eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event: WebhookEvent;
  @ApiProperty({
    type: DeliverySubjectDto,
    nullable: true,
    description: 'code.redeemed: the code; redemption.revoked: the redemption; batch.completed: the batch',
  })
  subject: DeliverySubjectDto | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items: WebhookDeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
