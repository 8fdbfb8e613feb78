import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { AccessCodeDto } from '../../access-codes/dto/access-code.dto.js';
import { MAX_BATCH_SIZE_LIMIT } from '../../projects/project.types.js';
import {
  BATCH_MODES,
  BATCH_STATUSES,
  type BatchMode,
  type BatchStatus,
  USAGE_TYPES,
  type UsageType,
} from '../batch.entity.js';

export class BatchFormatInputDto {
  @ApiPropertyOptional({ enum: ['random', 'prefixed'], default: 'random' })
  @IsOptional()
  @IsIn(['random', 'prefixed'])
  kind?: 'random' | 'prefixed';
  @ApiPropertyOptional({ minimum: 6, maximum: 32 }) @IsOptional() @IsInt() @Min(6) @Max(32) length?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 8 }) @IsOptional() @IsInt() @Min(0) @Max(8) groupSize?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() checkChar?: boolean;
  @ApiPropertyOptional({ description: 'For kind prefixed: letters and digits, e.g. MATHS' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  prefix?: string;
}

export class CreateBatchDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() productId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() planId: string;
  @ApiProperty({ minimum: 1, maximum: MAX_BATCH_SIZE_LIMIT, example: 100 })
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_SIZE_LIMIT)
  count: number;
  @ApiProperty({ enum: USAGE_TYPES, default: 'single' }) @IsIn(USAGE_TYPES) usageType: UsageType = 'single';
  @ApiPropertyOptional({
    description: 'For multiple: how many learners may redeem each code; empty = no limit',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  maxRedemptions?: number;
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  validFrom?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  validTill?: Date;
  @ApiPropertyOptional({ description: 'Custom Name: codes become MATHS1, MATHS2, … (guessable)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  customName?: string;
  @ApiPropertyOptional({ type: BatchFormatInputDto })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => BatchFormatInputDto)
  format?: BatchFormatInputDto;
  @ApiProperty({ default: false, description: 'Send Notification: email the codes' })
  @IsBoolean()
  notify: boolean = false;
  @ApiPropertyOptional({ description: 'Where to send them; default the requesting admin' })
  @IsOptional()
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  notifyEmail?: string;
}

export class BatchFormatDto {
  @ApiProperty({ enum: ['random', 'custom', 'prefixed'] }) kind: 'random' | 'custom' | 'prefixed';
  @ApiProperty() length: number;
  @ApiProperty() groupSize: number;
  @ApiProperty() checkChar: boolean;
  @ApiPropertyOptional() prefix?: string;
}

export class BatchDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() productName: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planName: string;
  @ApiProperty({ enum: BATCH_MODES }) mode: BatchMode;
  @ApiProperty({ enum: BATCH_STATUSES }) status: BatchStatus;
  @ApiProperty() requestedCount: number;
  @ApiProperty() generatedCount: number;
  @ApiProperty({ enum: USAGE_TYPES }) usageType: UsageType;
  @ApiProperty({ type: Number, nullable: true }) maxRedemptions: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validTill: string | null;
  @ApiProperty({ type: String, nullable: true }) customName: string | null;
  @ApiProperty({ type: BatchFormatDto }) format: BatchFormatDto;
  @ApiProperty() notify: boolean;
  @ApiProperty({ type: String, nullable: true }) notifyEmail: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ type: String, nullable: true }) createdByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deactivatedAt: string | null;
  @ApiPropertyOptional({ description: 'Codes of the batch redeemed at least once (from its counters)' })
  redeemedCount?: number;
  @ApiPropertyOptional({ description: 'Codes the batch has now (from its counters)' })
  codeCount?: number;
  @ApiPropertyOptional({ description: 'Present when the guessable Custom Name format was used' })
  warning?: string;
}

export class CreateBatchResponseDto {
  @ApiProperty({ type: BatchDto }) batch: BatchDto;
  @ApiPropertyOptional({ type: [AccessCodeDto], description: 'Standard batches only (201)' })
  codes?: AccessCodeDto[];
}

export class BatchListDto {
  @ApiProperty({ type: [BatchDto] }) items: BatchDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ListBatchesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class SignedDownloadQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() expires: number;
  @ApiProperty() @IsString() @MaxLength(128) signature: string;
}

export class ResendBatchEmailDto {
  @ApiPropertyOptional({
    example: 'teacher@example.com',
    description: 'Where to send it; default: the address named when the batch was made, else yours',
  })
  @IsOptional()
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email?: string;
}

export class ResendBatchEmailResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The email, as recorded in the mail log' }) mailId: string;
  @ApiProperty() recipient: string;
}
