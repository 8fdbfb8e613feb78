import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { OptionalField } from '../../../common/http/optional-field.js';
import { CODE_STATUSES, type CodeStatus, USAGE_TYPES, type UsageType } from '../access-code.types.js';
import { QueryBoolean } from '../../../common/http/query-boolean.js';

export { CODE_STATUSES, type CodeStatus };

export class RedeemerDto {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() externalId: string;
  @ApiProperty({ format: 'date-time' }) redeemedAt: string;
}

export class AccessCodeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Normalised form, what is stored and matched' }) code: string;
  @ApiProperty({ description: 'Grouped form for people, e.g. 7K2Q-M3XA-9PTR' }) display: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() productName: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planName: string;
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ enum: USAGE_TYPES }) usageType: UsageType;
  @ApiProperty({ type: Number, nullable: true, description: '1 for single-use; null = no limit' })
  maxRedemptions: number | null;
  @ApiProperty() redemptionCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validTill: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ enum: CODE_STATUSES }) status: CodeStatus;
  @ApiProperty() expired: boolean;
  @ApiProperty({ type: [RedeemerDto] }) redeemedBy: RedeemerDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class CodeCountsDto {
  @ApiProperty() all: number;
  @ApiProperty() used: number;
  @ApiProperty() unused: number;
}

export class AccessCodeListDto {
  @ApiProperty({ type: [AccessCodeDto] }) items: AccessCodeDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiPropertyOptional({ type: CodeCountsDto }) counts?: CodeCountsDto;
}

/** Filters shared by the codes list and its CSV export. */
export class CodeFiltersDto {
  @ApiPropertyOptional({ enum: ['used', 'unused'] }) @IsOptional() @IsIn(['used', 'unused']) status?:
    'used' | 'unused';
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() expired?: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() productId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() planId?: string;
  @ApiPropertyOptional({ description: 'Start of a code, or a redeemer’s email, name or learner id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ListCodesQueryDto extends CodeFiltersDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ description: 'Also count all/used/unused codes under the other filters' })
  @IsOptional()
  @QueryBoolean()
  counts?: boolean;
}

export class UpdateAccessCodeDto {
  @ApiPropertyOptional({ description: 'New code text; normalised, unique in the project' })
  @OptionalField()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code?: string;
  @ApiPropertyOptional({ enum: USAGE_TYPES }) @OptionalField() @IsIn(USAGE_TYPES) usageType?: UsageType;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  maxRedemptions?: number | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Type(() => Date)
  @IsDate()
  validFrom?: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Type(() => Date)
  @IsDate()
  validTill?: Date | null;
}

export class CodeHistoryEntryDto {
  @ApiProperty({ enum: ['created', 'edited', 'deactivated', 'activated', 'redeemed', 'revoked'] })
  type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['user', 'api_key', 'learner', 'system'] }) actorType: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: Object, nullable: true, additionalProperties: true }) data: Record<
    string,
    unknown
  > | null;
}

export class CodeHistoryDto {
  @ApiProperty({ type: [CodeHistoryEntryDto] }) items: CodeHistoryEntryDto[];
}
