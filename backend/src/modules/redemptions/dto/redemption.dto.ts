import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REFUSAL_CODES, type RefusalCode } from '@admit/shared';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { REDEMPTION_CHANNELS, type RedemptionChannel } from '../redemption.entity.js';
import type { RedemptionRow } from '../redemptions.repository.js';

/** What a learner types can hold spaces and dashes; 100 characters is far beyond any code format. */
const CODE_INPUT = { minLength: 1, maxLength: 100 };

export class RedeemLearnerDto {
  @ApiProperty({ description: 'Your id for the learner; one live redemption per learner and code' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId: string;

  @ApiPropertyOptional({ example: 'ada@example.com' })
  @IsOptional()
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class RedeemCodeDto {
  @ApiProperty({ example: '7K2Q-M3XA-9PTR', description: 'As typed: case, spaces and dashes are ignored' })
  @IsString()
  @MinLength(CODE_INPUT.minLength)
  @MaxLength(CODE_INPUT.maxLength)
  code: string;

  @ApiProperty({ type: RedeemLearnerDto })
  @ValidateNested()
  @IsObject()
  @Type(() => RedeemLearnerDto)
  learner: RedeemLearnerDto;
}

export class ValidateCodeDto {
  @ApiProperty({ example: '7K2Q-M3XA-9PTR' })
  @IsString()
  @MinLength(CODE_INPUT.minLength)
  @MaxLength(CODE_INPUT.maxLength)
  code: string;

  @ApiPropertyOptional({
    type: RedeemLearnerDto,
    description: 'Also check that this learner has not redeemed the code already',
  })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => RedeemLearnerDto)
  learner?: RedeemLearnerDto;
}

export class PublicRedeemDto {
  @ApiProperty({ example: '7K2Q-M3XA-9PTR' })
  @IsString()
  @MinLength(CODE_INPUT.minLength)
  @MaxLength(CODE_INPUT.maxLength)
  code: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'ada@example.com', description: 'Also the learner id on this page (lower-cased)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email: string;
}

export class RevokeRedemptionDto {
  @ApiProperty({ example: 'Redeemed for the wrong learner' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class ListRedemptionsQueryDto {
  @ApiPropertyOptional({
    description: 'The start of a code (as typed), or part of a learner’s email, id or name (3+ characters)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Redeemed at or after (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Redeemed before (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

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

export class ExportRedemptionsQueryDto {
  @ApiPropertyOptional({
    description: 'The start of a code (as typed), or part of a learner’s email, id or name (3+ characters)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class RedemptionProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class RedemptionPlanDto extends RedemptionProductDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null = lifetime access' })
  accessDays: number | null;
}

export class RedemptionLearnerDto {
  @ApiProperty() externalId: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class RedemptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The code, normalised' }) code: string;
  @ApiProperty({ type: RedemptionProductDto }) product: RedemptionProductDto;
  @ApiProperty({ type: RedemptionPlanDto }) plan: RedemptionPlanDto;
  @ApiProperty({ type: RedemptionLearnerDto }) learner: RedemptionLearnerDto;
  @ApiProperty({ enum: REDEMPTION_CHANNELS }) channel: RedemptionChannel;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'End of the granted access; null = lifetime',
  })
  accessUntil: string | null;
  @ApiProperty({ format: 'date-time' }) redeemedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason: string | null;
}

export class RedemptionResponseDto {
  @ApiProperty({ type: RedemptionDto }) redemption: RedemptionDto;
}

/** A row of the redemption log: the redemption and how it came in. */
export class RedemptionLogItemDto extends RedemptionDto {
  @ApiProperty({ description: 'The code grouped for people, as the codes list shows it' }) display: string;
  @ApiProperty({ format: 'uuid' }) codeId: string;
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ type: String, nullable: true, description: 'The API key it came through (channel api)' })
  apiKeyName: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) revokedById: string | null;
}

export class RedemptionListDto {
  @ApiProperty({ type: [RedemptionLogItemDto] }) items: RedemptionLogItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CodeValidationDto {
  @ApiProperty() valid: boolean;
  @ApiPropertyOptional({ enum: REFUSAL_CODES, description: 'Why the code cannot be redeemed' })
  reason?: RefusalCode;
  @ApiPropertyOptional({ description: 'A sentence for the learner' }) message?: string;
  @ApiPropertyOptional({ type: RedemptionProductDto }) product?: RedemptionProductDto;
  @ApiPropertyOptional({ type: RedemptionPlanDto }) plan?: RedemptionPlanDto;
}

export class ServiceCodeRedeemerDto {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() externalId: string;
  @ApiProperty({ format: 'date-time' }) redeemedAt: string;
}

/** A code as a service reads it (GET /codes/:code). */
export class ServiceCodeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Normalised form' }) code: string;
  @ApiProperty({ description: 'Grouped for people, e.g. 7K2Q-M3XA-9PTR' }) display: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ type: RedemptionProductDto }) product: RedemptionProductDto;
  @ApiProperty({ type: RedemptionPlanDto }) plan: RedemptionPlanDto;
  @ApiProperty({ enum: ['single', 'multiple'] }) usageType: 'single' | 'multiple';
  @ApiProperty({ type: Number, nullable: true }) maxRedemptions: number | null;
  @ApiProperty() redemptionCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validTill: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ enum: ['unused', 'used', 'exhausted'] }) status: 'unused' | 'used' | 'exhausted';
  @ApiProperty() expired: boolean;
  @ApiProperty({ type: [ServiceCodeRedeemerDto], description: 'Live redemptions, newest first' })
  redeemedBy: ServiceCodeRedeemerDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CodeWithRedemptionsDto {
  @ApiProperty({ type: ServiceCodeDto }) code: ServiceCodeDto;
  @ApiProperty({ type: [RedemptionDto], description: 'The latest 100 redemptions, revoked ones included' })
  redemptions: RedemptionDto[];
}

export class PublicCodeDto {
  @ApiProperty({ description: 'Normalised form' }) code: string;
  @ApiProperty({ description: 'Grouped for people' }) display: string;
  @ApiProperty() projectName: string;
  @ApiProperty() productName: string;
  @ApiProperty() planName: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null = lifetime access' })
  accessDays: number | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toRedemptionDto(row: RedemptionRow): RedemptionDto {
  return {
    id: row.id,
    code: row.code,
    product: { id: row.product_id, name: row.product_name ?? '' },
    plan: { id: row.plan_id, name: row.plan_name ?? '', accessDays: row.access_days ?? null },
    learner: { externalId: row.learner_external_id, email: row.learner_email, name: row.learner_name },
    channel: row.channel,
    accessUntil: iso(row.access_until),
    redeemedAt: row.redeemed_at.toISOString(),
    revokedAt: iso(row.revoked_at),
    revokeReason: row.revoke_reason,
  };
}

export function toRedemptionLogItemDto(row: RedemptionRow): RedemptionLogItemDto {
  return {
    ...toRedemptionDto(row),
    display: row.display ?? row.code,
    codeId: row.code_id,
    batchId: row.batch_id,
    apiKeyName: row.api_key_name,
    ip: row.ip,
    userAgent: row.user_agent,
    revokedById: row.revoked_by_id,
  };
}
